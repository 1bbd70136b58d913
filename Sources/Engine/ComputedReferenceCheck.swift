import Blueprint
import Diagnostics

/// `get_property` whose node or property name is given by a function
/// (`get_property: [vm, {get_input: name}]`): the names are known only once the inputs are, so
/// the blueprint's checks pass them over. Cloudify evaluates them when it prepares the plan and
/// fails on a name that finds nothing; this check does the same with the bound inputs, in node
/// templates' and relationships' properties, outputs and capabilities (a libvirt node's `params`
/// are evaluated by its document and reported there). Cheap for every other blueprint: only an
/// expression whose functions say so (`FunctionSet.containsComputedPropertyName`) is looked into.
enum ComputedReferenceCheck {
    static func check(_ blueprint: Blueprint, reportedAlready: [Diagnostic]) -> [Diagnostic] {
        let templates = blueprint.nodeTemplates
        let evaluator = Evaluator(blueprint: blueprint)
        var found: [Diagnostic] = []
        func check(_ expression: Expression, in context: ExpressionContext) {
            guard expression.functions.containsComputedPropertyName else { return }
            expression.forEachCall { call in
                guard call.function == .getProperty, !call.isMalformed, call.arguments.count >= 2,
                      call.arguments[0].stringLiteral == nil || call.arguments[1].stringLiteral == nil else { return }
                _ = evaluator.evaluate(Expression(.call(call), range: call.range), in: context, diagnostics: &found)
            }
        }
        // By index over the tables' arrays: most values call nothing, and are not copied.
        func checkAll(_ table: NameTable<Expression>, in context: ExpressionContext, skipping skipped: (String) -> Bool) {
            let values = table.elements
            for index in values.indices where values[index].functions.containsComputedPropertyName && !skipped(table.names[index]) {
                check(values[index], in: context)
            }
        }
        // By index, not `for template in`: a copy of each template was most of this check's cost.
        let all = templates.elements
        for index in all.indices {
            let name = all[index].name
            let context = ExpressionContext.nodeProperty(node: name)
            // A libvirt node's params are evaluated by its document, and reported there.
            let isLibvirtParams = { (property: String) in
                property == "params" && LibvirtObjectKind(typeHierarchy: all[index].typeHierarchy) != nil
            }
            checkAll(all[index].properties.given, in: context, skipping: isLibvirtParams)
            checkAll(all[index].properties.defaults, in: context) { isLibvirtParams($0) || all[index].properties.given.contains($0) }
            for relationship in all[index].relationships.indices {
                let properties = all[index].relationships[relationship].properties
                let context = ExpressionContext.relationshipProperty(source: name, target: all[index].relationships[relationship].target)
                checkAll(properties.given, in: context) { _ in false }
                checkAll(properties.defaults, in: context) { properties.given.contains($0) }
            }
        }
        for output in blueprint.outputs.elements + blueprint.capabilities.elements {
            check(output.value, in: .output)
        }
        // A call inside another computed call is evaluated with it and alone: report it once.
        guard !found.isEmpty else { return [] }
        var seen = Set(reportedAlready)
        return found.filter { seen.insert($0).inserted }
    }
}
