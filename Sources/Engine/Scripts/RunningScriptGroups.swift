import Platform
import Synchronization

/// The process groups of scripts running now. When bluevirt exits while scripts run (a second
/// Ctrl-C exits at once), an exit handler sends them SIGTERM: each script runs in its own process
/// group, so the terminal's Ctrl-C does not reach it, and it would otherwise outlive bluevirt.
enum RunningScriptGroups {
    private static let groups = Mutex<Set<pid_t>>([])
    private static let exitHandlerInstalled: Void = {
        atexit { RunningScriptGroups.terminateAll() }
    }()

    static func insert(_ group: pid_t) {
        _ = exitHandlerInstalled
        groups.withLock { _ = $0.insert(group) }
    }

    static func remove(_ group: pid_t) {
        groups.withLock { _ = $0.remove(group) }
    }

    private static func terminateAll() {
        for group in groups.withLock({ $0 }) { kill(-group, SIGTERM) }
    }
}
