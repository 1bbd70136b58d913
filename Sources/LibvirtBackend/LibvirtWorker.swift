import Dispatch

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
