import Crypto
import Platform

/// Makes images available as files on this host, each downloaded at most once.
///
/// An http(s) image is downloaded into `directory` as `<SHA-256 of the URL>`: the bytes go to
/// `<name>.partial`, hashed while they arrive, and the file is renamed to its final name only
/// when the download is complete and matches the expected sha256, so an interrupted download
/// is never taken for an image. A later request finds the file and reuses it; with a sha256
/// the cached file is verified once per process. While one request downloads (or verifies) an
/// image, further requests for the same URL wait for it and see its progress: ten machines
/// from one image download it once. A file:// image is used in place, never copied, and
/// verified when a sha256 is given.
///
/// One process at a time should use a directory: two processes downloading the same URL at
/// once would write the same `.partial` file.
public actor ImageCache {
    /// Where downloaded images are kept, e.g. `<state dir>/images/`; created when needed.
    public nonisolated let directory: URL

    /// The download or verification running for a URL.
    private struct Job {
        let number: Int
        let source: ImageSource
        let task: Task<URL, any Error>
        let progress: ProgressFanout
    }

    private var jobs: [String: Job] = [:]
    private var nextJobNumber = 0
    /// Files already produced or verified in this process.
    private var ready: [ImageSource: URL] = [:]

    /// A download that receives nothing for this long fails (``ImageCacheError/stalled(url:seconds:received:)``):
    /// a server that stops sending, or a connection that died without a reset, would otherwise
    /// hold apply for ever.
    private nonisolated let stallSeconds: Int
    public static let defaultStallSeconds = 120

    public init(directory: URL, stallSeconds: Int = defaultStallSeconds) {
        self.directory = directory
        self.stallSeconds = stallSeconds
    }

    /// The file holding `source`'s bytes: a file:// source's own file, or the cached download.
    /// `progress` gets the bytes received (or, when verifying a file, read) so far and the
    /// total when known. Throws ``ImageCacheError``. Cancelling a caller does not stop a
    /// download that other callers may be waiting for.
    public func file(
        for source: ImageSource,
        progress: @escaping @Sendable (_ received: UInt64, _ total: UInt64?) -> Void = { _, _ in }
    ) async throws -> URL {
        while true {
            if let job = jobs[source.url] {
                job.progress.add(progress)
                let result = await job.task.result
                finished(job, result)
                // The same URL with another (or no) sha256 gets its own turn after this one.
                if job.source == source { return try result.get() }
                continue
            }
            if let file = ready[source],
               let size = Self.size(ofFile: file.path) {
                // Every caller sees its image complete, even when there was nothing left to do.
                progress(size, size)
                return file
            }
            let fanout = ProgressFanout(progress)
            let (directory, stallSeconds) = (self.directory, self.stallSeconds)
            let task = Task { try await Self.produce(source, directory: directory, stallSeconds: stallSeconds, progress: fanout) }
            nextJobNumber += 1
            let job = Job(number: nextJobNumber, source: source, task: task, progress: fanout)
            jobs[source.url] = job
            let result = await task.result
            finished(job, result)
            return try result.get()
        }
    }

    /// Records a job's end; whichever of its callers resumes first does it.
    private func finished(_ job: Job, _ result: Result<URL, any Error>) {
        guard jobs[job.source.url]?.number == job.number else { return }
        jobs[job.source.url] = nil
        if case .success(let file) = result { ready[job.source] = file }
    }

    /// Where a download of `url` is kept once complete: `<directory>/<SHA-256 of the URL>`.
    public nonisolated func cachedFileURL(forURL url: String) -> URL {
        directory.appendingPathComponent(ImageDigest.hex(SHA256.hash(data: Data(url.utf8))))
    }

    private static func produce(
        _ source: ImageSource, directory: URL, stallSeconds: Int, progress: ProgressFanout
    ) async throws(ImageCacheError) -> URL {
        if source.isLocalFile {
            let file = URL(fileURLWithPath: source.parsedURL.path)
            try await verify(file, against: source, progress: progress)
            return file
        }
        let cached = directory.appendingPathComponent(ImageDigest.hex(SHA256.hash(data: Data(source.url.utf8))))
        if FileManager.default.fileExists(atPath: cached.path) {
            do throws(ImageCacheError) {
                try await verify(cached, against: source, progress: progress)
                return cached
            } catch .sha256Mismatch {
                // The blueprint now expects other bytes (a new image at the same URL): fetch again.
                try? FileManager.default.removeItem(at: cached)
            }
        }
        return try await download(source, to: cached, stallSeconds: stallSeconds, progress: progress)
    }

    /// Checks a file's SHA-256 when the source gives one; otherwise only that it is readable.
    private static func verify(
        _ file: URL, against source: ImageSource, progress: ProgressFanout
    ) async throws(ImageCacheError) {
        let path = file.path
        let url = source.url
        guard let expected = source.sha256 else {
            let size = try await BlockingFileWork.run { () throws(ImageCacheError) in
                guard FileManager.default.isReadableFile(atPath: path), let size = Self.size(ofFile: path) else {
                    let message = FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"
                    throw .unreadable(url: url, path: path, message: message)
                }
                return size
            }
            progress.report(size, size)
            return
        }
        let actual = try await BlockingFileWork.run { () throws(ImageCacheError) in
            try ImageDigest.ofFile(atPath: path, url: url) { read, total in progress.report(read, total) }
        }
        guard actual == expected else { throw .sha256Mismatch(url: url, expected: expected, actual: actual) }
    }

    private static func size(ofFile path: String) -> UInt64? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? UInt).map { UInt64($0) }
    }

    private static func download(
        _ source: ImageSource, to cached: URL, stallSeconds: Int, progress: ProgressFanout
    ) async throws(ImageCacheError) -> URL {
        let directory = cached.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(url: source.url, path: directory.path, message: SystemErrorText.of(error))
        }
        let partial = cached.appendingPathExtension("partial")
        do throws(ImageCacheError) {
            let (actual, _) = try await HTTPDownload.run(source, into: partial.path, stallSeconds: stallSeconds, progress: progress)
            if let expected = source.sha256, actual != expected {
                throw .sha256Mismatch(url: source.url, expected: expected, actual: actual)
            }
            guard rename(partial.path, cached.path) == 0 else {
                throw .writeFailed(url: source.url, path: cached.path, message: ImageDigest.systemMessage())
            }
            return cached
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}
