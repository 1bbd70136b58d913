import Crypto
import Platform

/// The SHA-256 of bytes as 64 lowercase hex digits.
enum ImageDigest {
    static func hex<Digest: Sequence>(_ digest: Digest) -> String where Digest.Element == UInt8 {
        digest.map { String(printf: "%02x", $0) }.joined()
    }

    /// The file's SHA-256, read once in 1 MiB pieces; `progress` gets the bytes read so far.
    /// Blocking: call through ``BlockingFileWork``.
    static func ofFile(
        atPath path: String, url: String, progress: (_ read: UInt64, _ total: UInt64) -> Void
    ) throws(ImageCacheError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(url: url, path: path, message: Self.systemMessage()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(url: url, path: path, message: Self.systemMessage())
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadable(url: url, path: path, message: "not a regular file")
        }
        let total = UInt64(status.st_size)
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var readSoFar: UInt64 = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .unreadable(url: url, path: path, message: Self.systemMessage()) }
            if count == 0 { break }
            hasher.update(data: buffer[..<count])
            readSoFar += UInt64(count)
            progress(readSoFar, total)
        }
        return hex(hasher.finalize())
    }

    static func systemMessage(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}

/// The `.partial` file a download is written to: hashed while it is written, flushed to disk,
/// and renamed to its final name only by the caller, after the checks.
/// Used from one thread at a time (the thread libcurl writes the download on).
final class PartialImageFile {
    let path: String
    let url: String
    private(set) var written: UInt64 = 0
    private var descriptor: Int32
    private var hasher = SHA256()

    /// Creates or empties the file at `path`: what an earlier, interrupted download left there
    /// is never kept.
    init(path: String, url: String) throws(ImageCacheError) {
        self.path = path
        self.url = url
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .writeFailed(url: url, path: path, message: ImageDigest.systemMessage())
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func append(_ bytes: some ContiguousBytes) throws(ImageCacheError) {
        let result = bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
        guard result == 0 else {
            if result == ENOSPC || result == EDQUOT { throw .diskFull(url: url, path: path, written: written) }
            throw .writeFailed(url: url, path: path, message: ImageDigest.systemMessage(result))
        }
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        written += UInt64(bytes.withUnsafeBytes { $0.count })
    }

    /// Flushes the file to disk and closes it; returns the SHA-256 of everything written.
    func finish() throws(ImageCacheError) -> String {
        let flushed = fsync(descriptor) == 0 ? 0 : errno
        let closed = close(descriptor) == 0 ? 0 : errno
        descriptor = -1
        for code in [flushed, closed] where code != 0 {
            if code == ENOSPC || code == EDQUOT { throw .diskFull(url: url, path: path, written: written) }
            throw .writeFailed(url: url, path: path, message: ImageDigest.systemMessage(code))
        }
        return ImageDigest.hex(hasher.finalize())
    }
}
