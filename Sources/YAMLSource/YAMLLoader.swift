#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What loading a YAML file gave: every document of the stream (possibly none) and every problem.
public struct YAMLLoadResult: Sendable {
    /// The documents in stream order. An empty file, or one holding only comments, has none.
    /// A document cut short by an error is left out.
    public var documents: [Node]
    public var diagnostics: [Diagnostic]

    public init(documents: [Node], diagnostics: [Diagnostic]) {
        self.documents = documents
        self.diagnostics = diagnostics
    }
}

/// Reads YAML (the common subset by CommonSubsetParser, the rest by libyaml) into `Node` trees that know their source ranges. Never throws and never
/// traps on any input: unreadable files, binary data, syntax errors, alias bombs and absurd nesting
/// all become diagnostics.
public enum YAMLLoader {
    /// Loads YAML text given as bytes. `file` names the source in ranges and messages.
    public static func load(bytes: [UInt8], file: String, limits: YAMLLimits = .standard) -> YAMLLoadResult {
        if let tooLarge = sizeDiagnostic(bytes.count, file: file, limits: limits) {
            return YAMLLoadResult(documents: [], diagnostics: [tooLarge])
        }
        return bytes.withUnsafeBufferPointer { parse($0, file: file, limits: limits) }
    }

    /// Loads YAML text given as a string (an `--input` value, a test's fixture).
    public static func load(string: String, file: String, limits: YAMLLimits = .standard) -> YAMLLoadResult {
        var text = string
        return text.withUTF8 { buffer in
            if let tooLarge = sizeDiagnostic(buffer.count, file: file, limits: limits) {
                return YAMLLoadResult(documents: [], diagnostics: [tooLarge])
            }
            return parse(buffer, file: file, limits: limits)
        }
    }

    /// Parses `bytes`: the common subset of YAML by CommonSubsetParser, the rest by libyaml.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits) -> YAMLLoadResult {
        CommonSubsetParser.parse(bytes, file: file, limits: limits) ?? parseWithLibYAML(bytes, file: file, limits: limits)
    }

    /// Parses `bytes` with libyaml; where it refuses a colon PyYAML accepts (`{concat:[...]}`),
    /// parses again with a space after it, as FlowColonSpacing explains.
    static func parseWithLibYAML(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits) -> YAMLLoadResult {
        var builder = EventTreeBuilder(file: file, limits: limits)
        builder.parse(bytes)
        guard let colon = builder.pyYAMLColon else {
            return YAMLLoadResult(documents: builder.documents, diagnostics: builder.diagnostics)
        }
        var spacing = FlowColonSpacing()
        var text = spacing.insertingSpace(afterColonAt: colon, in: bytes)
        while true {
            builder = EventTreeBuilder(file: file, limits: limits, spacing: spacing)
            text.withUnsafeBufferPointer { builder.parse($0) }
            guard let next = builder.pyYAMLColon else { break }
            guard spacing.count < FlowColonSpacing.maxInsertions else {
                var diagnostics = builder.diagnostics
                if let last = diagnostics.indices.last {
                    diagnostics[last].notes.append(DiagnosticNote(
                        "bluevirt reads 'key:[' in a flow collection as 'key: [', as Cloudify does, at most \(FlowColonSpacing.maxInsertions) times per file; "
                        + "write the space after the colon in this file"))
                }
                return YAMLLoadResult(documents: builder.documents, diagnostics: diagnostics)
            }
            text = text.withUnsafeBufferPointer { spacing.insertingSpace(afterColonAt: next, in: $0) }
        }
        return YAMLLoadResult(documents: builder.documents, diagnostics: builder.diagnostics)
    }

    /// Reads and loads a file. A missing or unreadable file, or a directory, is a `BV0001`
    /// diagnostic; a file over the size limit is refused before it is read.
    public static func load(contentsOf path: String, limits: YAMLLimits = .standard) -> YAMLLoadResult {
        switch SourceFile.read(path, maxBytes: limits.maxDocumentBytes) {
        case .success(let bytes):
            return load(bytes: bytes, file: path, limits: limits)
        case .failure(let problem):
            return YAMLLoadResult(documents: [], diagnostics: [problem.diagnostic(file: path, limits: limits)])
        }
    }

    private static func sizeDiagnostic(_ count: Int, file: String, limits: YAMLLimits) -> Diagnostic? {
        guard count > limits.maxDocumentBytes else { return nil }
        return SourceFile.Problem.tooLarge(count).diagnostic(file: file, limits: limits)
    }
}

/// Reads a whole file with POSIX calls, so the reason for a failure (errno) can be named.
public enum SourceFile {
    public enum Problem: Error, Sendable, Hashable {
        case cannotOpen(reason: String)
        case isDirectory
        case cannotRead(reason: String)
        case tooLarge(Int)
        /// A pipe or device (`/dev/zero`) that gave more than the limit: its size is not known.
        case streamTooLarge
        /// `-`, which many tools read as standard input.
        case standardInput

        /// The problem as a diagnostic about `file`.
        public func diagnostic(file: String, limits: YAMLLimits) -> Diagnostic {
            let at = SourceRange.wholeFile(file)
            switch self {
            case .cannotOpen(let reason):
                return .error(.unreadableFile, "cannot open '\(file)': \(reason)", at: at, notes: [
                    DiagnosticNote("check the path; a relative path is taken from the current directory, or for imports from the importing file's directory"),
                ])
            case .isDirectory:
                return .error(.unreadableFile, "'\(file)' is a directory, not a YAML file", at: at, notes: [
                    DiagnosticNote(SourceFile.filesNote(inDirectory: file)),
                ])
            case .cannotRead(let reason):
                return .error(.unreadableFile, "cannot read '\(file)': \(reason)", at: at)
            case .tooLarge(let size):
                return .error(.fileTooLarge, "'\(file)' is \(size) bytes, more than the limit of \(limits.maxDocumentBytes) bytes", at: at, notes: [
                    DiagnosticNote("a blueprint this large is almost certainly not a blueprint; split it with imports if it really is one"),
                ])
            case .standardInput:
                return .error(.unreadableFile, "'-' (standard input) cannot be read as a file here", at: at, notes: [
                    DiagnosticNote("save the YAML to a file and name that: relative imports and scripts are found from the file's directory"),
                ])
            case .streamTooLarge:
                return .error(.fileTooLarge, "'\(file)' gives more than the limit of \(limits.maxDocumentBytes) bytes; bluevirt stopped reading it", at: at, notes: [
                    DiagnosticNote("it is not a regular file; name the blueprint's YAML file instead"),
                ])
            }
        }
    }

    /// What to name instead of a directory: the YAML and JSON files it holds (the same directory
    /// is given as a blueprint, an `--inputs` or a `--secrets` file, so no one name fits all).
    static func filesNote(inDirectory directory: String) -> String {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var names: [String] = []
        if let stream = opendir(directory) {
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if [".yaml", ".yml", ".json"].contains(where: name.hasSuffix) { names.append(name) }
            }
        }
        names.sort()
        guard !names.isEmpty else { return "name a YAML file instead; this directory holds none" }
        let shown = names.prefix(5).map { "'\(prefix)\($0)'" }.joined(separator: ", ")
        return "name a file inside it: \(shown)\(names.count > 5 ? " and \(names.count - 5) more" : "")"
    }

    /// The file's bytes, or why they cannot be had. Refuses files larger than `maxBytes` before reading.
    /// `waitingForWriter`: a FIFO is read when its writer comes, to its end; without, only what is
    /// in it now (quoting a line of a FIFO read already must not wait for a writer that is gone).
    public static func read(_ path: String, maxBytes: Int, waitingForWriter: Bool = true) -> Result<[UInt8], Problem> {
        // Not a file named '-' in the current directory, as open(2) would take it.
        if path == "-" { return .failure(.standardInput) }
        // O_NONBLOCK: what the path names is not known yet, and opening a device could wait.
        var descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(.cannotOpen(reason: errnoText())) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.cannotRead(reason: errnoText())) }
        if (status.st_mode & S_IFMT) == S_IFDIR { return .failure(.isDirectory) }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG || kind == S_IFIFO || kind == S_IFCHR else {
            return .failure(.cannotRead(reason: "not a regular file"))
        }
        if kind == S_IFIFO, waitingForWriter {
            // Opened without waiting, a FIFO whose writer has not opened it yet reads as empty at
            // once; opened again, blocking, it waits for the writer as `cat` does and reads to
            // its end (all writers closed it).
            close(descriptor)
            repeat { descriptor = open(path, O_RDONLY) } while descriptor < 0 && errno == EINTR
            guard descriptor >= 0 else { return .failure(.cannotOpen(reason: errnoText())) }
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        let expected = Int(status.st_size)
        if expected > maxBytes { return .failure(.tooLarge(expected)) }

        // Read until end of file rather than trusting st_size: pipes and /proc files report 0.
        // One spare byte lets a regular file reach its end without the buffer growing.
        var bytes = [UInt8](repeating: 0, count: max(expected + 1, 4096))
        var count = 0
        while true {
            if count == bytes.count {
                if count > maxBytes { return .failure(kind == S_IFREG ? .tooLarge(count) : .streamTooLarge) }
                // An array of zeros, not `repeatElement`: appending a generic sequence goes byte by
                // byte in an unoptimized build, and /dev/zero then took minutes to reach the limit.
                bytes += [UInt8](repeating: 0, count: bytes.count)
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(.cannotRead(reason: errnoText()))
            }
            if got == 0 { break }
            count += got
        }
        if count > maxBytes { return .failure(kind == S_IFREG ? .tooLarge(count) : .streamTooLarge) }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// read(2), named apart from `SourceFile.read`.
    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    private static func errnoText() -> String {
        let code = errno
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
