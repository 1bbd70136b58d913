/// Opens one ``LibvirtConnection`` per URI and hands the same connection to every task that asks
/// for that URI. Concurrent first requests for a URI wait for a single open; a failed open is
/// not remembered, so a later request tries again.
public actor LibvirtConnectionPool {
    private var connections: [String?: Task<Result<LibvirtConnection, LibvirtError>, Never>] = [:]

    public init() {}

    /// The shared connection for `uri` (nil: libvirt's default URI), opened on first use.
    public func connection(for uri: String?) async throws(LibvirtError) -> LibvirtConnection {
        let opening: Task<Result<LibvirtConnection, LibvirtError>, Never>
        if let existing = connections[uri] {
            opening = existing
        } else {
            opening = Task { () async -> Result<LibvirtConnection, LibvirtError> in
                do throws(LibvirtError) {
                    return .success(try await LibvirtConnection.open(uri))
                } catch {
                    return .failure(error)
                }
            }
            connections[uri] = opening
        }
        let result = await opening.value
        if case .failure = result, connections[uri] == opening {
            // The actor may have been re-entered meanwhile: forget only this failed attempt.
            connections[uri] = nil
        }
        return try result.get()
    }

    /// The URIs (as asked for) with an open connection or an open in progress.
    public var uris: [String?] { Array(connections.keys) }

    /// Forgets every connection; each closes once the last object that uses it is gone.
    public func removeAll() {
        connections.removeAll()
    }
}
