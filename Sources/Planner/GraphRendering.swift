import Platform

/// The operation graph as text for Graphviz (`dot -Tsvg`) and Mermaid: one box per step,
/// grouped by node instance, and an arrow from each step to every step that waits for it.
extension OperationGraph {
    /// Graphviz DOT: `digraph install { … }`, one `cluster_<instance>` subgraph per instance.
    public func dot() -> String {
        var lines = ["digraph \(workflow.rawValue) {", "  rankdir=LR;", "  node [shape=box];"]
        for (instance, members) in stepsByInstance() {
            lines.append("  subgraph \(Self.dotQuoted("cluster_\(instance)")) {")
            lines.append("    label=\(Self.dotQuoted(instance));")
            for step in members { lines.append("    \(step.id) [label=\(Self.dotQuoted(label(of: step)))];") }
            lines.append("  }")
        }
        for (index, waits) in dependencies.enumerated() {
            for dependency in waits { lines.append("  \(dependency) -> \(StepID(index));") }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Mermaid: `flowchart LR` with one subgraph per instance.
    public func mermaid() -> String {
        var lines = ["flowchart LR"]
        for (number, group) in stepsByInstance().enumerated() {
            lines.append("  subgraph i\(number)[\(Self.mermaidQuoted(group.instance))]")
            for step in group.steps { lines.append("    \(step.id)[\(Self.mermaidQuoted(label(of: step)))]") }
            lines.append("  end")
        }
        for (index, waits) in dependencies.enumerated() {
            for dependency in waits { lines.append("  \(dependency) --> \(StepID(index))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The step as shown inside its instance's box: `create`, `establish → lan-1 (target)`.
    private func label(of step: PlanStep) -> String {
        guard let relationship = step.kind.relationship, let target = step.targetInstanceId else { return step.kind.operationName }
        return "\(step.kind.operationName) → \(target) (\(relationship.side.rawValue))"
    }

    /// The steps grouped by instance, instances in the order of their first step.
    private func stepsByInstance() -> [(instance: String, steps: [PlanStep])] {
        var groups: [(instance: String, steps: [PlanStep])] = []
        var position: [String: Int] = [:]
        for step in steps {
            if let index = position[step.instanceId] {
                groups[index].steps.append(step)
            } else {
                position[step.instanceId] = groups.count
                groups.append((step.instanceId, [step]))
            }
        }
        return groups
    }

    private static func dotQuoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    /// Mermaid takes any text inside quotes except the quote itself, written as an entity.
    private static func mermaidQuoted(_ text: String) -> String {
        "\"" + text.replacing("\"", with: "#quot;") + "\""
    }
}
