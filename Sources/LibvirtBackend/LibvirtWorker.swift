import Dispatch
import Synchronization

/// Runs blocking libvirt calls off Swift's cooperative thread pool.
///
/// A libvirt call may block for a long time (a remote connection, a guest that takes a while to
/// start), and libvirt reports its errors in thread-local storage. Each call therefore runs as
/// one job on a thread of ``LibvirtThreadPool``: the C call and the reading of its error happen
/// on the same thread, and the awaiting task is suspended rather than holding a cooperative
/// thread. libvirt connections are thread-safe, so calls on one connection may run on several
/// pool threads at once.
enum LibvirtWorker {
    /// Enough for every operation of a wide apply to be in flight at once.
    static let pool = LibvirtThreadPool(maximumThreads: 64)

    /// Runs `body` on a pool thread, or on `serialQueue` when calls must not overlap, and
    /// resumes the caller with its result.
    static func run<Result: Sendable>(
        on serialQueue: DispatchQueue? = nil,
        _ body: @escaping @Sendable () throws(LibvirtError) -> Result
    ) async throws(LibvirtError) -> Result {
        try LibvirtRuntime.ensureInitialized()
        let outcome: Swift.Result<Result, LibvirtError> = await withCheckedContinuation { continuation in
            let job: @Sendable () -> Void = {
                do throws(LibvirtError) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            if let serialQueue { serialQueue.async(execute: job) } else { pool.submit(job) }
        }
        return try outcome.get()
    }

    /// As ``run(on:_:)`` for a call on `connection`: when the connection has keepalive, the
    /// call is answered with an error as soon as the connection is found dead, even if libvirt
    /// leaves it blocked (``ConnectionWatchdog``). A call to a driver inside this process runs
    /// on the caller's thread: handing it to a pool thread and back cost more than the call.
    static func run<Result: Sendable>(
        watching connection: LibvirtConnection,
        _ body: @escaping @Sendable () throws(LibvirtError) -> Result
    ) async throws(LibvirtError) -> Result {
        if connection.runsInProcess { return try body() }
        guard connection.hasKeepalive else { return try await run(body) }
        try LibvirtRuntime.ensureInitialized()
        let outcome: Swift.Result<Result, LibvirtError> = await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            let watch = ConnectionWatchdog.watch(connection) { error in once.resume(.failure(error)) }
            pool.submit {
                let result: Swift.Result<Result, LibvirtError>
                do throws(LibvirtError) {
                    result = .success(try body())
                } catch {
                    result = .failure(error)
                }
                ConnectionWatchdog.finish(watch)
                once.resume(result)
            }
        }
        return try outcome.get()
    }

    /// As ``run(on:_:)``, but gives up waiting after `timeout`: the call may still be blocked
    /// on its thread (a connect to a host that does not answer), and whatever it returns later
    /// is dropped (a handle it made is freed by its wrapper). For calls that no keepalive covers
    /// yet, such as opening a connection.
    static func run<Result: Sendable>(
        timeout: Duration, timedOut: @escaping @Sendable () -> LibvirtError,
        _ body: @escaping @Sendable () throws(LibvirtError) -> Result
    ) async throws(LibvirtError) -> Result {
        try LibvirtRuntime.ensureInitialized()
        let outcome: Swift.Result<Result, LibvirtError> = await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            pool.submit {
                do throws(LibvirtError) {
                    once.resume(.success(try body()))
                } catch {
                    once.resume(.failure(error))
                }
            }
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
                once.resume(.failure(timedOut()))
            }
        }
        return try outcome.get()
    }

    /// Queues `body` without waiting for it: for closing handles from a `deinit`, which may run
    /// on a cooperative thread, where a close that talks to a remote daemon must not block.
    static func detach(_ body: @escaping @Sendable () -> Void) {
        pool.submit(body)
    }

    /// Returns once every queued call has finished, including the release of the handles those
    /// calls captured.
    static func waitForPendingCalls() async {
        await pool.waitUntilIdle()
    }
}

/// Resumes a continuation with the first result only: a call racing its own timeout.
private final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ value: Value) {
        let taken = continuation.withLock { held -> CheckedContinuation<Value, Never>? in
            let taken = held
            held = nil
            return taken
        }
        taken?.resume(returning: value)
    }
}
