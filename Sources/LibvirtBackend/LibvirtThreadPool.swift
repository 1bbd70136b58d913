import Foundation

/// Threads of bluevirt's own for blocking libvirt calls.
///
/// Dispatch's concurrent queues are no good for this on Linux: they run about as many blocks at
/// once as there are cores, so on a 2-core machine a few slow calls (a guest that takes a while
/// to start, a remote daemon that does not answer) would hold up every other call. This pool
/// starts a new thread whenever a job finds no idle one, up to `maximumThreads`; idle threads
/// wait for the next job. Jobs beyond the maximum wait their turn in submission order.
final class LibvirtThreadPool: @unchecked Sendable {
    /// The most threads the pool ever runs; more simultaneous calls than this queue up.
    let maximumThreads: Int

    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var nextJob = 0
    private var threadCount = 0
    private var idleThreads = 0
    private var runningJobs = 0
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    init(maximumThreads: Int) {
        self.maximumThreads = maximumThreads
    }

    /// Queues `job` and returns at once; a pool thread runs it.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        let waiting = jobs.count - nextJob
        if waiting > idleThreads, threadCount < maximumThreads {
            threadCount += 1
            let thread = Thread { [self] in workerLoop() }
            thread.name = "bluevirt.libvirt"
            thread.start()
        }
        condition.signal()
        condition.unlock()
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
                condition.wait()
                idleThreads -= 1
            }
            var job: (@Sendable () -> Void)? = jobs[nextJob]
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
