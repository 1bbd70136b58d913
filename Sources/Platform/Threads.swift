/// A thread of its own for work that blocks (libvirt's event loop, a child's output), where
/// Foundation's `Thread { … }.start()` was used. It is detached: nobody joins it.
public func startDetachedThread(_ body: @escaping @Sendable () -> Void) {
    let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(&thread, nil, { argument in
        let body = Unmanaged<ThreadBody>.fromOpaque(argument!).takeRetainedValue()
        body.run()
        return nil
    }, box)
    precondition(started == 0, "cannot start a thread: \(SystemErrorText.describe(started))")
    pthread_detach(thread)
}

private final class ThreadBody {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// Sleeps the calling thread (not a task) for `seconds`.
public func sleepThread(seconds: Double) {
    var left = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
    var remaining = timespec()
    while nanosleep(&left, &remaining) != 0 && errno == EINTR { left = remaining }
}

/// A lock with a condition to wait on, as NSCondition: `lock()`, then `wait()` until another
/// thread's `signal()` or `broadcast()` (or `wait(seconds:)`, at most a while), then `unlock()`.
public final class ConditionLock: @unchecked Sendable {
    // Allocated, not stored properties: pthread objects must not move, and Swift promises a
    // stable address only for memory it does not manage.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        // The monotonic clock: a change of the wall clock neither ends a timed wait early nor
        // stretches it.
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
    public func wait() { pthread_cond_wait(condition, mutex) }
    public func signal() { pthread_cond_signal(condition) }
    public func broadcast() { pthread_cond_broadcast(condition) }

    /// Waits (the lock held) for a signal, at most `seconds`. False when the time ran out; true
    /// when woken, which may also be a spurious wake-up, as with NSCondition: check the state.
    public func wait(seconds: Double) -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let whole = seconds.rounded(.down)
        let nanoseconds = now.tv_nsec + Int((seconds - whole) * 1e9)
        var deadline = timespec(tv_sec: now.tv_sec + Int(whole) + nanoseconds / 1_000_000_000,
                                tv_nsec: nanoseconds % 1_000_000_000)
        return pthread_cond_timedwait(condition, mutex, &deadline) == 0
    }
}
