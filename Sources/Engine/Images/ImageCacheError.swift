/// Why an image could not be made available on this host. Every message names the URL (and
/// the file, where there is one) and says what to check.
public enum ImageCacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered with a status other than 2xx.
    case httpStatus(url: String, status: Int)
    /// Nothing accepts connections at the URL's host and port.
    case connectionRefused(url: String)
    /// Any other transfer failure (name resolution, TLS, timeout, connection lost), with the
    /// system's message.
    case transferFailed(url: String, message: String)
    /// The server closed the connection before sending all it announced.
    case incomplete(url: String, received: UInt64, expected: UInt64)
    /// The server sent nothing for `seconds` (after `received` bytes of the body).
    case stalled(url: String, seconds: Int, received: UInt64)
    /// The bytes do not have the blueprint's SHA-256.
    case sha256Mismatch(url: String, expected: String, actual: String)
    /// The cache directory's file system is full.
    case diskFull(url: String, path: String, written: UInt64)
    /// Writing, renaming or creating a cache file failed for another reason.
    case writeFailed(url: String, path: String, message: String)
    /// A file:// image (or a cached file) could not be read.
    case unreadable(url: String, path: String, message: String)

    public var description: String {
        switch self {
        case .httpStatus(let url, let status):
            return "downloading image \(url) failed: the server answered HTTP \(status); check the URL"
        case .connectionRefused(let url):
            return "downloading image \(url) failed: connection refused; check that the server is running and that the URL's host and port are right"
        case .transferFailed(let url, let message):
            return "downloading image \(url) failed: \(message)"
        case .incomplete(let url, let received, let expected):
            return "downloading image \(url) failed: the server closed the connection after \(received) of \(expected) bytes; try again"
        case .stalled(let url, let seconds, let received):
            return "downloading image \(url) failed: nothing arrived for \(seconds) s (after \(received) bytes); check the server, then apply again (the download starts over)"
        case .sha256Mismatch(let url, let expected, let actual):
            return "image \(url) has SHA-256 \(actual), but the blueprint expects \(expected); check the url and the sha256"
        case .diskFull(let url, let path, let written):
            return "downloading image \(url) failed: no space left on the device of \(path) after \(written) bytes; free space there"
        case .writeFailed(let url, let path, let message):
            return "caching image \(url) failed: \(path): \(message); make that folder of the state directory writable, or give another with --state-dir DIR"
        case .unreadable(let url, let path, let message):
            return "reading image \(url) failed: \(path): \(message); a file:// url names a file on the host bluevirt runs on: give the path of one it can read"
        }
    }
}
