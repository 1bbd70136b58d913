import Foundation
import Synchronization

/// Set when the user asks a run to stop (Ctrl-C): the executor starts nothing new, lets
/// running operations finish, and the run is recorded as cancelled.
public final class StopRequest: Sendable {
    private let requested = Mutex(false)

    public init() {}

    public func request() {
        requested.withLock { $0 = true }
    }

    public var isRequested: Bool {
        requested.withLock { $0 }
    }
}
