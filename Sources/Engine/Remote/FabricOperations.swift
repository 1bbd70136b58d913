import Platform
import StateStore
import Synchronization
import YAMLSource

/// The fabric plugin's operations (`fabric.fabric_plugin.tasks.run_commands` and `run_script`),
/// run with the system's OpenSSH client as the plugin runs them with paramiko: the login from
/// the `fabric_env` input, each command's output in the operation's log, a command that fails
/// fails the operation. See docs/ssh.md.
enum FabricOperations {
    static let runCommandsTask = "fabric.fabric_plugin.tasks.run_commands"
    static let runScriptTask = "fabric.fabric_plugin.tasks.run_script"

    /// Inputs the plugin reads itself; every other input of `run_script` is exported to the script.
    private static let ownInputs: Set<String> = ["script_path", "fabric_env", "process", "use_sudo", "hide_output",
                                                 "non_recoverable_error_exit_codes", "ctx_server_port"]

    /// The login the operation's `fabric_env` gives.
    static func endpoint(_ context: OperationContext) throws -> SSHEndpoint {
        let place = "input 'fabric_env' of \(context.operation) of '\(context.instanceID)'"
        guard case .object(let settings)? = context.inputs["fabric_env"] else {
            throw RemoteProblem("\(place) is missing or not a map: give host_string, user and key, key_filename or password")
        }
        return try SSHEndpoint(settings, where: place, hostKeys: ["host_string", "host"], keyTextKeys: ["key"])
    }

    /// Runs each command of the `commands` input in turn, as fabric does with a terminal on the
    /// remote side; the first that exits non-zero fails the operation.
    static func runCommands(_ context: OperationContext) async throws -> [String: JSONValue] {
        let endpoint = try endpoint(context)
        guard let commands = RemoteInputs.texts(context.inputs["commands"]) else {
            throw RemoteProblem("\(runCommandsTask) of '\(context.instanceID)' needs the input 'commands': a list of command lines")
        }
        var exports = ""
        if case .object(let settings)? = context.inputs["fabric_env"], case .object(let variables)? = settings["shell_env"] {
            exports = variables.sorted { $0.key < $1.key }.map { "export \($0.key)=\(ShellText.quoted($0.value.environmentText));" }.joined()
        }
        let shell = try RemoteShell(endpoint: endpoint, context: context)
        let log = outputLog(context)
        for (index, command) in commands.enumerated() {
            context.log("Running command: \(command)")
            var line = exports + command
            if useSudo(context) { line = "echo \(ShellText.quoted(line)) | sudo -i --" }
            let name = "command \(index + 1) of \(commands.count) on \(endpoint.label)"
            let result = try await shell.run(line, name: name, terminal: true, timeout: context.timeout, log: log)
            if let problem = failure(result.ending, what: "\(name) ('\(command)')", lastLines: result.lastLines) { throw problem }
        }
        return [:]
    }

    /// Uploads the `script_path` script (a file in the blueprint's folder) with `ctx`, runs it
    /// with the operation's other inputs and `process.env` in its environment, and returns the
    /// runtime properties it set through `ctx`.
    static func runScript(_ context: OperationContext) async throws -> [String: JSONValue] {
        let endpoint = try endpoint(context)
        let script = try scriptFile(context)
        guard let data = FileManager.default.contents(atPath: script.path), let text = String(data: data, encoding: .utf8) else {
            throw RemoteProblem("cannot read the script '\(script.path)' of \(runScriptTask) of '\(context.instanceID)' as UTF-8 text")
        }
        var process: [String: JSONValue] = [:]
        if case .object(let given)? = context.inputs["process"] { process = given }
        var environment: [String: String] = [:]
        for (name, value) in context.inputs where !ownInputs.contains(name) { environment[name] = value.environmentText }
        if case .object(let given)? = process["env"] { for (name, value) in given { environment[name] = value.environmentText } }
        let arguments: [String] = if case .array(let items)? = process["args"] { items.map(\.environmentText) } else { [] }
        let bundle = RemoteScriptBundle(
            scriptName: script.lastPathComponent, script: text, context: ScriptContextDocument(context), environment: environment,
            arguments: arguments, commandPrefix: nonEmptyText(process["command_prefix"]), directory: nonEmptyText(process["cwd"]),
            baseDirectory: nonEmptyText(process["base_dir"]))

        let shell = try RemoteShell(endpoint: endpoint, context: context)
        let secrets = try SSHSecretFiles.makePrivateDirectory(in: shell.secretsDirectory)
        defer { try? FileManager.default.removeItem(atPath: secrets) }
        let bundleFile = secrets + "/bundle.sh"
        try SSHSecretFiles.writePrivateFile(bundleFile, contents: bundle.text)

        let reader = BundleOutput(marker: bundle.marker, log: outputLog(context))
        let name = "script '\(script.lastPathComponent)' on \(endpoint.label)"
        let result = try await shell.run(useSudo(context) ? "sudo sh -s" : "sh -s", name: name, input: bundleFile,
                                         timeout: context.timeout, log: { reader.take($0) })
        let (changes, lastLines, sawEnd) = reader.finish()
        var properties: [String: JSONValue] = [:]
        for change in changes {
            switch change {
            case .runtimeProperty(let key, let value): properties[key] = value
            case .log(let level, let message): context.logger(LoggerLine(level: level, message: message))
            case .runtimePropertyRemoved(let key, ofTarget: false): properties[key] = .null
            case .targetRuntimeProperty, .runtimePropertyRemoved(_, ofTarget: true):
                throw RemoteProblem("\(name) changed the target's runtime properties, which a script run over ssh cannot do: run it as a local script")
            case .retryRequested(let message, _):
                throw RemoteProblem("\(name) asked for a retry: \(message)")
            case .exception(let exception):
                let place = exception.line.map { " at line \($0)" } ?? ""
                throw RemoteProblem("\(name) raised \(exception.type)\(place): \(exception.message)")
            }
        }
        if let problem = failure(result.ending, what: name, lastLines: lastLines) { throw problem }
        if !sawEnd {
            throw RemoteProblem("\(name) ended before bluevirt's wrapper could report its ctx calls (was the remote shell closed?)\(RemoteShell.tail(lastLines))")
        }
        return properties
    }

    /// The script, resolved by the rule of every file a blueprint names (inside its folder).
    private static func scriptFile(_ context: OperationContext) throws -> URL {
        guard case .string(let path)? = context.inputs["script_path"], !path.isEmpty else {
            throw RemoteProblem("\(runScriptTask) of '\(context.instanceID)' needs the input 'script_path': the script, relative to the blueprint's folder")
        }
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            throw RemoteProblem("script_path '\(path)' of '\(context.instanceID)' is a URL: bluevirt runs scripts from the blueprint's folder only; download it there and give its relative path")
        }
        let base = context.blueprintDirectory.path
        switch ResourcePath.resolve(path, inside: base) {
        case .success(let resolved):
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw RemoteProblem("script_path '\(path)' of '\(context.instanceID)': there is no file '\(resolved)'")
            }
            return URL(fileURLWithPath: resolved)
        case .failure(let problem):
            throw RemoteProblem("the script \(ResourcePath.explain(problem, path: path, base: base)); move the script into the blueprint's folder and give its relative path")
        }
    }

    private static func nonEmptyText(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value, !text.isEmpty { return text }
        return nil
    }

    private static func useSudo(_ context: OperationContext) -> Bool {
        context.inputs["use_sudo"] == .bool(true)
    }

    /// The operation's log, or nothing when `hide_output` asks to hide the output (any group).
    private static func outputLog(_ context: OperationContext) -> @Sendable (String) -> Void {
        if case .array(let groups)? = context.inputs["hide_output"], !groups.isEmpty, groups != [.string("None")] { return { _ in } }
        return context.log
    }

    /// Why a finished remote command failed, or nil when it succeeded.
    private static func failure(_ ending: ScriptProcess.Ending, what: String, lastLines: [String]) -> RemoteProblem? {
        switch ending {
        case .exited(0): nil
        case .exited(let status): RemoteProblem("\(what) exited with status \(status)\(RemoteShell.tail(lastLines).replacing("ssh said", with: "its last lines of output"))")
        case .signalled(let number): RemoteProblem("ssh running \(what) was killed by signal \(number)")
        }
    }
}

/// Splits a remote script run's output at the bundle's marker: the script's lines before it go
/// to the log, the ctx changes after it are collected.
private final class BundleOutput: Sendable {
    private struct State {
        var afterMarker = false
        var changes: [ScriptChange] = []
        var lastLines: [String] = []
    }
    private let marker: String
    private let log: @Sendable (String) -> Void
    private let state = Mutex(State())

    init(marker: String, log: @escaping @Sendable (String) -> Void) {
        self.marker = marker
        self.log = log
    }

    func take(_ line: String) {
        let toLog: Bool = state.withLock { state in
            if state.afterMarker {
                if let change = ScriptChange(jsonLine: line) { state.changes.append(change) }
                return false
            }
            if line == marker {
                state.afterMarker = true
                return false
            }
            state.lastLines.append(line)
            if state.lastLines.count > ScriptSupervisor.keptLines { state.lastLines.removeFirst() }
            return true
        }
        if toLog { log(line) }
    }

    func finish() -> (changes: [ScriptChange], lastLines: [String], sawMarker: Bool) {
        state.withLock { ($0.changes, $0.lastLines, $0.afterMarker) }
    }
}

extension JSONValue {
    /// A value as an environment variable carries it: text as it is, anything else as JSON
    /// (as the fabric and script plugins export inputs).
    var environmentText: String {
        if case .string(let text) = self { return text }
        return jsonText()
    }
}
