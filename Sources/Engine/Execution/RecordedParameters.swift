import Blueprint
import Rendering
import StateStore
import Diagnostics

/// An instance's merged `params` (node property over operation inputs, as the plugin merges
/// them), which the plugin keeps as the `params` runtime property and which say whether a
/// domain waits for its addresses (`wait_for_ip`).
enum RecordedParameters {
    /// `objectNames` (node name → object names) answers `get_attribute: [NODE, resource_id]`
    /// when the node has one object, and `instance` SELF's id and index
    /// (``InstanceAttributes``); other run-time values stay as their placeholder text.
    static func of(_ template: NodeTemplate, blueprint: Blueprint, instance: String, selfName: String,
                   objectNames: [String: [String]]) -> [String: JSONValue] {
        let evaluator = Evaluator(blueprint: blueprint)
        let resolver = ParamsResolver(evaluator: evaluator, template: template) { call -> Value? in
            guard call.function == .getAttribute, call.arguments.count == 2, let name = call.arguments[1].stringLiteral,
                  let node = call.arguments[0].stringLiteral else { return nil }
            guard name == "resource_id" else { return node == "SELF" ? InstanceAttributes.value(of: name, instance: instance) : nil }
            if node == "SELF" { return .string(selfName) }
            guard let names = objectNames[node], names.count == 1 else { return nil }
            return .string(names[0])
        }
        var ignored: [Diagnostic] = []
        return resolver.resolve(diagnostics: &ignored).values.mapValues(json)
    }

    static func json(_ value: RenderValue) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .int(let number): .integer(Int64(number))
        case .bool(let flag): .bool(flag)
        case .list(let items): .array(items.map(json))
        case .map(let pairs): .object(pairs.mapValues(json))
        case .pending(let source): .string(RenderValue.placeholder(for: source))
        }
    }
}
