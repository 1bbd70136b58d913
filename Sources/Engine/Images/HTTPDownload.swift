import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP(S) download into a ``PartialImageFile``, streamed: every piece the server sends is
/// written and hashed as it arrives (a URLSession data task with a delegate; corelibs'
/// URLSession on Linux delivers the body piece by piece this way), and progress is reported.
/// `@unchecked Sendable`: its mutable state is touched only on the session's serial delegate
/// queue, and the continuation is resumed once, when the task completes.
final class HTTPDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let url: String
    private let partialPath: String
    private let progress: ProgressFanout
    private var file: PartialImageFile?
    private var expectedBytes: UInt64?
    /// A failure this delegate decided on (bad status, full disk); it outranks the
    /// cancellation error URLSession then reports.
    private var failure: ImageCacheError?
    private var continuation: CheckedContinuation<Result<(sha256: String, bytes: UInt64), ImageCacheError>, Never>?

    private init(url: String, partialPath: String, progress: ProgressFanout) {
        self.url = url
        self.partialPath = partialPath
        self.progress = progress
    }

    /// Downloads `source` into the file at `partialPath` (created or emptied first); returns the
    /// SHA-256 and size of what was written. The file is complete and flushed on success; on
    /// failure it may hold part of the image and the caller removes it.
    static func run(
        _ source: ImageSource, into partialPath: String, progress: ProgressFanout
    ) async throws(ImageCacheError) -> (sha256: String, bytes: UInt64) {
        let download = HTTPDownload(url: source.url, partialPath: partialPath, progress: progress)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        // Ephemeral: no cookies or cache on disk; the image cache is the only copy kept.
        let session = URLSession(configuration: .ephemeral, delegate: download, delegateQueue: queue)
        let result = await withCheckedContinuation { continuation in
            queue.addOperation {
                download.continuation = continuation
                session.dataTask(with: source.parsedURL).resume()
            }
        }
        // The session holds its delegate until it is invalidated.
        session.finishTasksAndInvalidate()
        return try result.get()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            failure = .httpStatus(url: url, status: http.statusCode)
            completionHandler(.cancel)
            return
        }
        do throws(ImageCacheError) {
            file = try PartialImageFile(path: partialPath, url: url)
        } catch {
            failure = error
            completionHandler(.cancel)
            return
        }
        expectedBytes = response.expectedContentLength >= 0 ? UInt64(response.expectedContentLength) : nil
        progress.report(0, expectedBytes)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard failure == nil, let file else { return }
        do throws(ImageCacheError) {
            try file.append(data)
            progress.report(file.written, expectedBytes)
        } catch {
            failure = error
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        continuation?.resume(returning: outcome(error))
        continuation = nil
        file = nil
    }

    private func outcome(_ error: Error?) -> Result<(sha256: String, bytes: UInt64), ImageCacheError> {
        if let failure { return .failure(failure) }
        // A body cut short is reported as such, whatever error the transfer layer chose for it.
        if let file, let expectedBytes, file.written < expectedBytes {
            return .failure(.incomplete(url: url, received: file.written, expected: expectedBytes))
        }
        if let error { return .failure(Self.transferError(error, url: url)) }
        guard let file else {
            return .failure(.transferFailed(url: url, message: "the server sent no response"))
        }
        do throws(ImageCacheError) {
            return .success((try file.finish(), file.written))
        } catch {
            return .failure(error)
        }
    }

    private static func transferError(_ error: Error, url: String) -> ImageCacheError {
        if let urlError = error as? URLError, urlError.code == .cannotConnectToHost {
            return .connectionRefused(url: url)
        }
        return .transferFailed(url: url, message: (error as NSError).localizedDescription)
    }
}
