import StateStore

/// A stop or delete operation that is not a libvirt call (a script, a built-in), recorded with
/// its inputs and the node's properties while `apply` runs, so that `destroy` can run it from
/// the state alone. Kept in the instance's `uninstall_operations` runtime property.
struct RecordedOperation: Sendable, Hashable {
    /// `stop` or `delete`.
    var step: String
    /// The full operation name, e.g. `cloudify.interfaces.lifecycle.delete`.
    var operation: String
    /// A script's absolute path, or a built-in's name (`bluevirt.keys.delete`).
    var implementation: String
    var isScript: Bool
    var inputs: [String: JSONValue]
    var properties: [String: JSONValue]
    /// Seconds, from the operation's `timeout`.
    var timeout: Double?
    /// Recorded by a `--simulate` apply for an operation that reaches a machine over ssh: destroy
    /// skips it too.
    var simulated: Bool

    static let runtimeProperty = "uninstall_operations"

    var json: JSONValue {
        .object([
            "step": .string(step), "operation": .string(operation), "implementation": .string(implementation),
            "kind": .string(isScript ? "script" : "builtin"), "inputs": .object(inputs), "properties": .object(properties),
            "timeout": timeout.map(JSONValue.number) ?? .null, "simulated": .bool(simulated),
        ])
    }

    init(step: String, operation: String, implementation: String, isScript: Bool, inputs: [String: JSONValue],
         properties: [String: JSONValue], timeout: Double?, simulated: Bool = false) {
        self.step = step
        self.operation = operation
        self.implementation = implementation
        self.isScript = isScript
        self.inputs = inputs
        self.properties = properties
        self.timeout = timeout
        self.simulated = simulated
    }

    init?(_ json: JSONValue) {
        guard case .object(let fields) = json, case .string(let step)? = fields["step"], case .string(let operation)? = fields["operation"],
              case .string(let implementation)? = fields["implementation"], case .string(let kind)? = fields["kind"] else { return nil }
        var inputs: [String: JSONValue] = [:]
        var properties: [String: JSONValue] = [:]
        if case .object(let given)? = fields["inputs"] { inputs = given }
        if case .object(let given)? = fields["properties"] { properties = given }
        let timeout: Double? = switch fields["timeout"] {
        case .number(let seconds)?: seconds
        case .integer(let seconds)?: Double(seconds)
        default: nil
        }
        self.init(step: step, operation: operation, implementation: implementation, isScript: kind == "script",
                  inputs: inputs, properties: properties, timeout: timeout, simulated: fields["simulated"] == .bool(true))
    }

    /// The operations recorded for an instance, stop before delete.
    static func all(in runtimeProperties: [String: JSONValue]) -> [RecordedOperation] {
        guard case .array(let items)? = runtimeProperties[runtimeProperty] else { return [] }
        return items.compactMap(RecordedOperation.init).sorted { $0.step == "stop" && $1.step != "stop" }
    }
}
