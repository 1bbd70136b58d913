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
        // By index into the array: a node template looked up by name, or iterated, is a copy.
        let all = templates.elements
        var found: [Diagnostic] = []
        // A search from the reading node that stops at the node read: that one is almost always
        // a direct target, and a search of everything before every node would grow as their square.
        func isOrdered(_ other: String, before node: Int) -> Bool {
            var reached: Set<Int> = [node]
            var pending = [node]
            while let next = pending.popLast() {
                for relationship in all[next].relationships.indices {
                    let target = all[next].relationships[relationship].target
                    if target == other { return true }
                    if let position = templates.position(of: target), reached.insert(position).inserted { pending.append(position) }
                }
            }
            return false
        }
        /// `operation`: the install operation whose input `expression` is; nil, a property.
        func check(_ expression: Expression, readBy node: Int, operation: String?) {
            guard expression.functions.contains(.getAttribute) else { return }
            let when = operation.map { "in its \($0) operation" } ?? "when it is made"
            let name = all[node].name
            expression.forEachCall { call in
                guard call.function == .getAttribute, !call.isMalformed, let other = call.arguments.first?.stringLiteral,
                      !["SELF", "SOURCE", "TARGET"].contains(other), other != name, let otherPosition = templates.position(of: other),
                      !isOrdered(other, before: node) else { return }
                let note = isOrdered(name, before: otherPosition)
                    ? "'\(other)' is made after '\(name)' (it has a relationship to it): read the value in a later operation, or turn the relationship round"
                    : "add `- { type: cloudify.relationships.depends_on, target: \(other) }` to the relationships of '\(name)'"
                found.append(.warning(
                    .unorderedAttribute,
                    "'\(name)' reads \(call.summary) \(when), but no relationship orders '\(other)' before '\(name)': install may run them together, before '\(other)' is made",
                    at: call.range, notes: [DiagnosticNote(note)]))
            }
        }
        for index in all.indices {
            let given = all[index].properties.given.elements, defaults = all[index].properties.defaults.elements
            for position in given.indices { check(given[position], readBy: index, operation: nil) }
            for position in defaults.indices { check(defaults[position], readBy: index, operation: nil) }
            guard let lifecycle = all[index].interfaces.position(of: PlanStep.lifecycleInterface) else { continue }
            let operations = all[index].interfaces.elements[lifecycle].operations
            for operation in installOperations {
                guard let found = operations.position(of: operation) else { continue }
                let inputs = operations.elements[found].inputs.elements
                for position in inputs.indices where inputs[position].functions.contains(.getAttribute) {
                    check(inputs[position], readBy: index, operation: operation)
                }
            }
        }
        return found
    }
}
