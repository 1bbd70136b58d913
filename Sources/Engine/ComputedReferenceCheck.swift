import Blueprint
import Diagnostics

/// `get_property` whose node or property name is given by a function
/// (`get_property: [vm, {get_input: name}]`): the names are known only once the inputs are, so
/// the blueprint's checks pass them over. Cloudify evaluates them when it prepares the plan and
/// fails on a name that finds nothing; this check does the same with the bound inputs, in node
/// templates' and relationships' properties, outputs and capabilities (a libvirt node's `params`
/// are evaluated by its document and reported there). Cheap for every other blueprint: an
/// expression is only looked into when it calls get_property.
enum ComputedReferenceCheck {
    static func check(_ blueprint: Blueprint, reportedAlready: [Diagnostic]) -> [Diagnostic] {
        let templates = blueprint.nodeTemplates
        let evaluator = Evaluator(inputs: blueprint.inputValues, secrets: blueprint.secrets) { node, property in
            templates[node]?.properties[property]
        }
        var found: [Diagnostic] = []
        func check(_ expression: Expression, in context: ExpressionContext) {
            guard expression.functions.contains(.getProperty) else { return }
            expression.forEachCall { call in
                guard call.function == .getProperty, !call.isMalformed, call.arguments.count >= 2,
                      call.arguments[0].stringLiteral == nil || call.arguments[1].stringLiteral == nil else { return }
                _ = evaluator.evaluate(Expression(.call(call), range: call.range), in: context, diagnostics: &found)
            }
        }
        for template in templates.elements {
            let context = ExpressionContext.nodeProperty(node: template.name)
            let isLibvirt = LibvirtObjectKind(typeHierarchy: template.typeHierarchy) != nil
            let properties = template.properties
            for (name, value) in properties.given.entries where !(isLibvirt && name == "params") {
                check(value, in: context)
            }
            for (name, value) in properties.defaults.entries where value.functions.contains(.getProperty) {
                if !(isLibvirt && name == "params") && !properties.given.contains(name) { check(value, in: context) }
            }
            for relationship in template.relationships {
                for value in relationship.properties.elements {
                    check(value, in: .relationshipProperty(source: template.name, target: relationship.target))
                }
            }
        }
        for output in blueprint.outputs.elements + blueprint.capabilities.elements {
            check(output.value, in: .output)
        }
        // A call inside another computed call is evaluated with it and alone: report it once.
        var seen = Set(reportedAlready.map(Key.init))
        return found.filter { seen.insert(Key($0)).inserted }
    }

    private struct Key: Hashable {
        let range: SourceRange?
        let message: String

        init(_ diagnostic: Diagnostic) {
            range = diagnostic.range
            message = diagnostic.message
        }
    }
}
