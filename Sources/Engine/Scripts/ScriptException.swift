import StateStore

/// The uncaught exception a python script ended with, as the `cloudify` shim records it: its
/// type and message, where in the script it was raised, and what Cloudify's workflows do with
/// it. `NonRecoverableError` fails the operation at once; `RecoverableError`, `OperationRetry`
/// and every other exception let it be retried within its `max_retries`, after `retry_after`
/// seconds when the exception gives them (else the operation's `retry_interval`).
public struct ScriptException: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable {
        case nonRecoverable = "non-recoverable"
        case recoverable
        case retry
    }

    /// The exception's class name, e.g. `TypeError`.
    public var type: String
    public var message: String
    public var verdict: Verdict
    public var retryAfter: Double?
    /// The script's file and line where it was raised (the innermost frame outside the shim).
    public var file: String?
    public var line: Int?

    public init(type: String, message: String, verdict: Verdict, retryAfter: Double? = nil, file: String? = nil, line: Int? = nil) {
        self.type = type
        self.message = message
        self.verdict = verdict
        self.retryAfter = retryAfter
        self.file = file
        self.line = line
    }

    /// Reads the shim's `{"exception": TYPE, "message", "verdict", "retry_after", "file", "line"}`.
    init?(_ fields: [String: JSONValue]) {
        guard case .string(let type)? = fields["exception"] else { return nil }
        self.type = type
        if case .string(let message)? = fields["message"] { self.message = message } else { self.message = "" }
        if case .string(let verdict)? = fields["verdict"], let known = Verdict(rawValue: verdict) { self.verdict = known } else { self.verdict = .recoverable }
        retryAfter = Self.seconds(fields["retry_after"])
        if case .string(let file)? = fields["file"] { self.file = file }
        switch fields["line"] {
        case .integer(let line)?: self.line = Int(line)
        case .number(let line)?: self.line = Int(exactly: line)
        default: break
        }
    }

    var json: JSONValue {
        .object(["exception": .string(type), "message": .string(message), "verdict": .string(verdict.rawValue),
                 "retry_after": retryAfter.map(JSONValue.number) ?? .null, "file": file.map(JSONValue.string) ?? .null,
                 "line": line.map { .integer(Int64($0)) } ?? .null])
    }

    /// A number of seconds given as JSON (an integer or a float); nil for anything else or a negative.
    static func seconds(_ value: JSONValue?) -> Double? {
        switch value {
        case .integer(let seconds)? where seconds >= 0: Double(seconds)
        case .number(let seconds)? where seconds >= 0 && seconds.isFinite: seconds
        default: nil
        }
    }
}
