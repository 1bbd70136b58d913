import Platform
import StateStore

/// Runs one command line on a remote machine through the system's OpenSSH client, supervised
/// like a local script: every output line goes to the operation's log as it arrives, the
/// operation's timeout and Ctrl-C stop it. Host keys are the deployment's (``KnownHosts``); a
/// private key or password exists as a 0600 file only while ssh runs.
struct RemoteShell: Sendable {
    var endpoint: SSHEndpoint
    let executable: String
    let knownHosts: KnownHosts
    /// `<state directory>/ssh-keys`, where the per-run private directories are made.
    let secretsDirectory: String
    /// ssh runs here: a relative `key_filename` is relative to the blueprint's folder.
    let directory: String
    let deployment: String
    /// How long, from its first refusal, a machine that does not answer ssh yet is tried again
    /// (``notAnsweringYet(_:)``):
    /// a guest whose address has just appeared is often still starting its ssh server, where
    /// Cloudify's manager would retry the failed operation. Nothing ran there, so trying again
    /// is safe.
    var answerWindow: Duration = .seconds(60)
    static let answerPause: Duration = .seconds(2)

    init(endpoint: SSHEndpoint, context: OperationContext) throws {
        guard let executable = SSHClient.locate() else {
            throw RemoteProblem("ssh is not installed: bluevirt runs remote operations with the system's OpenSSH client; install it (Debian, Ubuntu: `apt-get install openssh-client`)")
        }
        let state = context.store.location.directory
        self.endpoint = endpoint
        self.executable = executable
        knownHosts = KnownHosts(stateDirectory: state, deployment: context.deployment)
        secretsDirectory = state.appendingPathComponent("ssh-keys").path
        directory = context.blueprintDirectory.path
        deployment = context.deployment
    }

    /// How the remote side is run.
    enum Mode {
        /// `ssh HOST COMMAND`, standard input from `input` (a file) or nothing.
        case command(input: String?, terminal: Bool)
        /// An interactive session on a remote terminal, fed through a pipe (the terminal plugin).
        case session
    }

    /// Starts ssh running `command` (empty: the login shell) and returns its process; the
    /// caller supervises it. `secrets` is a private directory that outlives the process.
    func start(_ command: String, mode: Mode, secrets: String) throws -> ScriptProcess {
        var environment = ProcessInfo.processInfo.environment
        var arguments = [executable, "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4",
                         "-p", String(endpoint.port)] + knownHosts.options
        switch endpoint.credential {
        case .keyText(let text):
            let keyFile = secrets + "/key"
            try SSHSecretFiles.writePrivateFile(keyFile, contents: text)
            arguments += ["-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", keyFile]
        case .keyFile(let path):
            arguments += ["-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", path]
        case .password(let password):
            // OpenSSH's own way to be given a password by a program (no sshpass): it runs
            // SSH_ASKPASS and reads the password from its output.
            try SSHSecretFiles.writePrivateFile(secrets + "/password", contents: password + "\n")
            let askpass = secrets + "/askpass"
            try SSHSecretFiles.writePrivateFile(askpass, contents: "#!/bin/sh\nexec cat '\(secrets)/password'\n")
            chmod(askpass, 0o700)
            environment["SSH_ASKPASS"] = askpass
            environment["SSH_ASKPASS_REQUIRE"] = "force"
            arguments += ["-o", "NumberOfPasswordPrompts=1", "-o", "PubkeyAuthentication=no"]
        }
        let input: ScriptProcess.StandardInput
        switch mode {
        case .command(let file, let terminal):
            if terminal { arguments.append("-tt") }
            input = file.map { .file($0) } ?? .nullDevice
        case .session:
            // ssh's own notices would mix with the device's output, where prompts are looked for.
            arguments += ["-tt", "-o", "LogLevel=ERROR"]
            input = .pipe
        }
        // Nothing after `--` is an option of ssh's, whatever the host or user holds.
        arguments += ["--", "\(endpoint.user)@\(endpoint.host)"]
        if !command.isEmpty { arguments.append(command) }
        return try ScriptProcess(command: arguments, environment: environment, directory: directory, standardInput: input)
    }

    /// Runs `command` to its end; returns the supervisor's result, or throws ``RemoteProblem``
    /// when ssh itself failed (no connection, login refused, a changed host key).
    func run(_ command: String, name: String, terminal: Bool = false, input: String? = nil, timeout: Duration?,
             log: @escaping @Sendable (String) -> Void) async throws -> ScriptSupervisor.Result {
        try knownHosts.prepare()
        let clock = ContinuousClock()
        var giveUp: ContinuousClock.Instant?
        while true {
            let secrets = try SSHSecretFiles.makePrivateDirectory(in: secretsDirectory)
            defer { try? FileManager.default.removeItem(atPath: secrets) }
            let result = try await SupervisedRun.run(name: name, changesPath: "/dev/null", timeout: timeout, log: log,
                                                     logger: { log($0.shown) }) {
                try start(command, mode: .command(input: input, terminal: terminal), secrets: secrets)
            }
            if Self.notAnsweringYet(result), !Task.isCancelled {
                let deadline = giveUp ?? clock.now + answerWindow
                giveUp = deadline
                if clock.now + Self.answerPause < deadline {
                    log("\(endpoint.label) does not answer ssh yet; trying again in 2 s")
                    try await Task.sleep(for: Self.answerPause)
                    continue
                }
            }
            try check(result, name: name)
            return result
        }
    }

    /// ssh could not get as far as the server's greeting (refused, no route, timed out, closed
    /// before the banner): the machine is not answering yet, and nothing ran on it.
    static func notAnsweringYet(_ result: ScriptSupervisor.Result) -> Bool {
        guard result.ending == .exited(255), result.stopCause == nil else { return false }
        let output = result.lastLines.joined(separator: "\n")
        return ["Connection refused", "No route to host", "Connection timed out", "kex_exchange_identification"].contains { output.contains($0) }
    }

    /// Turns ssh's own failures (status 255 with its messages) into a message that says what to do.
    func check(_ result: ScriptSupervisor.Result, name: String) throws {
        if result.stopCause == .timeout { throw RemoteProblem("\(name) did not finish within the operation's timeout and was stopped\(Self.tail(result.lastLines))") }
        if result.stopCause == .cancelled { throw RemoteProblem("\(name) was stopped because the run was cancelled") }
        guard result.ending == .exited(255) else { return }
        let output = result.lastLines.joined(separator: "\n")
        if output.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || output.contains("Host key verification failed") {
            throw RemoteProblem("""
                the host key of \(endpoint.host) port \(endpoint.port) is not the one recorded for deployment '\(deployment)' \
                in \(knownHosts.file): the machine was reinstalled or replaced, or something is in between; if you know why it \
                changed, forget the old key with `\(knownHosts.forgetCommand(host: endpoint.host, port: endpoint.port))` and run again
                """)
        }
        if output.contains("Permission denied") || output.contains("Too many authentication failures") {
            throw RemoteProblem("\(endpoint.label) refused the login for \(name): check the user and the key or password\(Self.tail(result.lastLines))")
        }
        if output.contains("Connection refused") || output.contains("Connection timed out") || output.contains("No route to host")
            || output.contains("Could not resolve hostname") || output.contains("Connection closed") || output.contains("kex_exchange_identification") {
            throw RemoteProblem("cannot reach \(endpoint.label) over ssh for \(name): is the machine up and its ssh server running?\(Self.tail(result.lastLines))")
        }
    }

    static func tail(_ lines: [String]) -> String {
        lines.isEmpty ? "" : "; ssh said:\n" + lines.suffix(5).map { "  | " + $0 }.joined(separator: "\n")
    }
}
