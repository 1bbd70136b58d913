import Blueprint
import Diagnostics

/// `get_attribute: [NODE, …]` in an output, where NODE has several instances. An output belongs to
/// no instance, so nothing says which one is meant: Cloudify shows the output as an error ("More
/// than one node instance found for node"), while bluevirt shows the first instance's value. A
/// warning, so that the blueprint says what it wants: `get_attributes_list` for every instance's
/// value. Counts are the plan's, with the inputs given (scaling groups and hosts included).
enum OutputInstanceCheck {
    static func check(_ blueprint: Blueprint, instances: [InstanceReference]) -> [Diagnostic] {
        let outputs = blueprint.outputs
        guard outputs.elements.contains(where: { $0.value.functions.contains(.getAttribute) }) else { return [] }
        let byNode = Dictionary(grouping: instances, by: \.node).mapValues { $0.map(\.id) }
        var found: [Diagnostic] = []
        for output in outputs.elements where output.value.functions.contains(.getAttribute) {
            output.value.forEachCall { call in
                guard call.function == .getAttribute, !call.isMalformed, let node = call.arguments.first?.stringLiteral,
                      let ids = byNode[node], ids.count > 1 else { return }
                // The order bluevirt's outputs read instances in (OutputResolver).
                let first = ids.min { ($0.count, $0) < ($1.count, $1) } ?? ids[0]
                let literals = call.arguments.compactMap(\.pathItemText)
                let replacement = literals.count == call.arguments.count
                    ? "get_attributes_list: [\(literals.joined(separator: ", "))]" : "get_attributes_list with the same arguments"
                found.append(.warning(
                    .ambiguousOutputInstance,
                    "output '\(output.name)' reads get_attribute of node '\(node)', which has \(ids.count) instances: it does not say which",
                    at: call.range,
                    notes: [DiagnosticNote("Cloudify shows this output as an error (\"More than one node instance found for node\"); bluevirt shows the value of \(first), the first"),
                            DiagnosticNote("for every instance's value write \(replacement)")]))
            }
        }
        return found
    }
}
