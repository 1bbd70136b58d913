import LibvirtBackend
import Platform

/// A `dir` pool's target directory, which libvirt opens on the pool's host when the pool
/// starts. When it is missing there, libvirt says "cannot open directory"; bluevirt says which
/// pool, which directory and which host.
enum PoolHostDirectory {
    /// The `<target><path>` of a `<pool type='dir'>` document; nil for other pool types.
    static func path(in xml: String) -> String? {
        guard let open = xml.firstRange(ofASCII: "<pool"),
              xml[open.upperBound...].prefix(while: { $0 != ">" }).replacing("\"", with: "'").contains("type='dir'"),
              let target = xml.firstRange(ofASCII: "<target>"),
              let start = xml[target.upperBound...].firstRange(ofASCII: "<path>"),
              let end = xml[start.upperBound...].firstRange(ofASCII: "</path>") else { return nil }
        let path = String(xml[start.upperBound..<end.lowerBound]).trimmingWhitespaceAndNewlines()
        return path.isEmpty ? nil : XMLCharacterData.decoded(path)
    }

    /// Starts `pool`; a start refused because its directory cannot be opened on the host
    /// becomes an error naming the directory and the host.
    static func start(_ pool: LibvirtStoragePool, of object: ManagedObject) async throws {
        do {
            try await pool.start()
        } catch {
            if let problem = missingDirectory(error, of: object) { throw problem }
            throw error
        }
    }

    private static func missingDirectory(_ error: LibvirtError, of object: ManagedObject) -> BackendProblem? {
        guard error.code == .systemError, let path = object.xml.flatMap(path(in:)), error.message.contains(path) else { return nil }
        let host = ConnectionHost.name(of: object.connection)
        return BackendProblem("""
            the directory '\(path)' of \(object.label) cannot be opened on host \(host) (\(error.message)): a dir pool's \
            target is a directory on the pool's host, not on this machine; create it on \(host) or give the pool a \
            target path that exists there
            """)
    }
}
