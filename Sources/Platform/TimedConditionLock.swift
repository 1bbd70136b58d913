/// A lock with a condition to wait on for at most a while, as NSCondition's `wait(until:)`:
/// `lock()`, then `wait(seconds:)` until another thread's `signal()` or `broadcast()` or the
/// time is up, then `unlock()`. ``ConditionLock`` waits without an end.
public final class TimedConditionLock: @unchecked Sendable {
    // Allocated, not stored properties: pthread objects must not move.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        // The monotonic clock: a change of the wall clock neither ends a wait early nor stretches it.
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }
    public func signal() { pthread_cond_signal(condition) }
    public func broadcast() { pthread_cond_broadcast(condition) }

    /// Waits (the lock held) for a signal, at most `seconds`. False when the time ran out; true
    /// when woken, which may also be a spurious wake-up, as with NSCondition: check the state.
    public func wait(seconds: Double) -> Bool {
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        let whole = seconds.rounded(.down)
        var nanoseconds = deadline.tv_nsec + Int((seconds - whole) * 1e9)
        var wholeSeconds = deadline.tv_sec + Int(whole)
        if nanoseconds >= 1_000_000_000 {
            nanoseconds -= 1_000_000_000
            wholeSeconds += 1
        }
        deadline = timespec(tv_sec: wholeSeconds, tv_nsec: nanoseconds)
        return pthread_cond_timedwait(condition, mutex, &deadline) == 0
    }
}
