import Platform
import Synchronization

/// Set when the user asks a run to stop (Ctrl-C, SIGTERM): the executor starts nothing new and
/// the run is recorded as cancelled. Operations still running get a short grace; a libvirt call
/// blocked on a host that does not answer must not keep the process alive, so after the grace
/// the process records what it knows (``abandon()``) and exits without waiting for them.
public final class StopRequest: Sendable {
    private let requested = Mutex(false)
    private let abandonHandlers = Mutex<[@Sendable () -> Void]>([])

    public init() {}

    public func request() {
        requested.withLock { $0 = true }
    }

    public var isRequested: Bool {
        requested.withLock { $0 }
    }

    /// Adds what to record (the execution as cancelled, the steps still running) if the
    /// process exits before the run ends.
    public func onAbandon(_ handler: @escaping @Sendable () -> Void) {
        abandonHandlers.withLock { $0.append(handler) }
    }

    /// Runs every handler once; the caller exits next.
    public func abandon() {
        let handlers = abandonHandlers.withLock { handlers in
            let taken = handlers
            handlers = []
            return taken
        }
        for handler in handlers { handler() }
    }
}
