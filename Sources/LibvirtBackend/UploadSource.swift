#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a volume upload, read chunk by chunk on a libvirt thread.
/// `@unchecked Sendable`: its state is immutable (a file is read with `pread`, which keeps no
/// position), and one upload reads it from one job at a time.
final class UploadSource: @unchecked Sendable {
    /// For messages: the file's path or "N bytes from memory".
    let label: String
    let totalBytes: UInt64
    private let content: Content

    private enum Content {
        case file(descriptor: Int32)
        case bytes([UInt8])
    }

    init(bytes: [UInt8]) {
        self.label = "\(bytes.count) bytes from memory"
        self.totalBytes = UInt64(bytes.count)
        self.content = .bytes(bytes)
    }

    private init(path: String, descriptor: Int32, size: UInt64) {
        self.label = path
        self.totalBytes = size
        self.content = .file(descriptor: descriptor)
    }

    /// Opens the regular file at `path`; the failure is the system's message.
    static func openFile(atPath path: String) -> Result<UploadSource, UploadReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(UploadReadFailure(errno: errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let failure = UploadReadFailure(errno: errno)
            close(descriptor)
            return .failure(failure)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return .failure(UploadReadFailure(message: "not a regular file"))
        }
        return .success(UploadSource(path: path, descriptor: descriptor, size: UInt64(status.st_size)))
    }

    deinit {
        if case .file(let descriptor) = content { close(descriptor) }
    }

    /// Up to `maximum` bytes from `offset`; fails if a file ends before ``totalBytes`` (it
    /// changed during the upload) or cannot be read.
    func chunk(at offset: UInt64, maximum: Int) -> Result<ArraySlice<UInt8>, UploadReadFailure> {
        let length = Int(min(UInt64(maximum), totalBytes - offset))
        switch content {
        case .bytes(let bytes):
            let start = Int(offset)
            return .success(bytes[start..<start + length])
        case .file(let descriptor):
            var buffer = [UInt8](repeating: 0, count: length)
            var filled = 0
            while filled < length {
                let count = buffer.withUnsafeMutableBytes { raw in
                    pread(descriptor, raw.baseAddress! + filled, length - filled, off_t(offset) + off_t(filled))
                }
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { return .failure(UploadReadFailure(errno: errno)) }
                guard count > 0 else {
                    return .failure(UploadReadFailure(
                        message: "the file ended at byte \(offset + UInt64(filled)) although it had \(totalBytes) bytes when the upload began; was it changed during the upload?"))
                }
                filled += count
            }
            return .success(buffer[...])
        }
    }
}

/// Why an upload's source could not be read.
struct UploadReadFailure: Error {
    let message: String

    init(message: String) { self.message = message }
    init(errno code: Int32) { self.message = String(cString: strerror(code)) }
}
