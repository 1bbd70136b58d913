import StateStore

/// The operations of other Cloudify plugins that bluevirt runs itself, over ssh: the fabric
/// plugin's `run_commands` and `run_script`, the utilities plugin's terminal `run`. They run as
/// built-ins (recorded at apply for destroy like bluevirt's own); on `--simulate` they reach no
/// machine: each is recorded as skipped and shown so.
public enum RemoteTasks {
    public static let names: Set<String> = [FabricOperations.runCommandsTask, FabricOperations.runScriptTask, TerminalOperations.runTask]

    /// The runtime property listing the operations of an instance skipped on `--simulate`.
    public static let skippedProperty = "simulated_skipped_operations"

    static func run(_ name: String, _ context: OperationContext) async throws -> [String: JSONValue] {
        switch name {
        case FabricOperations.runCommandsTask: return try await FabricOperations.runCommands(context)
        case FabricOperations.runScriptTask: return try await FabricOperations.runScript(context)
        default: return try await TerminalOperations.run(context)
        }
    }

    /// On `--simulate`: the note that says what was not done, and the runtime property that
    /// keeps it (`status` shows it); nil for a terminal operation without calls, which would
    /// not log in at all (the terminal type maps every lifecycle operation to its task).
    static func skip(_ name: String, _ context: OperationContext) -> (note: String, properties: [String: JSONValue])? {
        if name == TerminalOperations.runTask, RemoteInputs.isEmptyList(context.inputs["calls"]) { return nil }
        let target: String = switch name {
        case TerminalOperations.runTask: Self.address(context.inputs["terminal_auth"], key: "ip") ?? Self.address(context.nodeProperties["terminal_auth"], key: "ip") ?? "the device"
        default: Self.address(context.inputs["fabric_env"], key: "host_string") ?? Self.address(context.inputs["fabric_env"], key: "host") ?? "the host"
        }
        return ("skipped on --simulate: \(name) would log in to \(target) over ssh",
                recordingSkip(of: context.operation, in: context.runtimeProperties))
    }

    /// The skip of an operation whose inputs cannot be evaluated on `--simulate`: they read a
    /// value only a real machine gives (its address, which a later step records, say).
    static func skipWithUnknownInputs(_ name: String, operation: String, runtimeProperties: [String: JSONValue],
                                      reason: any Error) -> (note: String, properties: [String: JSONValue]) {
        ("skipped on --simulate: \(name) would log in over ssh with inputs a real machine gives (\(reason))",
         recordingSkip(of: operation, in: runtimeProperties))
    }

    /// The runtime property that lists the operations skipped on `--simulate`, with `operation` added.
    private static func recordingSkip(of operation: String, in runtimeProperties: [String: JSONValue]) -> [String: JSONValue] {
        var skipped: [JSONValue] = []
        if case .array(let earlier)? = runtimeProperties[skippedProperty] { skipped = earlier }
        if !skipped.contains(.string(operation)) { skipped.append(.string(operation)) }
        return [skippedProperty: .array(skipped)]
    }

    private static func address(_ settings: JSONValue?, key: String) -> String? {
        guard case .object(let fields)? = settings else { return nil }
        switch fields[key] {
        case .string(let text)? where !text.isEmpty: return text
        case .array(let items)?: return items.map { if case .string(let text) = $0 { text } else { $0.jsonText() } }.joined(separator: ", ")
        default: return nil
        }
    }
}
