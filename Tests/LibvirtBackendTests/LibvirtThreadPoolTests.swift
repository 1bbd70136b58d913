import Foundation
import Testing
@testable import LibvirtBackend

/// Counts jobs that are running at the same time; each job waits until `target` jobs run at
/// once (or a generous guard passes, so a broken pool fails the test instead of hanging it).
private final class Rendezvous: @unchecked Sendable {
    private let condition = NSCondition()
    private var running = 0
    private(set) var mostAtOnce = 0
    private var finished = 0
    let target: Int

    init(target: Int) { self.target = target }

    func arriveAndWait() {
        condition.lock()
        running += 1
        mostAtOnce = max(mostAtOnce, running)
        condition.broadcast()
        let guardDeadline = Date().addingTimeInterval(60)
        while mostAtOnce < target, condition.wait(until: guardDeadline) {}
        running -= 1
        finished += 1
        condition.broadcast()
        condition.unlock()
    }

    var finishedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return finished
    }
}

@Suite struct LibvirtThreadPoolTests {
    @Test func blockingJobsRunAtOnceBeyondTheNumberOfCores() async {
        // Dispatch would run about one job per core here; the pool gives each its own thread.
        let pool = LibvirtThreadPool(maximumThreads: 16)
        let rendezvous = Rendezvous(target: 16)
        for _ in 0..<16 { pool.submit { rendezvous.arriveAndWait() } }
        await pool.waitUntilIdle()
        #expect(rendezvous.mostAtOnce == 16)
        #expect(rendezvous.finishedCount == 16)
    }

    @Test func neverRunsMoreThanItsMaximumAndStillRunsEveryJob() async {
        let pool = LibvirtThreadPool(maximumThreads: 3)
        let rendezvous = Rendezvous(target: 3)
        for _ in 0..<12 { pool.submit { rendezvous.arriveAndWait() } }
        await pool.waitUntilIdle()
        #expect(rendezvous.mostAtOnce == 3)
        #expect(rendezvous.finishedCount == 12)
    }

    @Test func idleThreadsEndAndNewWorkStartsThreadsAgain() async throws {
        let pool = LibvirtThreadPool(maximumThreads: 4, idleTimeout: 0.05)
        let rendezvous = Rendezvous(target: 4)
        for _ in 0..<4 { pool.submit { rendezvous.arriveAndWait() } }
        await pool.waitUntilIdle()
        #expect(rendezvous.mostAtOnce == 4)
        // Polls until the idle threads have ended; the guard only keeps a broken pool from hanging.
        for _ in 0..<3000 where pool.liveThreads > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(pool.liveThreads == 0)
        let counter = Counter()
        pool.submit { counter.increment() }
        await pool.waitUntilIdle()
        #expect(counter.value == 1)
    }

    @Test func aJobWhoseCapturesSubmitWorkWhenReleasedDoesNotDeadlock() async {
        // Dropping the last reference to a connection inside a job queues its close on the
        // pool; that release must happen outside the pool's lock.
        let pool = LibvirtThreadPool(maximumThreads: 4)
        let counter = Counter()
        for _ in 0..<200 {
            let submitter = SubmitsOnRelease(pool: pool, counter: counter)
            pool.submit { _ = submitter }
        }
        await pool.waitUntilIdle()
        #expect(counter.value == 200)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

private final class SubmitsOnRelease: Sendable {
    let pool: LibvirtThreadPool
    let counter: Counter
    init(pool: LibvirtThreadPool, counter: Counter) {
        self.pool = pool
        self.counter = counter
    }
    deinit {
        let counter = counter
        pool.submit { counter.increment() }
    }
}
