import Foundation

/// Set when the user asks a run to stop (Ctrl-C): the executor starts nothing new, lets
/// running operations finish, and the run is recorded as cancelled.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    public init() {}

    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
