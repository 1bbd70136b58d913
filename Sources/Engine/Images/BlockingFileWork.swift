import Dispatch

/// Runs blocking file work (hashing a multi-gigabyte image, writing, renaming) on a Dispatch
/// thread, so that it never holds one of Swift's few cooperative threads.
enum BlockingFileWork {
    static func run<Result: Sendable>(
        _ body: @escaping @Sendable () throws(ImageCacheError) -> Result
    ) async throws(ImageCacheError) -> Result {
        let outcome: Swift.Result<Result, ImageCacheError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(ImageCacheError) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try outcome.get()
    }
}
