import Foundation
import LibvirtBackend
import StateStore

/// `--simulate`: every connection of a deployment goes to libvirt's test driver, one world per
/// original URI, kept as a `<node>` document in the state directory
/// (`simulated/<deployment>/<uri>.xml`) so that separate commands see the same world.
///
/// The rehearsal is as durable as the real thing: a run writes the world after every libvirt
/// change (``WorldJournal``), before the state records the step as done, atomically (a
/// temporary file renamed over the old one), so a kill at any point leaves a world that holds
/// at least every object the state says exists.
public struct SimulatedWorlds: Sendable {
    public let directory: URL

    public init(stateDirectory: URL, deployment: String) {
        directory = stateDirectory.appendingPathComponent("simulated").appendingPathComponent(Self.fileName(for: deployment))
    }

    /// The test driver URI that stands for `uri`, e.g. `test:///…/simulated/demo/qemu~3A~2F~2F~2Fsystem.xml`.
    public func testURI(for uri: String) -> String {
        "test://" + directory.appendingPathComponent(Self.fileName(for: uri) + ".xml").path
    }

    /// Writes an empty world for each of `testURIs` that has no file yet (not test:///default's
    /// objects: a simulated host starts with nothing).
    public func prepare(_ testURIs: some Sequence<String>) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for uri in testURIs {
            guard let path = Self.worldPath(of: uri), !FileManager.default.fileExists(atPath: path) else { continue }
            try Self.writeAtomically(Self.emptyWorld, to: path)
        }
    }

    /// A world with nothing in it.
    static let emptyWorld = "<node>\n</node>\n"

    /// Saves the world of every file-backed test connection among `uris` back to its file.
    public static func save(_ uris: some Sequence<String>, connections: LibvirtConnectionPool) async throws {
        for uri in Set(uris) {
            guard let path = worldPath(of: uri) else { continue }
            let document = try await connections.connection(for: uri).testWorldDocument()
            try writeAtomically(document, to: path)
        }
    }

    /// The file of a `test:///ABSOLUTE/PATH.xml` URI; nil for any other URI.
    public static func worldPath(of uri: String) -> String? {
        guard uri.hasPrefix("test:///"), uri.hasSuffix(".xml") else { return nil }
        return String(uri.dropFirst("test://".count))
    }

    /// A file name that stands for `text` and for nothing else: ASCII letters, digits, `-`, `_`
    /// and `.` stay, every other byte (and a leading `.`, so that no name is `.` or `..`) is
    /// written `~XX` in hexadecimal, `~` itself included. Distinct texts get distinct names, so
    /// deployments `x y` and `x_y` keep separate worlds. `~` rather than `%`: libvirt decodes
    /// `%XX` in a `test://` URI's path, and would then look for another file.
    public static func fileName(for text: String) -> String {
        var name = ""
        for (offset, byte) in text.utf8.enumerated() {
            let scalar = Unicode.Scalar(byte)
            let plain = byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || (byte == UInt8(ascii: ".") && offset > 0))
            if plain {
                name.unicodeScalars.append(scalar)
            } else {
                name += "~" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return name.isEmpty ? "~" : name
    }

    /// Writes `text` to `path` so that a kill at any moment leaves either the old file or the
    /// new one whole: a temporary file beside it, flushed, then renamed over it.
    static func writeAtomically(_ text: String, to path: String) throws(WorldFileError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw WorldFileError(path: temporary, operation: "create", code: errno) }
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw WorldFileError(path: temporary, operation: "write", code: code)
            }
            written += result
        }
        bytes = []
        // fsync: the rename must not reach the disk before the contents do (a power cut would
        // otherwise leave an empty world where a full one was).
        if fsync(descriptor) != 0 {
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw WorldFileError(path: temporary, operation: "flush", code: code)
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WorldFileError(path: path, operation: "replace", code: code)
        }
    }
}

/// A world file could not be written or read.
public struct WorldFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var code: Int32

    public var description: String {
        "cannot \(operation) the simulated world \(path): \(String(cString: strerror(code)))"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Writes simulated worlds while a run changes them: ``save(_:)`` returns once a world that
/// shows the object as it is after the call began is on disk.
///
/// The world is read whole from libvirt once per run, then kept in pieces: each save describes
/// only the object its step changed (each object is changed by one step at a time), so a
/// step costs a few libvirt calls however big the world. Saves asked for while one is being
/// written share the next write.
actor WorldJournal {
    private let connections: LibvirtConnectionPool
    private var parts: [String: TestWorldParts] = [:]
    private var loading: [String: Task<TestWorldParts, any Error>] = [:]
    /// Per world URI: how many writes were asked for, and up to which request one is on disk.
    private var requested: [String: Int] = [:]
    private var written: [String: Int] = [:]
    private var inFlight: [String: (task: Task<Void, any Error>, covers: Int)] = [:]

    init(connections: LibvirtConnectionPool) {
        self.connections = connections
    }

    /// Makes the world of `object`'s connection durable with `object` as it is now (nothing
    /// for connections that are no world file).
    func save(_ object: ManagedObject) async throws {
        let uri = object.connection
        guard let path = SimulatedWorlds.worldPath(of: uri) else { return }
        try await load(uri)
        try await refresh(object)
        requested[uri, default: 0] += 1
        let mine = requested[uri] ?? 0
        while written[uri, default: 0] < mine {
            if let running = inFlight[uri] {
                // A write under way may have rendered the world before this call's change:
                // wait for it, then go round (the next write covers this call).
                let outcome = await running.task.result
                finish(uri, running.task, covers: running.covers, succeeded: (try? outcome.get()) != nil)
                try outcome.get()
                continue
            }
            let covers = requested[uri] ?? 0
            let document = parts[uri]?.document ?? SimulatedWorlds.emptyWorld
            let task = Task { try SimulatedWorlds.writeAtomically(document, to: path) }
            inFlight[uri] = (task, covers)
            let outcome = await task.result
            finish(uri, task, covers: covers, succeeded: (try? outcome.get()) != nil)
            try outcome.get()
        }
    }

    /// Reads the whole world of `uri` from libvirt, once.
    private func load(_ uri: String) async throws {
        if parts[uri] != nil { return }
        let task: Task<TestWorldParts, any Error>
        if let running = loading[uri] {
            task = running
        } else {
            let connections = self.connections
            task = Task { try await connections.connection(for: uri).testWorldParts() }
            loading[uri] = task
        }
        let result = await task.result
        if loading[uri] == task { loading[uri] = nil }
        if parts[uri] == nil { parts[uri] = try result.get() }
    }

    /// Describes `object` again (or drops it when it is gone).
    private func refresh(_ object: ManagedObject) async throws {
        let connection = try await connections.connection(for: object.connection)
        let uri = object.connection
        switch object.kind {
        case .domain:
            let xml = try await connection.testWorldDomain(named: object.name)
            parts[uri]?.domains[object.name] = xml
        case .network:
            let xml = try await connection.testWorldNetwork(named: object.name)
            parts[uri]?.networks[object.name] = xml
        case .pool:
            let described = try await connection.testWorldPool(named: object.name)
            parts[uri]?.pools[object.name] = described?.pool
            parts[uri]?.volumes[object.name] = described?.volumes
        case .volume, .iso9660:
            let pool = object.pool ?? "default"
            let xml = try await connection.testWorldVolume(named: object.name, inPool: pool)
            parts[uri]?.volumes[pool, default: [:]][object.name] = xml
        }
    }

    /// Both the writer and its waiters call this (whoever resumes first); it is idempotent.
    private func finish(_ uri: String, _ task: Task<Void, any Error>, covers: Int, succeeded: Bool) {
        if inFlight[uri]?.task == task { inFlight[uri] = nil }
        if succeeded { written[uri] = max(written[uri, default: 0], covers) }
    }
}
