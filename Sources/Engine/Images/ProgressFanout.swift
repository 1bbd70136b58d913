import Foundation

/// Passes one download's progress to every caller waiting for it: ten machines from one image
/// share one download and each sees its progress. A caller that joins late first gets the
/// latest value. Called from URLSession's delegate queue, hence the lock.
final class ProgressFanout: @unchecked Sendable {
    typealias Observer = @Sendable (_ received: UInt64, _ total: UInt64?) -> Void

    private let lock = NSLock()
    private var observers: [Observer]
    private var latest: (received: UInt64, total: UInt64?)?

    init(_ first: @escaping Observer) {
        observers = [first]
    }

    func add(_ observer: @escaping Observer) {
        lock.lock()
        observers.append(observer)
        let latest = self.latest
        lock.unlock()
        if let latest { observer(latest.received, latest.total) }
    }

    func report(_ received: UInt64, _ total: UInt64?) {
        lock.lock()
        latest = (received, total)
        let observers = self.observers
        lock.unlock()
        for observer in observers { observer(received, total) }
    }
}
