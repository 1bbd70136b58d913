import Platform

/// What a run changed in a simulated world since its `<node>` file (`test:///PATH.xml`) was last
/// written whole, kept beside it as `PATH.xml.journal`, so that each step appends the one object
/// it changed instead of rewriting the world: a world of 10,000 domains is about 14 MB, and
/// rewriting it after every step made a run grow with the square of its size.
///
/// The journal starts with every object of the world (``start(worldPath:with:)``, once per run)
/// and each later record replaces or removes one object, so the journal alone describes the
/// world. Records are length-prefixed and each append ends with a mark; an append cut short by a
/// kill is ignored (its step had not returned, so the state does not count on it). Opening a
/// world with a journal opens the world the journal describes (``LibvirtConnection/open(_:)``);
/// the world file itself is only written by the run that holds the deployment's writer lock,
/// which removes the journal once it has written the world whole (``finish(worldPath:)``). A
/// reader (`status`) never writes either.
public enum TestWorldJournal {
    /// One object as it is now; nil: it is gone.
    public enum Change: Sendable, Equatable {
        case domain(name: String, xml: String?)
        case network(name: String, xml: String?)
        /// A pool (its definition without volumes) and all its volumes, by name.
        case pool(name: String, xml: String?, volumes: [String: String])
        case volume(pool: String, name: String, xml: String?)
    }

    /// The journal of the world file at `worldPath`.
    public static func path(ofWorld worldPath: String) -> String { worldPath + ".journal" }

    /// Begins the journal of a run with every object of `parts` (atomically: a kill leaves the
    /// previous journal, if any, or this one whole).
    public static func start(worldPath: String, with parts: TestWorldParts) throws(WorldFileError) {
        var changes: [Change] = []
        changes += parts.domains.map { .domain(name: $0.key, xml: $0.value) }
        changes += parts.networks.map { .network(name: $0.key, xml: $0.value) }
        changes += parts.pools.map { .pool(name: $0.key, xml: $0.value, volumes: parts.volumes[$0.key] ?? [:]) }
        // Volumes of a pool the world does not hold as a pool (never written into the document).
        for (pool, volumes) in parts.volumes where parts.pools[pool] == nil {
            changes += volumes.map { .volume(pool: pool, name: $0.key, xml: $0.value) }
        }
        try WorldFile.writeAtomically(encode(changes), to: path(ofWorld: worldPath))
    }

    /// Appends `changes`: once this returns they survive a kill of bluevirt. Not synced to disk:
    /// a simulated run's state commits are not either (`Durability.processCrash`), and an fsync
    /// per step was a third of a simulated destroy's time.
    public static func append(_ changes: [Change], worldPath: String) throws(WorldFileError) {
        try WorldFile.append(encode(changes), to: path(ofWorld: worldPath))
    }

    /// The world has been written whole: its journal is no longer needed.
    public static func finish(worldPath: String) {
        unlink(path(ofWorld: worldPath))
    }

    /// The world the journal beside `worldPath` describes; nil when there is no journal.
    public static func world(besides worldPath: String) throws(WorldFileError) -> TestWorldParts? {
        let journal = path(ofWorld: worldPath)
        guard let bytes = try WorldFile.read(journal) else { return nil }
        var parts = TestWorldParts()
        for change in decode(bytes) { parts.apply(change) }
        return parts
    }

    // MARK: records

    // Each record: a header line `TAG NAME-BYTES POOL-BYTES XML-BYTES` (XML-BYTES -1: removed), then
    // the name, the pool name and the XML, in UTF-8. Tags: D domain, N network, P pool (its volumes
    // follow as V records), V volume, E the end of one append: an append counts only whole.

    static func encode(_ changes: [Change]) -> [UInt8] {
        var bytes: [UInt8] = []
        func record(_ tag: String, _ name: String, pool: String = "", _ xml: String?) {
            let xmlCount = xml.map { String($0.utf8.count) } ?? "-1"
            bytes += "\(tag) \(name.utf8.count) \(pool.utf8.count) \(xmlCount)\n".utf8
            bytes += name.utf8
            bytes += pool.utf8
            if let xml { bytes += xml.utf8 }
        }
        for change in changes {
            switch change {
            case .domain(let name, let xml): record("D", name, xml)
            case .network(let name, let xml): record("N", name, xml)
            case .pool(let name, let xml, let volumes):
                record("P", name, xml)
                for (volume, text) in volumes.sorted(by: { $0.key < $1.key }) { record("V", volume, pool: name, text) }
            case .volume(let pool, let name, let xml): record("V", name, pool: pool, xml)
            }
        }
        record("E", "", nil)
        return bytes
    }

    /// The changes of `bytes` in order, up to the last append written whole.
    static func decode(_ bytes: [UInt8]) -> [Change] {
        var changes: [Change] = []
        var appending: [Change] = []
        var position = 0
        while let newline = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) {
            let header = bytes[position..<newline].split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            guard header.count == 4, let nameCount = Int(header[1]), let poolCount = Int(header[2]), let xmlCount = Int(header[3]),
                  nameCount >= 0, poolCount >= 0, xmlCount >= -1 else { break }
            let start = newline + 1
            let end = start + nameCount + poolCount + max(xmlCount, 0)
            guard end <= bytes.count else { break }
            let name = String(decoding: bytes[start..<start + nameCount], as: UTF8.self)
            let pool = String(decoding: bytes[start + nameCount..<start + nameCount + poolCount], as: UTF8.self)
            let xml = xmlCount < 0 ? nil : String(decoding: bytes[start + nameCount + poolCount..<end], as: UTF8.self)
            position = end
            switch header[0] {
            case "D": appending.append(.domain(name: name, xml: xml))
            case "N": appending.append(.network(name: name, xml: xml))
            case "P": appending.append(.pool(name: name, xml: xml, volumes: [:]))
            case "V": appending.append(.volume(pool: pool, name: name, xml: xml))
            case "E":
                changes += appending
                appending = []
            default: return changes
            }
        }
        return changes
    }
}

extension TestWorldParts {
    /// Makes `change`: the object as it is now, or gone.
    public mutating func apply(_ change: TestWorldJournal.Change) {
        switch change {
        case .domain(let name, let xml): domains[name] = xml
        case .network(let name, let xml): networks[name] = xml
        case .pool(let name, let xml, let poolVolumes):
            pools[name] = xml
            volumes[name] = xml == nil ? nil : poolVolumes
        case .volume(let pool, let name, let xml): volumes[pool, default: [:]][name] = xml
        }
    }
}

/// A simulated world's file or journal could not be written or read.
public struct WorldFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var code: Int32

    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    public var description: String {
        "cannot \(operation) the simulated world \(path): \(String(cString: strerror(code))); \(remedy)"
    }

    /// What the user can do: the run stopped, and what it recorded stays (the world's journal and
    /// the state), so the same command resumes once the file can be written.
    private var remedy: String {
        switch code {
        case ENOSPC, EDQUOT: "free some space on its file system and run the command again (what was recorded is kept)"
        case EACCES, EPERM, EROFS: "make the state directory writable and run the command again (what was recorded is kept)"
        case ENOTDIR, EEXIST: "a file stands in that path where a directory must be: move it away and run the command again (what was recorded is kept)"
        default: "check that path and run the command again (what was recorded is kept)"
        }
    }
}

/// Whole-file writes, appends and reads of world files, with plain system calls.
public enum WorldFile {
    /// Writes `text` to `path` atomically (see the other `writeAtomically`).
    public static func writeAtomically(_ text: String, to path: String) throws(WorldFileError) {
        try writeAtomically(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` so that a kill at any moment leaves either the old file or the
    /// new one whole: a temporary file beside it, flushed, then renamed over it.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(WorldFileError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        // Errors name the file being written: the temporary one is removed.
        guard descriptor >= 0 else { throw WorldFileError(path: path, operation: "write", code: errno) }
        do throws(WorldFileError) {
            try writeAll(bytes, to: descriptor, path: path)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WorldFileError(path: path, operation: "replace", code: code)
        }
    }

    /// Makes the directory `path` and its missing parents, as `mkdir -p` does; the error names
    /// `path`, the directory a world needs.
    public static func makeDirectory(_ path: String) throws(WorldFileError) {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0, errno != EEXIST {
                throw WorldFileError(path: path, operation: "make the directory of", code: errno)
            }
        }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw WorldFileError(path: path, operation: "make the directory of", code: ENOTDIR)
        }
    }

    /// Appends `bytes` to the existing file `path`, without syncing it.
    static func append(_ bytes: [UInt8], to path: String) throws(WorldFileError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw WorldFileError(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path, sync: false)
    }

    /// The file's bytes; nil when there is no such file.
    static func read(_ path: String) throws(WorldFileError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw WorldFileError(path: path, operation: "open", code: errno)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw WorldFileError(path: path, operation: "read", code: errno)
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// Writes every byte, then (`sync`) fsync: a rename must not reach the disk before the
    /// contents do.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String, sync: Bool = true) throws(WorldFileError) {
        let failure = bytes.withUnsafeBytes { Platform.writeAll($0, to: descriptor) }
        guard failure == 0 else { throw WorldFileError(path: path, operation: "write", code: failure) }
        guard !sync || fsync(descriptor) == 0 else { throw WorldFileError(path: path, operation: "flush", code: errno) }
    }
}
