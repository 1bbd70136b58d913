import Platform
import Synchronization

/// Passes one download's progress to every caller waiting for it: ten machines from one image
/// share one download and each sees its progress. A caller that joins late first gets the
/// latest value. Called from the download's thread, hence the lock.
final class ProgressFanout: Sendable {
    typealias Observer = @Sendable (_ received: UInt64, _ total: UInt64?) -> Void

    private struct Shared {
        var observers: [Observer]
        var latest: (received: UInt64, total: UInt64?)?
    }
    private let shared: Mutex<Shared>

    init(_ first: @escaping Observer) {
        shared = Mutex(Shared(observers: [first]))
    }

    func add(_ observer: @escaping Observer) {
        let latest = shared.withLock { shared in
            shared.observers.append(observer)
            return shared.latest
        }
        if let latest { observer(latest.received, latest.total) }
    }

    func report(_ received: UInt64, _ total: UInt64?) {
        let observers = shared.withLock { shared in
            shared.latest = (received, total)
            return shared.observers
        }
        for observer in observers { observer(received, total) }
    }
}
