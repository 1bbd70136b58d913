import Synchronization

/// The steps of a run that started and have not finished yet, for the record made when the
/// process exits under them (``StopRequest/abandon()``).
final class RunningSteps: Sendable {
    private let keys = Mutex<[String: String]>([:])
    private let closed = Mutex(false)

    /// The run ended: there is nothing left to record for it.
    func close() {
        closed.withLock { $0 = true }
    }

    var isClosed: Bool { closed.withLock { $0 } }

    func started(_ key: String, host: String?) {
        keys.withLock { $0[key] = host ?? "" }
    }

    func ended(_ key: String) {
        _ = keys.withLock { $0.removeValue(forKey: key) }
    }

    /// `web_1/start (on 10.203.0.2)`, sorted.
    var summary: String {
        keys.withLock { $0 }.sorted { $0.key < $1.key }
            .map { key, host in host.isEmpty ? key : "\(key) (on \(host))" }.joined(separator: ", ")
    }
}
