import Foundation
import StateStore

/// One thing a script asked for through `ctx` (the command or the python shim): a runtime
/// property set, or a log line. `ctx` appends each as one JSON line to the changes file named
/// by `BLUEVIRT_CTX_CHANGES`; the runner reads them back as they come and when the script ends.
public enum ScriptChange: Sendable, Hashable {
    /// The instance's runtime property `key` is now `value` (a set of `a.b` changes the whole `a`).
    case runtimeProperty(key: String, value: JSONValue)
    /// `ctx logger LEVEL MESSAGE`.
    case log(level: String, message: String)

    /// The JSON line for the changes file, without the newline:
    /// `{"set":KEY,"value":VALUE}` or `{"log":LEVEL,"message":TEXT}`.
    public var jsonLine: String {
        switch self {
        case .runtimeProperty(let key, let value): JSONValue.object(["set": .string(key), "value": value]).jsonText()
        case .log(let level, let message): JSONValue.object(["log": .string(level), "message": .string(message)]).jsonText()
        }
    }

    /// Reads one line of the changes file; nil for a line that is not a change (a torn or
    /// foreign line is skipped rather than failing the operation).
    public init?(jsonLine: String) {
        guard case .object(let fields)? = try? JSONValue(jsonText: jsonLine) else { return nil }
        if case .string(let key)? = fields["set"] {
            self = .runtimeProperty(key: key, value: fields["value"] ?? .null)
        } else if case .string(let level)? = fields["log"], case .string(let message)? = fields["message"] {
            self = .log(level: level, message: message)
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
