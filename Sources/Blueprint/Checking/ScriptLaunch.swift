import Platform

/// How bluevirt starts a script file, decided the same way by `validate` (so a script that
/// cannot start is a diagnostic) and by the engine that runs it.
///
/// Like Cloudify's script plugin: a `.py` file runs with python3 whatever its `#!` line says
/// (the plugin evaluates python scripts in its own interpreter, so the examples'
/// `#!/usr/bin/env python` never mattered, and Debian has no `python`); otherwise a `#!` line
/// names the interpreter (the file need not be executable); without one, `.sh`/`.bash` run with
/// bash; any other executable file (a compiled program) runs directly.
public enum ScriptLaunch: Sendable, Hashable {
    /// Run with the interpreter and optional argument of the file's `#!` line.
    case shebang(interpreter: String, argument: String?)
    case bash
    case python3
    /// An executable file without a `#!` line, run directly.
    case executable

    /// How to start the file at `path`; nil when it cannot be started (not executable, no `#!`
    /// line, no .sh/.bash/.py extension) or cannot be read.
    public init?(path: String) {
        guard let head = Self.head(of: path) else { return nil }
        let fileExtension = path.pathExtension.lowercased()
        if fileExtension == "py" {
            self = .python3
            return
        }
        if let line = Self.shebangLine(head) {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if let interpreter = parts.first {
                let argument = parts.count > 1 ? parts[1].trimmingWhitespace() : nil
                self = .shebang(interpreter: String(interpreter), argument: argument?.isEmpty == false ? argument : nil)
                return
            }
        }
        switch fileExtension {
        case "sh", "bash": self = .bash
        default:
            guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
            self = .executable
        }
    }

    /// The program and arguments that run the script at `path`.
    public func command(for path: String) -> [String] {
        switch self {
        case .shebang(let interpreter, let argument): [interpreter] + (argument.map { [$0] } ?? []) + [path]
        case .bash: ["/bin/bash", path]
        case .python3: ["/usr/bin/env", "python3", path]
        case .executable: [path]
        }
    }

    /// The file's first 256 bytes (fewer when it is shorter; none when it cannot be read, as a
    /// directory); nil when it cannot be opened.
    private static func head(of path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return readToEnd(descriptor: descriptor, limit: 256)
    }

    /// The text after `#!` on the first line, trimmed, when the file starts with one.
    private static func shebangLine(_ head: Data) -> String? {
        guard head.starts(with: Array("#!".utf8)) else { return nil }
        let line = head.dropFirst(2).prefix { $0 != UInt8(ascii: "\n") }
        let text = String(decoding: line, as: UTF8.self).trimmingWhitespaceAndNewlines()
        return text.isEmpty ? nil : text
    }
}
