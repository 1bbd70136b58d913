import Platform

/// Threads of bluevirt's own for blocking libvirt calls.
///
/// Dispatch's concurrent queues are no good for this on Linux: they run about as many blocks at
/// once as there are cores, so on a 2-core machine a few slow calls (a guest that takes a while
/// to start, a remote daemon that does not answer) would hold up every other call. This pool
/// starts a new thread whenever a job finds no idle one, up to `maximumThreads`; idle threads
/// wait for the next job and end after `idleTimeout` without one. Jobs beyond the maximum wait
/// their turn in submission order.
final class LibvirtThreadPool: @unchecked Sendable {
    /// The most threads the pool ever runs; more simultaneous calls than this queue up.
    let maximumThreads: Int
    /// How long a thread waits for work before it ends.
    let idleTimeout: TimeInterval

    // Everything below is guarded by `condition`.
    private let condition = ConditionLock()
    /// Queued jobs; a taken job's slot is emptied at once so that the job's captures are never
    /// released while the lock is held (a release may close a handle, which submits a job).
    private var jobs: [(@Sendable () -> Void)?] = []
    private var nextJob = 0
    private var threadCount = 0
    private var idleThreads = 0
    private var runningJobs = 0
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    init(maximumThreads: Int, idleTimeout: TimeInterval = 30) {
        self.maximumThreads = maximumThreads
        self.idleTimeout = idleTimeout
    }

    /// Queues `job` and returns at once; a pool thread runs it.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        let waiting = jobs.count - nextJob
        if waiting > idleThreads, threadCount < maximumThreads {
            threadCount += 1
            startDetachedThread { [self] in workerLoop() }
        }
        condition.signal()
        condition.unlock()
    }

    /// The threads the pool runs now, busy or idle.
    var liveThreads: Int {
        condition.lock()
        defer { condition.unlock() }
        return threadCount
    }

    /// Returns once no job is queued or running (and every running job has released what it
    /// captured).
    func waitUntilIdle() async {
        await withCheckedContinuation { continuation in
            condition.lock()
            if runningJobs == 0, nextJob == jobs.count {
                condition.unlock()
                continuation.resume()
            } else {
                idleWaiters.append(continuation)
                condition.unlock()
            }
        }
    }

    private func workerLoop() {
        condition.lock()
        while true {
            while nextJob == jobs.count {
                idleThreads += 1
                let signalled = condition.wait(seconds: idleTimeout)
                idleThreads -= 1
                if !signalled, nextJob == jobs.count {
                    threadCount -= 1
                    condition.unlock()
                    return
                }
            }
            var job = jobs[nextJob].take()
            nextJob += 1
            if nextJob == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                nextJob = 0
            }
            runningJobs += 1
            condition.unlock()

            job?()
            job = nil  // release the job's captures before it counts as finished

            condition.lock()
            runningJobs -= 1
            if runningJobs == 0, nextJob == jobs.count, !idleWaiters.isEmpty {
                let waiters = idleWaiters
                idleWaiters.removeAll()
                waiters.forEach { $0.resume() }
            }
        }
    }
}
