import Blueprint
import Platform
import StateStore

/// Runs an operation's script on the local host, as Cloudify's script plugin does: in the
/// blueprint's directory, with the operation's inputs as environment variables, a JSON context
/// file, and a `ctx` command (plus a python `cloudify` shim) through which it sets runtime
/// properties and logs. See docs/scripts.md.
public struct ScriptRunner: Sendable {
    /// The program that acts as `ctx` when called under that name: the bluevirt executable.
    public var ctxExecutable: URL

    /// A runner whose `ctx` is `ctxExecutable`; by default the running executable, which is
    /// right for the `bluevirt` command (tests of the library give the built `bluevirt`).
    public init(ctxExecutable: URL? = nil) {
        self.ctxExecutable = ctxExecutable ?? Self.runningExecutable
    }

    /// What the script did to runtime properties: each key it set (with its value when it ended)
    /// or removed, its instance's and, in a relationship's operation, its target's.
    ///
    /// Every line the script prints (stdout and stderr) and every `ctx logger` line goes to
    /// `context.log` as it arrives. Throws `ScriptFailure` when the script cannot start, exits
    /// non-zero, is killed by a signal, outlives `context.timeout`, or the task is cancelled; the
    /// last two stop its whole process group (SIGTERM, then SIGKILL after 5 seconds); also when
    /// it exits 0 after `ctx.operation.retry(...)`. A python script's uncaught exception is in
    /// the failure, with its file and line.
    public func run(script: URL, context: OperationContext) async throws -> StepOutput {
        let name = Self.displayName(of: script, in: context.blueprintDirectory)
        guard let launch = ScriptLaunch(path: script.path) else {
            let why = FileManager.default.fileExists(atPath: script.path)
                ? "it is not executable, has no #! line and no .sh, .bash or .py extension (chmod +x it and add a #! line)"
                : "there is no file '\(script.path)'"
            throw ScriptFailure(script: name, reason: .notStarted(why), lastLines: [])
        }
        let document = ScriptContextDocument(context)
        let workspace: ScriptWorkspace
        do {
            workspace = try ScriptWorkspace(ctxExecutable: ctxExecutable, context: document)
        } catch {
            throw ScriptFailure(script: name, reason: .notStarted("cannot prepare its context: \(FileErrorText.of(error))"), lastLines: [])
        }
        defer { workspace.remove() }
        let command = launch.command(for: script.path)
        let environment = Self.environment(for: context, workspace: workspace)
        let result = try await SupervisedRun.run(name: name, changesPath: workspace.changesFile.path,
                                                 timeout: context.timeout, log: context.log, logger: context.logger) {
            do {
                return try ScriptProcess(command: command, environment: environment, directory: context.blueprintDirectory.path)
            } catch {
                throw ScriptFailure(script: name, reason: .notStarted(FileErrorText.of(error)), lastLines: [])
            }
        }
        var output = StepOutput()
        var exception: ScriptException?
        var retry: (message: String, after: Double?)?
        for change in result.changes {
            switch change {
            case .runtimeProperty(let key, let value): output.own.set(key, to: value)
            case .runtimePropertyRemoved(let key, ofTarget: false): output.own.remove(key)
            case .targetRuntimeProperty(let key, let value):
                if let target = context.relationship?.target.instanceID { output.others[target, default: RuntimeChanges()].set(key, to: value) }
            case .runtimePropertyRemoved(let key, ofTarget: true):
                if let target = context.relationship?.target.instanceID { output.others[target, default: RuntimeChanges()].remove(key) }
            case .retryRequested(let message, let after): retry = (message, after)
            case .exception(let raised): exception = raised
            case .log: break
            }
        }
        if let file = exception?.file { exception?.file = Self.displayName(of: URL(fileURLWithPath: file), in: context.blueprintDirectory) }
        let reason: ScriptFailure.Reason? = switch (result.stopCause, result.ending) {
        case (.timeout?, _): .timeout(context.timeout ?? .zero)
        case (.cancelled?, _): .cancelled
        case (nil, .exited(0)): retry.map { .retryRequested($0.message) }
        case (nil, .exited(let status)): .exitStatus(status)
        case (nil, .signalled(let signal)): .signal(signal)
        }
        if let reason {
            var failure = ScriptFailure(script: name, reason: reason, lastLines: result.lastLines, changes: output)
            failure.exception = exception
            failure.retryAfter = (exception?.retryAfter ?? retry?.after).map { Duration.operationWait(seconds: $0) }
            throw failure
        }
        return output
    }

    /// The parent's environment, the operation's inputs (text as it is, other values as JSON, as
    /// Cloudify's script plugin exports them), bluevirt's variables, and `ctx` first on PATH.
    static func environment(for context: OperationContext, workspace: ScriptWorkspace) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in context.inputs where Self.isEnvironmentName(name) {
            if case .string(let text) = value { environment[name] = text } else { environment[name] = value.jsonText() }
        }
        environment["BLUEVIRT_DEPLOYMENT_ID"] = context.deployment
        environment["DEPLOYMENT_ID"] = context.deployment
        environment["BLUEVIRT_NODE_ID"] = context.nodeName
        environment["BLUEVIRT_INSTANCE_ID"] = context.instanceID
        environment["BLUEVIRT_OPERATION"] = context.operation
        environment["BLUEVIRT_BLUEPRINT_DIRECTORY"] = context.blueprintDirectory.path
        environment["BLUEVIRT_CONTEXT"] = workspace.contextFile.path
        environment["BLUEVIRT_CTX_CHANGES"] = workspace.changesFile.path
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        environment["PATH"] = workspace.binDirectory.path + ":" + path
        let pythonPath = environment["PYTHONPATH"].map { ":" + $0 } ?? ""
        environment["PYTHONPATH"] = workspace.pythonDirectory.path + pythonPath
        return environment
    }

    /// A name the environment can carry: not empty, no `=` and no NUL.
    private static func isEnvironmentName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("=") && !name.contains("\0")
    }

    /// The script's path relative to the blueprint's directory, as the blueprint names it.
    private static func displayName(of script: URL, in directory: URL) -> String {
        let base = directory.standardizedFileURL.path
        let path = script.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    /// The executable of this process (/proc/self/exe resolved).
    private static var runningExecutable: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}
