import Platform

/// Who holds (or last held) a deployment's writer lock, as written into the lock file.
public struct WriterLockHolder: Sendable, Hashable, Codable {
    public var pid: Int32
    /// The holder's command line, e.g. `bluevirt apply web.yaml`.
    public var command: String
    public var since: Date

    public init(pid: Int32, command: String, since: Date) {
        self.pid = pid
        self.command = command
        self.since = since
    }

    /// `since` as an ISO 8601 UTC time, for messages.
    public var sinceDescription: String {
        since.formatted(.iso8601)
    }

    /// Whether a process with this pid exists now (it may be another process that reused the pid).
    public var isAlive: Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        // Three plain fields: encoding cannot fail.
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    static func decoded(from data: Data) -> WriterLockHolder? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(WriterLockHolder.self, from: data)
    }
}
