/// Opens one ``LibvirtConnection`` per URI (per host) and hands the same connection to every task
/// that asks for that URI. Concurrent first requests for a URI wait for a single open; a failed
/// open is not remembered, so a later request tries again. A connection whose host went away
/// (keepalive gave up) is replaced by a new open on the next request; a host found unreachable
/// stays so for the rest of the run (``markUnreachable(_:because:)``), so that its remaining
/// operations fail at once, naming it, instead of each waiting for a connect to time out.
public actor LibvirtConnectionPool {
    private var connections: [String?: Task<Result<LibvirtConnection, LibvirtError>, Never>] = [:]
    private var unreachable: [String?: LibvirtError] = [:]
    public let options: ConnectionOptions
    /// How long an open may take before the host counts as unreachable.
    public let openTimeout: Duration

    public init(options: ConnectionOptions = ConnectionOptions(), openTimeout: Duration = .seconds(30)) {
        self.options = options
        self.openTimeout = openTimeout
    }

    /// The shared connection for `uri` (nil: libvirt's default URI), opened on first use.
    public func connection(for uri: String?) async throws(LibvirtError) -> LibvirtConnection {
        if let reason = unreachable[uri] { throw reason }
        let opening: Task<Result<LibvirtConnection, LibvirtError>, Never>
        if let existing = connections[uri] {
            opening = existing
        } else {
            let options = options
            let timeout = openTimeout
            opening = Task { () async -> Result<LibvirtConnection, LibvirtError> in
                do throws(LibvirtError) {
                    return .success(try await LibvirtWorker.run(timeout: timeout, timedOut: {
                        LibvirtError(code: .hostUnreachable, domain: .rpc,
                                     message: "no answer within \(timeout) while opening the connection", operation: "virConnectOpenAuth")
                    }) { () throws(LibvirtError) in try Self.openBlocking(uri, options: options) })
                } catch {
                    return .failure(error)
                }
            }
            connections[uri] = opening
        }
        let result = await opening.value
        switch result {
        case .failure(let error):
            // The actor may have been re-entered meanwhile: forget only this failed attempt.
            if connections[uri] == opening { connections[uri] = nil }
            if error.isConnectionLost { unreachable[uri] = error }
            throw error
        case .success(let connection) where !connection.isAlive:
            if connections[uri] == opening { connections[uri] = nil }
            return try await self.connection(for: uri)
        case .success(let connection):
            return connection
        }
    }

    /// Records that `uri`'s host is gone for this run: later requests fail with `error`.
    public func markUnreachable(_ uri: String?, because error: LibvirtError) {
        unreachable[uri] = error
        connections[uri] = nil
    }

    /// Why `uri`'s host counts as unreachable in this run; nil while it is not known to be.
    public func unreachableReason(_ uri: String?) -> LibvirtError? {
        unreachable[uri]
    }

    /// Whether `uri`'s open connection has died (keepalive or the transport found its host gone);
    /// if so the host is marked unreachable. False when no connection was opened.
    public func hasLostConnection(_ uri: String?) async -> Bool {
        if unreachable[uri] != nil { return true }
        guard let opening = connections[uri], case .success(let connection) = await opening.value, !connection.isAlive else { return false }
        markUnreachable(uri, because: LibvirtError(code: .rpc, domain: .rpc, message: "the connection to the host broke", operation: "virConnectIsAlive"))
        return true
    }

    /// The URIs (as asked for) with an open connection or an open in progress.
    public var uris: [String?] { Array(connections.keys) }

    /// Forgets every connection; each closes once the last object that uses it is gone.
    public func removeAll() {
        connections.removeAll()
        unreachable.removeAll()
    }

    private nonisolated static func openBlocking(_ uri: String?, options: ConnectionOptions) throws(LibvirtError) -> LibvirtConnection {
        try LibvirtConnection.openBlocking(uri, options: options)
    }
}
