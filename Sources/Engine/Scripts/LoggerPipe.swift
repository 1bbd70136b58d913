import Platform

/// How a `ctx logger` line keeps its place among what the script prints. The script's stdout
/// and stderr are one pipe, which the supervisor reads in the order it was written; a logger
/// line appended to the changes file instead (a second channel, read in the same loop) could
/// come out before output the script printed earlier. So `ctx logger` (and python's
/// `ctx.logger`) writes its line into that pipe, as a record the supervisor takes out of the
/// output: when its stdout or stderr is the pipe (`BLUEVIRT_OUTPUT_PIPE` names it) and the record
/// fits in one atomic pipe write; otherwise (output redirected, a very long message) into the
/// changes file, as before.
public enum LoggerPipe {
    /// The environment variable with the output pipe's identity, `DEVICE:INODE`.
    public static let environmentName = "BLUEVIRT_OUTPUT_PIPE"
    /// Starts a record in the output: control characters no script prints by accident.
    public static let marker = "\u{1}bluevirt-ctx-log\u{2}"
    /// POSIX's PIPE_BUF on Linux: a write of at most this many bytes is never interleaved.
    public static let atomicWriteSize = 4096

    /// The identity of an open pipe, for `BLUEVIRT_OUTPUT_PIPE`.
    static func identity(ofDescriptor descriptor: Int32) -> String? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return "\(status.st_dev):\(status.st_ino)"
    }

    /// The record of `change` (a log line) for the pipe, with its newline.
    static func record(_ change: ScriptChange) -> [UInt8] {
        Array((marker + change.jsonLine + "\n").utf8)
    }

    /// Writes the log line into the output pipe when stdout or stderr is it; false when it was
    /// not written there (the caller records it in the changes file).
    static func write(_ change: ScriptChange, environment: [String: String]) -> Bool {
        guard let pipe = environment[environmentName] else { return false }
        let bytes = record(change)
        guard bytes.count <= atomicWriteSize else { return false }
        for descriptor: Int32 in [1, 2] where identity(ofDescriptor: descriptor) == pipe {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            return written == bytes.count
        }
        return false
    }

    /// A line of the script's output: the text before a record (a line the script had not
    /// finished), and the logger line of the record; nil when the line holds no record.
    static func split(_ line: String) -> (before: Substring, logged: LoggerLine)? {
        guard let start = line.firstRange(of: marker),
              case .log(let level, let message)? = ScriptChange(jsonLine: String(line[start.upperBound...])) else { return nil }
        return (line[..<start.lowerBound], LoggerLine(level: level, message: message))
    }
}
