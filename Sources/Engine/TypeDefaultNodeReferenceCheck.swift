import Blueprint
import Diagnostics

/// SELF, SOURCE or TARGET in a default that a node or relationship type gives a property or an
/// operation input, checked as each template that takes the default reads it. The blueprint's
/// checks see a type's defaults alone, where any of the three may stand and none names a node;
/// this looks at them in each template, at the default: where the reference means nothing
/// (TARGET in a node type's property default, SELF in a relationship type's operation input
/// default: BV0306), and what get_property reads of the node it stands for (a property that
/// node's type does not declare or that has no value: BV0305; a path its value lacks: BV0309).
/// Cloudify merges a type's property and operation input defaults into its templates and
/// refuses these there as in a template (7.0.5's parser: "SOURCE cannot be used with
/// get_attribute function in nodes.a.operations…", "Node template property 'n.properties.k'
/// referenced from 'nodes.n.operations.op.inputs.v' doesn't exist"): errors. It does not check
/// the functions of a relationship's properties: there they are warnings (BV0816, BV0817). A
/// type no template uses, and a default every template gives a value of its own, are not
/// looked at; each default is reported once, for the first template it fails in.
enum TypeDefaultNodeReferenceCheck {
    static func check(_ blueprint: Blueprint) -> [Diagnostic] {
        // Only the templates and relationships of types with such a default are looked at: most
        // types' defaults read no node, and looking at every template's operations was a fifth
        // of validate at 10,000 templates.
        let nodeTypes = Set(blueprint.nodeTypes.elements.lazy
            .filter { readsNodeReference($0.properties) || readsNodeReference($0.interfaces) }.map(\.name))
        let relationshipTypes = Set(blueprint.relationshipTypes.elements.lazy
            .filter { readsNodeReference($0.properties) || readsNodeReference($0.sourceInterfaces) || readsNodeReference($0.targetInterfaces) }
            .map(\.name))
        guard !nodeTypes.isEmpty || !relationshipTypes.isEmpty else { return [] }
        let scope = BlueprintScope(blueprint)
        var found: [Diagnostic] = []
        var reported: Set<SourceRange> = []
        func check(_ expression: Expression, in context: ExpressionContext, takenBy taker: String, from type: String) {
            guard expression.containsFunctions else { return }
            let inRelationshipProperty = if case .relationshipProperty = context { true } else { false }
            expression.forEachCall { call in
                guard call.function.takesNodeReference, !call.isMalformed, let reference = call.arguments.first, let name = reference.stringLiteral,
                      !reported.contains(reference.range) else { return }
                let problem: Diagnostic?
                if let misplaced = FunctionChecker.misplacedNodeReference(name, at: reference.range, in: context) {
                    problem = inRelationshipProperty
                        ? relationshipPropertyWarning(misplaced, code: .misplacedNodeReferenceInTypeDefault, consequence: "it stands for no node there")
                        : misplaced
                } else if let missing = FunctionChecker.propertyProblems(readBy: call, in: context, scope: scope).first {
                    problem = inRelationshipProperty
                        ? relationshipPropertyWarning(missing, code: .missingPropertyInTypeDefault, consequence: "the value is not there")
                        : missing
                } else {
                    problem = nil
                }
                guard var diagnostic = problem else { return }
                reported.insert(reference.range)
                diagnostic.notes.insert(DiagnosticNote("this is a default of \(type), which \(taker) takes"), at: 0)
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

    /// Cloudify does not check the functions of a relationship's properties when it parses the
    /// blueprint: there a problem is a warning.
    private static func relationshipPropertyWarning(_ diagnostic: Diagnostic, code: DiagnosticCode, consequence: String) -> Diagnostic {
        .warning(code, diagnostic.message + "; Cloudify does not check a relationship's properties when it parses the blueprint, and \(consequence)",
                 at: diagnostic.range, notes: diagnostic.notes)
    }

    /// Whether some default among `schemas` calls a function with SELF, SOURCE or TARGET.
    private static func readsNodeReference(_ schemas: NameTable<PropertySchema>) -> Bool {
        schemas.elements.contains { schema in
            guard let value = schema.default, value.containsFunctions else { return false }
            var reads = false
            value.forEachCall { call in
                if call.function.takesNodeReference, let name = call.arguments.first?.stringLiteral, FunctionChecker.nodeKeywords.contains(name) {
                    reads = true
                }
            }
            return reads
        }
    }

    private static func readsNodeReference(_ interfaces: NameTable<Interface>) -> Bool {
        interfaces.elements.contains { interface in
            interface.operations.elements.contains { readsNodeReference($0.inputSchemas) }
        }
    }
}
