import CCurl
import Platform

/// One HTTP(S) download into a ``PartialImageFile``, streamed through libcurl: every piece the
/// server sends is written and hashed as it arrives, and progress is reported. libcurl is loaded
/// on the first download (Sources/CCurl), so no other command pays for loading it.
/// Used from one thread: ``run(_:into:progress:)`` performs the transfer on a Dispatch thread,
/// and libcurl calls ``receive(_:count:)`` on that same thread.
final class HTTPDownload {
    private let url: String
    /// A transfer that receives nothing for this long is stopped.
    private let stallSeconds: Int
    private let partialPath: String
    private let progress: ProgressFanout
    private let handle: OpaquePointer
    private var file: PartialImageFile?
    private var expectedBytes: UInt64?
    /// A failure decided while receiving (bad status, full disk); it outranks the write error
    /// libcurl then reports for the aborted transfer.
    private var failure: ImageCacheError?

    private init(url: String, stallSeconds: Int, partialPath: String, progress: ProgressFanout, handle: OpaquePointer) {
        self.url = url
        self.stallSeconds = stallSeconds
        self.partialPath = partialPath
        self.progress = progress
        self.handle = handle
    }

    deinit {
        bluevirt_curl_easy_cleanup(UnsafeMutableRawPointer(handle))
    }

    /// Downloads `source` into the file at `partialPath` (created or emptied first); returns the
    /// SHA-256 and size of what was written. The file is complete and flushed on success; on
    /// failure it may hold part of the image and the caller removes it.
    static func run(
        _ source: ImageSource, into partialPath: String, stallSeconds: Int, progress: ProgressFanout
    ) async throws(ImageCacheError) -> (sha256: String, bytes: UInt64) {
        let url = source.url
        return try await BlockingFileWork.run { () throws(ImageCacheError) in
            if let reason = bluevirt_curl_load() {
                throw .transferFailed(url: url, message: "libcurl cannot be loaded (\(String(cString: reason))); install libcurl4 or libcurl3-gnutls")
            }
            guard let handle = bluevirt_curl_easy_init() else {
                throw .transferFailed(url: url, message: "libcurl could not start a transfer")
            }
            let download = HTTPDownload(url: url, stallSeconds: stallSeconds, partialPath: partialPath, progress: progress, handle: OpaquePointer(handle))
            return try download.perform()
        }
    }

    private func perform() throws(ImageCacheError) -> (sha256: String, bytes: UInt64) {
        let easy = UnsafeMutableRawPointer(handle)
        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = url.withCString { urlText in
            errorText.withUnsafeMutableBufferPointer { errorBuffer in
                bluevirt_curl_setopt_pointer(easy, CURLOPT_URL, UnsafeMutableRawPointer(mutating: urlText))
                bluevirt_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer.baseAddress)
                bluevirt_curl_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
                bluevirt_curl_setopt_long(easy, CURLOPT_MAXREDIRS, 10)
                // No SIGALRM for name lookups: the process has other threads.
                bluevirt_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
                bluevirt_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT, 60)
                // Less than a byte a second over `stallSeconds`: stalled.
                bluevirt_curl_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1)
                bluevirt_curl_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, stallSeconds)
                // libcurl sends no User-Agent of its own; some servers refuse requests without one.
                // libcurl copies option strings, so a temporary C string will do.
                _ = "bluevirt".withCString { bluevirt_curl_setopt_pointer(easy, CURLOPT_USERAGENT, UnsafeMutableRawPointer(mutating: $0)) }
                bluevirt_curl_setopt_write_function(easy) { data, size, count, context in
                    let download = Unmanaged<HTTPDownload>.fromOpaque(context!).takeUnretainedValue()
                    return download.receive(data, count: size * count)
                }
                bluevirt_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, Unmanaged.passUnretained(self).toOpaque())
                return bluevirt_curl_easy_perform(easy)
            }
        }
        if let failure { throw failure }
        if code == CURLE_OPERATION_TIMEDOUT, isConnected {
            throw .stalled(url: url, seconds: stallSeconds, received: file?.written ?? 0)
        }
        // A body cut short is reported as such, whatever error the transfer layer chose for it.
        if let file, let expectedBytes, file.written < expectedBytes {
            throw .incomplete(url: url, received: file.written, expected: expectedBytes)
        }
        guard code == CURLE_OK else {
            if code == CURLE_COULDNT_CONNECT { throw .connectionRefused(url: url) }
            let detail = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .transferFailed(url: url, message: detail.isEmpty ? String(cString: bluevirt_curl_easy_strerror(code)) : detail)
        }
        // An empty body never reaches receive: the status is checked here too.
        if file == nil {
            try accept()
        }
        guard let file else { throw .transferFailed(url: url, message: "the server sent no response") }
        return (try file.finish(), file.written)
    }

    /// Whether the transfer got as far as a connection (a timeout after it is a stall, not a
    /// connect timeout).
    private var isConnected: Bool {
        var microseconds: curl_off_t = 0
        bluevirt_curl_getinfo_offset(UnsafeMutableRawPointer(handle), CURLINFO_CONNECT_TIME_T, &microseconds)
        return microseconds > 0
    }

    /// Called by libcurl with each piece of the body; returning less than `count` aborts the
    /// transfer.
    private func receive(_ data: UnsafeMutablePointer<CChar>?, count: Int) -> Int {
        do throws(ImageCacheError) {
            if file == nil { try accept() }
            guard let file, let data else { return 0 }
            try file.append(UnsafeRawBufferPointer(start: data, count: count))
            progress.report(file.written, expectedBytes)
            return count
        } catch {
            failure = error
            return 0
        }
    }

    /// The response's headers are in: checks the status, creates the file and reads the size.
    private func accept() throws(ImageCacheError) {
        let easy = UnsafeMutableRawPointer(handle)
        var status = 0
        bluevirt_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        guard (200..<300).contains(status) else { throw .httpStatus(url: url, status: status) }
        file = try PartialImageFile(path: partialPath, url: url)
        var length: curl_off_t = -1
        bluevirt_curl_getinfo_offset(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length)
        expectedBytes = length >= 0 ? UInt64(length) : nil
        progress.report(0, expectedBytes)
    }
}
