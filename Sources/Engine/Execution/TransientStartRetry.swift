import LibvirtBackend

/// Retries a domain start that failed on a transient host fault.
///
/// On cgroup v1 hosts, libvirt 9.0 creates each guest's cgroup (and the shared `machine`
/// partition) without a lock across domains, so two guests started at the same moment can
/// make one start fail with "Unable to write to '/sys/fs/cgroup/…': No such file or
/// directory". libvirt has undone that start by the time it reports the error, so starting
/// again is safe; anything else that fails is reported at once.
enum TransientStartRetry {
    /// Attempts in all, and the pause before each retry (doubling).
    static let attempts = 3
    static let firstPause: Duration = .milliseconds(300)

    static func isTransient(_ error: LibvirtError) -> Bool {
        error.code == .systemError && error.message.contains("/sys/fs/cgroup/")
    }

    /// Runs `start`, again after a pause when it fails transiently and the domain is not running.
    static func run(_ domain: LibvirtDomain, start: () async throws -> Void) async throws {
        var pause = firstPause
        for attempt in 1...attempts {
            do {
                try await start()
                return
            } catch let error as LibvirtError where isTransient(error) && attempt < attempts {
                if try await domain.isActive() { return }
                try await Task.sleep(for: pause)
                pause *= 2
            }
        }
    }
}
