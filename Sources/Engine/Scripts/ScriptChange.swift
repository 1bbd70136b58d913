import Platform
import StateStore

/// One thing a script asked for through `ctx` (the command or the python shim): a runtime
/// property set or removed, a log line, a retry, or (from the python shim) the exception it
/// ended with. `ctx` appends each as one JSON line to the changes file named by
/// `BLUEVIRT_CTX_CHANGES`; the runner reads them back as they come and when the script ends.
public enum ScriptChange: Sendable, Hashable {
    /// The instance's runtime property `key` is now `value` (a set of `a.b` changes the whole `a`).
    case runtimeProperty(key: String, value: JSONValue)
    /// The relationship target's runtime property `key` is now `value`.
    case targetRuntimeProperty(key: String, value: JSONValue)
    /// The runtime property `key` is gone: the instance's, or the relationship target's.
    case runtimePropertyRemoved(key: String, ofTarget: Bool)
    /// `ctx logger LEVEL MESSAGE`.
    case log(level: String, message: String)
    /// `ctx.operation.retry(message, retry_after)`: run the operation again once the script ends.
    case retryRequested(message: String, after: Double?)
    /// The uncaught exception a python script ended with.
    case exception(ScriptException)

    /// The JSON line for the changes file, without the newline: `{"set":KEY,"value":VALUE}`
    /// (with `"of":"target"` for the target's), `{"remove":KEY}`, `{"log":LEVEL,"message":TEXT}`,
    /// `{"retry":TEXT,"retry_after":SECONDS}` or `{"exception":TYPE,...}`.
    public var jsonLine: String {
        switch self {
        case .runtimeProperty(let key, let value): JSONValue.object(["set": .string(key), "value": value]).jsonText()
        case .targetRuntimeProperty(let key, let value):
            JSONValue.object(["set": .string(key), "value": value, "of": .string("target")]).jsonText()
        case .runtimePropertyRemoved(let key, let ofTarget):
            JSONValue.object(ofTarget ? ["remove": .string(key), "of": .string("target")] : ["remove": .string(key)]).jsonText()
        case .log(let level, let message): JSONValue.object(["log": .string(level), "message": .string(message)]).jsonText()
        case .retryRequested(let message, let after):
            JSONValue.object(["retry": .string(message), "retry_after": after.map(JSONValue.number) ?? .null]).jsonText()
        case .exception(let exception): exception.json.jsonText()
        }
    }

    /// Reads one line of the changes file; nil for a line that is not a change (a torn or
    /// foreign line is skipped rather than failing the operation).
    public init?(jsonLine: String) {
        guard case .object(let fields)? = try? JSONValue(jsonText: jsonLine) else { return nil }
        let ofTarget = fields["of"] == .string("target")
        if case .string(let key)? = fields["set"] {
            self = ofTarget ? .targetRuntimeProperty(key: key, value: fields["value"] ?? .null) : .runtimeProperty(key: key, value: fields["value"] ?? .null)
        } else if case .string(let key)? = fields["remove"] {
            self = .runtimePropertyRemoved(key: key, ofTarget: ofTarget)
        } else if case .string(let level)? = fields["log"], case .string(let message)? = fields["message"] {
            self = .log(level: level, message: message)
        } else if case .string(let message)? = fields["retry"] {
            self = .retryRequested(message: message, after: ScriptException.seconds(fields["retry_after"]))
        } else if let exception = ScriptException(fields) {
            self = .exception(exception)
        } else {
            return nil
        }
    }

    /// Every change in the changes file's text, in order.
    public static func parse(_ text: String) -> [ScriptChange] {
        text.split(separator: "\n").compactMap { ScriptChange(jsonLine: String($0)) }
    }

    /// Appends one change to the changes file at `path` with a single write, so that changes from
    /// commands running at once do not interleave.
    public static func append(_ change: ScriptChange, toFileAt path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ScriptContextProblem("cannot open the changes file '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array((change.jsonLine + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw ScriptContextProblem("cannot write to the changes file '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}

/// A problem with the files `ctx` and the runner share (missing, unreadable, not JSON).
public struct ScriptContextProblem: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
