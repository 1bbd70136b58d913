import Platform
import StateStore

/// The utilities plugin's `terminal.cloudify_terminal.tasks.run`: logs in over ssh with a
/// terminal, waits for the device's prompt, sends each call's action line by line, answers the
/// questions its `responses` name, checks the output for `errors`, `criticals` and `warnings`,
/// and saves a call's output to the runtime property `save_to`. It follows the plugin's "raw"
/// connection (a shell with a prompt) and, with `smart_device: true`, its "smart" one (each line
/// run as a command with a terminal). See docs/ssh.md.
enum TerminalOperations {
    static let runTask = "terminal.cloudify_terminal.tasks.run"
    /// The plugin's prompt characters when `promt_check` is not given.
    static let defaultPrompts = ["#", "$"]
    /// How long the device may stay silent while a prompt or answer is awaited.
    static let idleLimit: Duration = .seconds(600)

    static func run(_ context: OperationContext) async throws -> [String: JSONValue] {
        guard case .array(let callValues)? = context.inputs["calls"], !callValues.isEmpty else {
            context.log("No calls")
            return [:]
        }
        var auth: [String: JSONValue] = [:]
        if case .object(let given)? = context.nodeProperties["terminal_auth"] { auth = given }
        if case .object(let given)? = context.inputs["terminal_auth"] { auth.merge(given) { _, new in new } }
        let place = "terminal_auth of \(context.operation) of '\(context.instanceID)'"
        let addresses: [String] = switch auth["ip"] {
        case .array?: RemoteInputs.texts(auth["ip"]) ?? []
        case .string(let text)?: [text]
        default: []
        }
        guard !addresses.isEmpty else { throw RemoteProblem("\(place) names no ip: give 'ip', the device's address (or a list of them)") }
        let endpoints = try addresses.map { address in
            var settings = auth
            settings["ip"] = .string(address)
            return try SSHEndpoint(settings, where: place, hostKeys: ["ip"], keyTextKeys: ["key_content"])
        }
        let settings = Settings(auth)
        let calls = try callValues.enumerated().map { index, value in
            guard case .object(let fields) = value else { throw RemoteProblem("call \(index + 1) of \(runTask) of '\(context.instanceID)' is not a map with an 'action'") }
            return try Call(fields, defaults: settings, number: index + 1, context: context)
        }
        let shell = try RemoteShell(endpoint: endpoints[0], context: context)
        try shell.knownHosts.prepare()
        let secrets = try SSHSecretFiles.makePrivateDirectory(in: shell.secretsDirectory)
        defer { try? FileManager.default.removeItem(atPath: secrets) }

        let stop = ScriptStopRequest()
        let deadline = context.timeout.map { ContinuousClock().now + $0 }
        let log = context.log
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                startDetachedThread {
                    continuation.resume(with: Result {
                        let dialogue = Dialogue(endpoints: endpoints, shell: shell, secrets: secrets, settings: settings,
                                                stop: stop, deadline: deadline, log: log)
                        return try dialogue.run(calls)
                    })
                }
            }
        } onCancel: {
            stop.request()
        }
    }

    /// A question the device may ask and what to type.
    struct Response: Sendable {
        var question: String
        var answer: String
        var newline: Bool
    }

    /// The session-wide settings of `terminal_auth`.
    struct Settings: Sendable {
        var prompts: [String]
        var responses: [Response]
        var errors: [String], criticals: [String], warnings: [String]
        var exitCommand: String
        var smartDevice: Bool

        init(_ auth: [String: JSONValue]) {
            prompts = Self.texts(auth["promt_check"] ?? auth["prompt_check"]) ?? []
            responses = Self.responses(auth["responses"]) ?? []
            errors = Self.texts(auth["errors"]) ?? []
            criticals = Self.texts(auth["criticals"]) ?? []
            warnings = Self.texts(auth["warnings"]) ?? []
            exitCommand = if case .string(let text)? = auth["exit_command"] { text } else { "exit" }
            smartDevice = auth["smart_device"] == .bool(true)
        }

        static func texts(_ value: JSONValue?) -> [String]? {
            RemoteInputs.texts(value)
        }

        /// The plugin reads `newline`; `new_line` is accepted too.
        static func responses(_ value: JSONValue?) -> [Response]? {
            guard case .array(let items)? = value else { return nil }
            return items.compactMap { item in
                guard case .object(let fields) = item, case .string(let question)? = fields["question"] else { return nil }
                let answer = if case .string(let text)? = fields["answer"] { text } else { fields["answer"].map { $0.jsonText() } ?? "" }
                return Response(question: question, answer: answer,
                                newline: fields["newline"] == .bool(true) || fields["new_line"] == .bool(true))
            }
        }
    }

    /// One entry of `calls`, with the session's settings where it gives none.
    struct Call: Sendable {
        var action: String
        var prompts: [String]
        var responses: [Response]
        var errors: [String], criticals: [String], warnings: [String]
        var saveTo: String?
        var retryCount: Int
        var retrySleep: Duration

        init(_ fields: [String: JSONValue], defaults: Settings, number: Int, context: OperationContext) throws {
            switch fields["action"] {
            case .string(let text)?: action = text
            case nil, .null?:
                if fields["template"] != nil || fields["template_text"] != nil {
                    throw RemoteProblem("call \(number) of \(TerminalOperations.runTask) of '\(context.instanceID)' uses a template: bluevirt runs 'action' calls only; render the commands into 'action' (for example with concat)")
                }
                action = ""
            case let other?: action = other.jsonText()
            }
            prompts = Settings.texts(fields["promt_check"] ?? fields["prompt_check"]) ?? defaults.prompts
            responses = Settings.responses(fields["responses"]) ?? defaults.responses
            errors = Settings.texts(fields["errors"]) ?? defaults.errors
            criticals = Settings.texts(fields["criticals"]) ?? defaults.criticals
            warnings = Settings.texts(fields["warnings"]) ?? defaults.warnings
            saveTo = if case .string(let key)? = fields["save_to"], !key.isEmpty { key } else { nil }
            retryCount = if case .integer(let count)? = fields["retry_count"] { Int(count) } else { 10 }
            retrySleep = if case .integer(let seconds)? = fields["retry_sleep"] { .seconds(seconds) } else { .seconds(15) }
        }
    }
}
