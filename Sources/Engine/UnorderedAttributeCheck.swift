import Blueprint
import Diagnostics
import Planner

/// `get_attribute` of another node in what a node's install reads (its properties, a libvirt
/// node's params among them, and the inputs of its create, configure and start) when no
/// relationship orders that node first. Install runs nodes in parallel unless a relationship
/// orders them, so the value (or the object it names: a pool's volume needs the pool started)
/// may not be there yet: apply fails, or works by luck of timing. Cloudify does not check this.
enum UnorderedAttributeCheck {
    private static let installOperations = ["create", "configure", "start"]

    static func check(_ blueprint: Blueprint) -> [Diagnostic] {
        let templates = blueprint.nodeTemplates
        var found: [Diagnostic] = []
        // A search from the reading node that stops at the node read: that one is almost always
        // a direct target, and a search of everything before every node would grow as their square.
        func isOrdered(_ other: String, before node: String) -> Bool {
            var reached: Set<String> = [node]
            var pending = [node]
            while let next = pending.popLast() {
                for relationship in templates[next]?.relationships ?? [] {
                    if relationship.target == other { return true }
                    if reached.insert(relationship.target).inserted { pending.append(relationship.target) }
                }
            }
            return false
        }
        func check(_ expression: Expression, readBy node: String, when: String) {
            guard expression.functions.contains(.getAttribute) else { return }
            expression.forEachCall { call in
                guard call.function == .getAttribute, !call.isMalformed, let other = call.arguments.first?.stringLiteral,
                      !["SELF", "SOURCE", "TARGET"].contains(other), other != node, templates[other] != nil,
                      !isOrdered(other, before: node) else { return }
                let after = isOrdered(node, before: other)
                let note = after
                    ? "'\(other)' is made after '\(node)' (it has a relationship to it): read the value in a later operation, or turn the relationship round"
                    : "add `- { type: cloudify.relationships.depends_on, target: \(other) }` to the relationships of '\(node)'"
                found.append(.warning(
                    .unorderedAttribute,
                    "'\(node)' reads \(call.summary) \(when), but no relationship orders '\(other)' before '\(node)': install may run them together, before '\(other)' is made",
                    at: call.range, notes: [DiagnosticNote(note)]))
            }
        }
        for template in templates.elements {
            for expression in template.properties.given.elements { check(expression, readBy: template.name, when: "when it is made") }
            for expression in template.properties.defaults.elements { check(expression, readBy: template.name, when: "when it is made") }
            guard let lifecycle = template.interfaces[PlanStep.lifecycleInterface] else { continue }
            for name in installOperations {
                for expression in lifecycle.operations[name]?.inputs.elements ?? [] {
                    check(expression, readBy: template.name, when: "in its \(name) operation")
                }
            }
        }
        return found
    }
}
