import Blueprint
import Diagnostics

/// `merge` and the string functions whose arguments are given by other functions
/// (`string_split: [text, ',', {get_input: index}]`): the blueprint's checks take only literal
/// arguments, and the values are known once the inputs are bound. Cloudify evaluates them when
/// it prepares the plan and fails on a value of the wrong type (an index given as text, a list
/// to merge) or one that cannot be used (an index out of range, an empty separator); this does
/// the same with the bound inputs and the node templates' properties, at the argument, in node
/// templates' and relationships' properties, operation inputs, outputs and capabilities (a
/// libvirt node's `params` are evaluated by its document and reported there). An argument
/// known only at run time (get_attribute) is left to the run.
enum ComputedArgumentCheck {
    static func check(_ blueprint: Blueprint) -> [Diagnostic] {
        let templates = blueprint.nodeTemplates
        let evaluator = Evaluator(blueprint: blueprint)
        var found: [Diagnostic] = []
        func check(_ expression: Expression, in context: ExpressionContext) {
            guard !expression.functions.isDisjoint(with: checkedFunctions) else { return }
            expression.forEachCall { call in
                guard checkedFunctions.contains(call.function), !call.isMalformed, call.arguments.contains(where: \.containsFunctions) else { return }
                var reported: [Diagnostic] = []
                _ = evaluator.evaluate(Expression(.call(call), range: call.range), in: context, diagnostics: &reported)
                // What the function itself finds, at one of its arguments: what a property it
                // reads finds is reported at that property.
                for var diagnostic in reported where diagnostic.code == .functionArgumentType || diagnostic.code == .functionEvaluationFailed {
                    guard let argument = call.arguments.first(where: { $0.range == diagnostic.range }) else { continue }
                    if case .call(let source) = argument.kind {
                        diagnostic.notes.append(DiagnosticNote("the value comes from \(source.summary), known once the inputs are bound; give it a value that fits"))
                    }
                    found.append(diagnostic)
                }
            }
        }
        func checkAll(_ values: [Expression], in context: ExpressionContext) {
            for index in values.indices where !values[index].functions.isDisjoint(with: checkedFunctions) {
                check(values[index], in: context)
            }
        }
        // A property table's values (a default only where the template gives none), by index:
        // most call none of these functions and are not copied.
        func checkProperties(_ properties: PropertyTable, in context: ExpressionContext, skipping skipped: (String) -> Bool = { _ in false }) {
            func checkTable(_ table: NameTable<Expression>, isDefaults: Bool) {
                let values = table.elements
                for index in values.indices where !values[index].functions.isDisjoint(with: checkedFunctions) {
                    let name = table.names[index]
                    guard !skipped(name), !(isDefaults && properties.given.contains(name)) else { continue }
                    check(values[index], in: context)
                }
            }
            checkTable(properties.given, isDefaults: false)
            checkTable(properties.defaults, isDefaults: true)
        }
        func checkOperations(_ interfaces: NameTable<Interface>, in context: ExpressionContext) {
            for interface in interfaces.elements {
                for operation in interface.operations.elements { checkAll(operation.inputs.elements, in: context) }
            }
        }
        // By index, not `for template in`: a copy of each template would cost more than the check.
        let all = templates.elements
        for index in all.indices {
            let name = all[index].name
            let isLibvirtObject = LibvirtObjectKind(typeHierarchy: all[index].typeHierarchy) != nil
            checkProperties(all[index].properties, in: .nodeProperty(node: name)) { isLibvirtObject && $0 == "params" }
            checkOperations(all[index].interfaces, in: .operationInput(node: name))
            for relationship in all[index].relationships.indices {
                let target = all[index].relationships[relationship].target
                checkProperties(all[index].relationships[relationship].properties, in: .relationshipProperty(source: name, target: target))
                let context = ExpressionContext.relationshipOperationInput(source: name, target: target)
                checkOperations(all[index].relationships[relationship].sourceInterfaces, in: context)
                checkOperations(all[index].relationships[relationship].targetInterfaces, in: context)
            }
        }
        for output in blueprint.outputs.elements + blueprint.capabilities.elements {
            check(output.value, in: .output)
        }
        return found
    }

    private static let checkedFunctions = FunctionSet([.merge, .stringFind, .stringReplace, .stringSplit, .stringLower, .stringUpper])
}
