import Blueprint
import Diagnostics

/// `get_attribute: [NODE, …]` in an output, where NODE has several instances. An output belongs to
/// no instance, so nothing says which one is meant: Cloudify shows the output as an error ("More
/// than one node instance found for node"), while bluevirt shows the first instance's value. A
/// warning, so that the blueprint says what it wants: `get_attributes_list` for every instance's
/// value. Counts are the plan's, with the inputs given (scaling groups and hosts included).
enum OutputInstanceCheck {
    static func check(_ blueprint: Blueprint, instances: [InstanceReference]) -> [Diagnostic] {
        // The calls first, and the instances only of the nodes they read (most blueprints read few).
        var reads: [(output: String, node: String, call: FunctionCall)] = []
        for output in blueprint.outputs.elements where output.value.functions.contains(.getAttribute) {
            output.value.forEachCall { call in
                guard call.function == .getAttribute, !call.isMalformed, let node = call.arguments.first?.stringLiteral else { return }
                reads.append((output.name, node, call))
            }
        }
        guard !reads.isEmpty else { return [] }
        var byNode = Dictionary(reads.map { ($0.node, [String]()) }, uniquingKeysWith: { first, _ in first })
        // Looked up first: the in-place append alone cost as much again for the nodes not read.
        for instance in instances where byNode[instance.node] != nil { byNode[instance.node]?.append(instance.id) }
        var found: [Diagnostic] = []
        for (output, node, call) in reads {
            guard let ids = byNode[node], ids.count > 1 else { continue }
            // The order bluevirt's outputs read instances in (OutputResolver).
            let first = ids.min { ($0.count, $0) < ($1.count, $1) } ?? ids[0]
            let literals = call.arguments.compactMap(\.pathItemText)
            let replacement = literals.count == call.arguments.count
                ? "get_attributes_list: [\(literals.joined(separator: ", "))]" : "get_attributes_list with the same arguments"
            found.append(.warning(
                .ambiguousOutputInstance,
                "output '\(output)' reads get_attribute of node '\(node)', which has \(ids.count) instances: it does not say which",
                at: call.range,
                notes: [DiagnosticNote("Cloudify shows this output as an error (\"More than one node instance found for node\"); bluevirt shows the value of \(first), the first"),
                        DiagnosticNote("for every instance's value write \(replacement)")]))
        }
        return found
    }
}
