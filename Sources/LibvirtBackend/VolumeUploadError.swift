/// An upload into a storage volume that failed, with what was being uploaded and how far it got.
/// The stream was aborted, so libvirt kept none of a partial transfer as complete.
public struct VolumeUploadError: Error, Sendable, CustomStringConvertible {
    /// The volume's name.
    public var volume: String
    /// What was being uploaded: a file's path, or "N bytes from memory".
    public var source: String
    /// Bytes libvirt had accepted when the upload stopped.
    public var sentBytes: UInt64
    /// Bytes the upload was to send.
    public var totalBytes: UInt64
    public var reason: Reason

    public init(volume: String, source: String, sentBytes: UInt64, totalBytes: UInt64, reason: Reason) {
        self.volume = volume
        self.source = source
        self.sentBytes = sentBytes
        self.totalBytes = totalBytes
        self.reason = reason
    }

    public enum Reason: Sendable, Equatable {
        /// A libvirt call failed (creating the stream, starting the upload, sending, finishing).
        case libvirt(LibvirtError)
        /// The source could not be read: the system's message, e.g. "No such file or directory".
        case unreadable(String)
        /// The task was cancelled between two chunks.
        case cancelled
    }

    public var description: String {
        let place = "uploading \(source) into volume '\(volume)' stopped after \(sentBytes) of \(totalBytes) bytes"
        switch reason {
        case .libvirt(let error): return "\(place): \(error)"
        case .unreadable(let message): return "\(place): cannot read \(source): \(message)"
        case .cancelled: return "\(place): cancelled"
        }
    }
}
