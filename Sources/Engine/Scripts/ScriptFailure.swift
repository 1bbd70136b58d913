import Platform
import StateStore

/// A script operation that failed: the script as the blueprint names it, why, and the last lines
/// of its output (its own and its `ctx logger` lines), which usually say what went wrong.
public struct ScriptFailure: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case exitStatus(Int32)
        case signal(Int32)
        /// Stopped because it ran longer than the operation's timeout.
        case timeout(Duration)
        /// Stopped because the run was cancelled (Ctrl-C).
        case cancelled
        /// It could not be started at all.
        case notStarted(String)
        /// It ended well but asked to be run again (`ctx.operation.retry(message)`).
        case retryRequested(String)
    }

    /// The script's path as the blueprint gives it (relative to the blueprint's directory).
    public var script: String
    public var reason: Reason
    /// At most the last 20 lines of output.
    public var lastLines: [String]
    /// The runtime properties the script changed before it failed (its instance's, and the
    /// target's in a relationship): kept, as Cloudify updates them whether the operation failed or not.
    public var changes: StepOutput
    /// The uncaught exception a python script ended with, with its file and line.
    public var exception: ScriptException?
    /// How long to wait before a retry, when the script said (`retry_after`).
    public var retryAfter: Duration?

    public init(script: String, reason: Reason, lastLines: [String], changes: StepOutput = StepOutput()) {
        self.script = script
        self.reason = reason
        self.lastLines = lastLines
        self.changes = changes
    }

    /// True when a retry may help, as Cloudify decides: a script that ran and failed, unless it
    /// raised `NonRecoverableError`; not one that could not start or was cancelled.
    public var isRetryable: Bool {
        switch reason {
        case .exitStatus, .signal, .timeout, .retryRequested: exception?.verdict != .nonRecoverable
        case .cancelled, .notStarted: false
        }
    }

    public var description: String {
        let what: String = switch reason {
        case .exitStatus(let status): "exited with status \(status)"
        case .signal(let number): "was killed by signal \(number) (\(Self.signalName(number)))"
        case .timeout(let limit): "did not finish within its timeout of \(Self.seconds(limit)) and was stopped"
        case .cancelled: "was stopped because the run was cancelled"
        case .notStarted(let why): "could not be started: \(why)"
        case .retryRequested(let message): "asked to be run again (ctx.operation.retry)" + (message.isEmpty ? "" : ": \(message)")
        }
        var text = "script '\(script)' \(what)"
        if let exception {
            let place = [exception.file, exception.line.map { "line \($0)" }].compactMap { $0 }.joined(separator: ", ")
            text += ": \(exception.type)" + (place.isEmpty ? "" : " at \(place)") + (exception.message.isEmpty ? "" : ": \(exception.message)")
            if exception.verdict == .nonRecoverable { text += " (NonRecoverableError: not retried)" }
        }
        if lastLines.isEmpty {
            if case .notStarted = reason {} else { text += " (it printed nothing)" }
        } else {
            text += "; its last lines of output:\n" + lastLines.map { "  | " + $0 }.joined(separator: "\n")
        }
        return text
    }

    private static func signalName(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGKILL: "SIGKILL"
        case SIGINT: "SIGINT"
        case SIGSEGV: "SIGSEGV"
        case SIGABRT: "SIGABRT"
        case SIGHUP: "SIGHUP"
        case SIGPIPE: "SIGPIPE"
        default: "signal \(number)"
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds)s" }
        return String(printf: "%.1fs", Double(seconds) + Double(attoseconds) / 1e18)
    }
}
