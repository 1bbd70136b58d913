import Foundation
import Testing
import Platform

@Suite("timed condition lock")
struct ConditionLockTimeoutTests {
    final class Flag: @unchecked Sendable { var raised = false }

    @Test("a wait nobody signals ends when its time is up, false, as NSCondition's wait(until:)")
    func timesOut() {
        let lock = ConditionLock()
        let start = ContinuousClock.now
        lock.lock()
        let signalled = lock.wait(seconds: 0.05)
        lock.unlock()
        #expect(!signalled)
        #expect(ContinuousClock.now - start >= .milliseconds(50))

        let condition = NSCondition()
        condition.lock()
        #expect(condition.wait(until: Date(timeIntervalSinceNow: 0.05)) == signalled)
        condition.unlock()
    }

    @Test("a wait with no time left returns false at once, as NSCondition's with a past date")
    func noTimeLeft() {
        let lock = ConditionLock()
        lock.lock()
        #expect(!lock.wait(seconds: 0))
        #expect(!lock.wait(seconds: -1))
        lock.unlock()

        let condition = NSCondition()
        condition.lock()
        #expect(!condition.wait(until: Date(timeIntervalSinceNow: -1)))
        condition.unlock()
    }

    @Test("a signal from another thread ends the wait early, true")
    func signalled() {
        let lock = ConditionLock()
        let flag = Flag()
        let start = ContinuousClock.now
        startDetachedThread {
            sleepThread(seconds: 0.01)
            lock.lock()
            flag.raised = true
            lock.signal()
            lock.unlock()
        }
        lock.lock()
        var woken = true
        while !flag.raised && woken { woken = lock.wait(seconds: 10) }
        lock.unlock()
        #expect(woken && flag.raised)
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
