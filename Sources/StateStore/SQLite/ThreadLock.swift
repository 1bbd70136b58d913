#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A mutual-exclusion lock for code that may throw and return any value (the standard
/// library's `Mutex` wants its results `sending`).
final class ThreadLock: @unchecked Sendable {
    // Allocated: a pthread mutex must not move, and a stored property's address is not stable.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
