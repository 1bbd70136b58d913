import Platform
import StateStore

extension TerminalOperations {
    /// A call whose output shows one of its `warnings`: run again after `retry_sleep`.
    struct Warning: Error {
        var message: String
    }

    /// The conversation with one device, as the plugin's connection classes hold it: a buffer of
    /// what the device sent that no prompt or question has consumed yet.
    final class Dialogue {
        private var shell: RemoteShell
        private let endpoints: [SSHEndpoint]
        private let secrets: String
        private let settings: Settings
        private let stop: ScriptStopRequest
        private let deadline: ContinuousClock.Instant?
        private let log: @Sendable (String) -> Void
        private var session: TerminalSession?
        private var buffer = ""

        init(endpoints: [SSHEndpoint], shell: RemoteShell, secrets: String, settings: Settings, stop: ScriptStopRequest,
             deadline: ContinuousClock.Instant?, log: @escaping @Sendable (String) -> Void) {
            self.endpoints = endpoints
            self.shell = shell
            self.secrets = secrets
            self.settings = settings
            self.stop = stop
            self.deadline = deadline
            self.log = log
        }

        /// Runs every call; returns the runtime properties `save_to` names.
        func run(_ calls: [Call]) throws -> [String: JSONValue] {
            defer { session?.close() }
            try connect()
            var properties: [String: JSONValue] = [:]
            for call in calls where !call.action.isEmpty {
                var result = ""
                for line in call.action.split(separator: "\n").map(String.init) where !line.trimmed.isEmpty {
                    log("Execute: \(line)")
                    let part = try rerun(call) { try (settings.smartDevice ? runSmart(line, call) : runRaw(line, call)) }
                    for output in part.split(separator: "\n", omittingEmptySubsequences: false) where !part.trimmed.isEmpty { log(String(output)) }
                    result += part + "\n"
                }
                if let key = call.saveTo { properties[key] = .string(result.trimmed) }
            }
            if !settings.smartDevice, !settings.exitCommand.isEmpty, let session, !session.isClosed {
                log("Execute close")
                session.send(settings.exitCommand + "\n")
                while (try? session.receive(waitingFor: "the session to close")) != nil {}
            }
            return properties
        }

        // MARK: connecting

        /// Opens the session on the first address that answers (raw: shows a prompt; smart: runs `true`).
        private func connect() throws {
            var problems: [String] = []
            for endpoint in endpoints {
                shell.endpoint = endpoint
                do {
                    if settings.smartDevice {
                        _ = try command("true", waitingFor: "the login")
                    } else {
                        try openShell()
                    }
                    log("Will be used: \(endpoint.host)")
                    return
                } catch let problem as RemoteProblem {
                    log("Can't connect to: \(endpoint.host): \(problem)")
                    problems.append(problem.description)
                }
            }
            throw RemoteProblem(problems.count == 1 ? problems[0] : "no address of the device answered: " + problems.joined(separator: "; "))
        }

        private func openShell() throws {
            let session = TerminalSession(process: try shell.start("", mode: .session, secrets: secrets), stop: stop,
                                          deadline: deadline, idleLimit: TerminalOperations.idleLimit)
            self.session = session
            buffer = ""
            let prompts = settings.prompts.isEmpty ? TerminalOperations.defaultPrompts : settings.prompts
            while findAny(prompts) == nil {
                guard let chunk = try session.receive(waitingFor: "the device's prompt (one of \(prompts.joined(separator: " ")))") else {
                    try closed(session, before: "showing a prompt")
                }
                append(chunk)
                if let mark = answer(in: buffer, with: settings.responses) {
                    log("Server asked: \(buffer[..<mark])")
                    buffer = String(buffer[mark...])
                }
            }
            let prompt = findAny(prompts)!
            let welcome = buffer[..<prompt.lowerBound].trimmed.split(separator: "\n")
            buffer = String(buffer[prompt.upperBound...])
            if welcome.count > 1 { log("Welcome message: " + welcome.dropLast().joined(separator: "\n")) }
            log("Device prompt: \(welcome.last.map(String.init) ?? "")")
        }

        /// The session ended before `what`: ssh's own failure, or the device hung up.
        private func closed(_ session: TerminalSession, before what: String) throws -> Never {
            let ending = session.close()
            let lines = session.transcript.split(whereSeparator: \.isNewline).map(String.init)
            try shell.check(ScriptSupervisor.Result(ending: ending, stopCause: nil, lastLines: lines, changes: []), name: "the terminal session")
            throw RemoteProblem("\(shell.endpoint.label) closed the terminal session before \(what)\(RemoteShell.tail(lines))")
        }

        // MARK: calls

        /// One line on the raw connection: send it, collect lines until a prompt, answering questions.
        private func runRaw(_ command: String, _ call: Call) throws -> String {
            guard let session else { return "" }
            let prompts = call.prompts.isEmpty ? TerminalOperations.defaultPrompts : call.prompts
            let prefix = command.trimmed
            session.send(prefix + "\n")
            var message = ""
            while true {
                while findAny(prompts + ["\n"]) == nil {
                    guard let chunk = try session.receive(waitingFor: "the prompt after '\(prefix)'") else {
                        message += buffer
                        buffer = ""
                        return try cleanup(message, prefix: prefix, call)
                    }
                    append(chunk)
                    if findAny(call.responses.map(\.question)) != nil { break }
                }
                while let newline = buffer.firstIndex(of: "\n") {
                    let line = String(buffer[...newline])
                    buffer = String(buffer[buffer.index(after: newline)...])
                    message += line
                    _ = answer(in: line, with: call.responses)
                }
                if let mark = answer(in: buffer, with: call.responses) {
                    message += buffer[..<mark]
                    buffer = String(buffer[mark...])
                    continue
                }
                if let prompt = findAny(prompts) {
                    buffer = String(buffer[prompt.upperBound...])
                    return try cleanup(message, prefix: prefix, call)
                }
            }
        }

        /// One line on a smart device: run as a command with a terminal, all its output, questions answered.
        private func runSmart(_ command: String, _ call: Call) throws -> String {
            try cleanup(try self.command(command, responses: call.responses, waitingFor: "the end of '\(command)'"), prefix: command, call,
                        echoed: false)
        }

        private func command(_ line: String, responses: [Response] = [], waitingFor what: String) throws -> String {
            let session = TerminalSession(process: try shell.start(line, mode: .session, secrets: secrets), stop: stop,
                                          deadline: deadline, idleLimit: TerminalOperations.idleLimit)
            // Answers go to this command's session.
            self.session = session
            defer { self.session = nil }
            buffer = ""
            var message = ""
            while let chunk = try session.receive(waitingFor: what) {
                append(chunk)
                while let newline = buffer.firstIndex(of: "\n") {
                    let text = String(buffer[...newline])
                    buffer = String(buffer[buffer.index(after: newline)...])
                    message += text
                    _ = answer(in: text, with: responses)
                }
                if let mark = answer(in: buffer, with: responses) {
                    message += buffer[..<mark]
                    buffer = String(buffer[mark...])
                }
            }
            let ending = session.close()
            message += buffer
            buffer = ""
            let lines = message.split(whereSeparator: \.isNewline).map(String.init)
            try shell.check(ScriptSupervisor.Result(ending: ending, stopCause: nil, lastLines: lines, changes: []), name: "'\(line)'")
            return message
        }

        /// The plugin's check of a call's output: the echo of the command dropped, then warnings,
        /// errors and criticals looked for at the start of a line.
        private func cleanup(_ text: String, prefix: String, _ call: Call, echoed: Bool = true) throws -> String {
            guard !(call.errors.isEmpty && call.warnings.isEmpty && call.criticals.isEmpty) else { return text.trimmed }
            var response = text
            if echoed {
                // Foundation's range(of:) found nothing for an empty prefix; firstRange(of:) finds it at the start.
                if !prefix.isEmpty, let echo = text.firstRange(of: prefix), text[..<echo.lowerBound].trimmed.isEmpty {
                    response = String(text[echo.upperBound...])
                } else if let newline = text.firstIndex(of: "\n") {
                    response = String(text[newline...])
                }
            }
            if let found = call.warnings.first(where: { response.contains("\n" + $0) }) {
                throw Warning(message: "the output of '\(prefix)' shows the warning '\(found)'")
            }
            if let found = call.errors.first(where: { response.contains("\n" + $0) }) {
                throw RemoteProblem("the output of '\(prefix)' shows the error '\(found)':\n\(TerminalSession.tail(response))")
            }
            if let found = call.criticals.first(where: { response.contains("\n" + $0) }) {
                throw RemoteProblem("the output of '\(prefix)' shows the critical error '\(found)':\n\(TerminalSession.tail(response))")
            }
            return response.trimmed
        }

        /// Runs `body` again after each warning, `retry_count` times in all, `retry_sleep` apart.
        private func rerun(_ call: Call, _ body: () throws -> String) throws -> String {
            var tries = 0
            while true {
                do {
                    return try body()
                } catch let warning as Warning {
                    tries += 1
                    guard tries < max(1, call.retryCount) else {
                        throw RemoteProblem("\(warning.message) after \(tries) tries; giving up")
                    }
                    log("Need for rerun: \(warning.message)")
                    let clock = ContinuousClock()
                    let until = clock.now + call.retrySleep
                    while clock.now < until {
                        if stop.isRequested { throw RemoteProblem("the terminal session was stopped because the run was cancelled") }
                        usleep(100_000)
                    }
                }
            }
        }

        // MARK: the buffer

        /// Adds what the device sent: carriage returns dropped (a terminal's line ends are \r\n),
        /// each backspace removing the character before it.
        private func append(_ chunk: String) {
            var scalars = buffer.unicodeScalars.map { $0 }
            for scalar in chunk.unicodeScalars where scalar != "\r" {
                if scalar == "\u{8}" {
                    if !scalars.isEmpty { scalars.removeLast() }
                } else {
                    scalars.append(scalar)
                }
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            buffer = String(text)
        }

        /// The first of `codes` (in their order) found in the buffer, as the plugin looks for them.
        private func findAny(_ codes: [String]) -> Range<String.Index>? {
            for code in codes where !code.isEmpty {
                if let range = buffer.firstRange(of: code) { return range }
            }
            return nil
        }

        /// Answers the first question of `responses` that `text` holds; returns where the question ends.
        private func answer(in text: String, with responses: [Response]) -> String.Index? {
            for response in responses where !response.question.isEmpty {
                guard let range = text.firstRange(of: response.question) else { continue }
                session?.send(response.answer + (response.newline ? "\n" : ""))
                return range.upperBound
            }
            return nil
        }
    }
}

private extension StringProtocol {
    var trimmed: String { trimmingWhitespaceAndNewlines() }
}
