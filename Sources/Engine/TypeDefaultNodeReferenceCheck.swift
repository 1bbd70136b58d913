import Blueprint
import Diagnostics

/// SELF, SOURCE or TARGET in a default that a node or relationship type gives a property or an
/// operation input, where the templates that take the default give it no meaning: TARGET in a
/// node type's property default, SELF in a relationship type's operation input default. The
/// blueprint's checks see a type's defaults alone, where any of the three may stand; this looks
/// at them as each template takes them, at the default. Cloudify merges a type's property and
/// operation input defaults into its templates and refuses them there as in a template (7.0.5's
/// parser: "SOURCE cannot be used with get_attribute function in nodes.a.operations…"): BV0306,
/// an error. It does not check the functions of a relationship's properties: there BV0816, a
/// warning. A type no template uses, and a default every template gives a value of its own, are
/// not looked at; each default is reported once.
enum TypeDefaultNodeReferenceCheck {
    static func check(_ blueprint: Blueprint) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var reported: Set<SourceRange> = []
        func check(_ expression: Expression, in context: ExpressionContext, takenBy taker: String, from type: String) {
            guard expression.containsFunctions else { return }
            expression.forEachCall { call in
                guard call.function.takesNodeReference, !call.isMalformed, let reference = call.arguments.first, let name = reference.stringLiteral,
                      !reported.contains(reference.range),
                      var diagnostic = FunctionChecker.misplacedNodeReference(name, at: reference.range, in: context) else { return }
                reported.insert(reference.range)
                let origin = DiagnosticNote("this is a default of \(type), which \(taker) takes")
                if case .relationshipProperty = context {
                    diagnostic = .warning(.misplacedNodeReferenceInTypeDefault,
                                          diagnostic.message + "; Cloudify does not check a relationship's properties when it parses the blueprint, and it stands for no node there",
                                          at: diagnostic.range, notes: [origin] + diagnostic.notes)
                } else {
                    diagnostic.notes.insert(origin, at: 0)
                }
                found.append(diagnostic)
            }
        }
        /// The inputs of `interfaces` that are the defaults their type declares (the template gives no value of its own).
        func checkDefaultInputs(of interfaces: NameTable<Interface>, in context: ExpressionContext, takenBy taker: String, from type: String) {
            for interface in interfaces.elements {
                for operation in interface.operations.elements {
                    for (name, input) in operation.inputs.entries where operation.inputSchemas[name]?.default?.range == input.range {
                        check(input, in: context, takenBy: taker, from: type)
                    }
                }
            }
        }
        func checkDefaults(of properties: PropertyTable, in context: ExpressionContext, takenBy taker: String, from type: String) {
            // By index: most defaults call nothing, and are not copied.
            let values = properties.defaults.elements
            for index in values.indices where values[index].containsFunctions && !properties.given.contains(properties.defaults.names[index]) {
                check(values[index], in: context, takenBy: taker, from: type)
            }
        }
        // Only the templates and relationships of types with such a default are looked at: most
        // types' defaults read no node, and looking at every template's operations was a fifth
        // of validate at 10,000 templates.
        let nodeTypes = Set(blueprint.nodeTypes.elements.lazy
            .filter { readsNodeReference($0.properties) || readsNodeReference($0.interfaces) }.map(\.name))
        let relationshipTypes = Set(blueprint.relationshipTypes.elements.lazy
            .filter { readsNodeReference($0.properties) || readsNodeReference($0.sourceInterfaces) || readsNodeReference($0.targetInterfaces) }
            .map(\.name))
        guard !nodeTypes.isEmpty || !relationshipTypes.isEmpty else { return [] }
        // By index, not `for template in`: a copy of each template is most of such a check's cost.
        let templates = blueprint.nodeTemplates.elements
        for index in templates.indices {
            let node = templates[index].name
            if nodeTypes.contains(templates[index].type) {
                let taker = "node template '\(node)'"
                let type = "node type '\(templates[index].type)'"
                checkDefaults(of: templates[index].properties, in: .nodeProperty(node: node), takenBy: taker, from: type)
                checkDefaultInputs(of: templates[index].interfaces, in: .operationInput(node: node), takenBy: taker, from: type)
            }
            for relationship in templates[index].relationships where relationshipTypes.contains(relationship.type) {
                let taker = "the relationship from '\(node)' to '\(relationship.target)'"
                let type = "relationship type '\(relationship.type)'"
                checkDefaults(of: relationship.properties, in: .relationshipProperty(source: node, target: relationship.target), takenBy: taker, from: type)
                let context = ExpressionContext.relationshipOperationInput(source: node, target: relationship.target)
                checkDefaultInputs(of: relationship.sourceInterfaces, in: context, takenBy: taker, from: type)
                checkDefaultInputs(of: relationship.targetInterfaces, in: context, takenBy: taker, from: type)
            }
        }
        return found
    }

    /// Whether some default among `schemas` calls a function with SELF, SOURCE or TARGET.
    private static func readsNodeReference(_ schemas: NameTable<PropertySchema>) -> Bool {
        schemas.elements.contains { schema in
            guard let value = schema.default, value.containsFunctions else { return false }
            var reads = false
            value.forEachCall { call in
                if call.function.takesNodeReference, let name = call.arguments.first?.stringLiteral, nodeReferences.contains(name) { reads = true }
            }
            return reads
        }
    }

    private static func readsNodeReference(_ interfaces: NameTable<Interface>) -> Bool {
        interfaces.elements.contains { interface in
            interface.operations.elements.contains { readsNodeReference($0.inputSchemas) }
        }
    }

    private static let nodeReferences: Set<String> = ["SELF", "SOURCE", "TARGET"]
}
