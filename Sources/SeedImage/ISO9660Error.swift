/// Why an ISO 9660 image could not be built from the given label and files.
///
/// `description` says what is wrong and what to do about it.
public enum ISO9660Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// The volume label is empty.
    case emptyVolumeLabel
    /// The volume label is longer than the 32 bytes a volume descriptor holds.
    case volumeLabelTooLong(label: String, limit: Int)
    /// The volume label holds a character other than printable ASCII, or ends in a space.
    case invalidVolumeLabel(label: String, reason: String)
    /// A file path cannot be written into the image.
    case invalidPath(path: String, reason: String)
    /// Two files have the same path.
    case duplicatePath(path: String)
    /// A path names a file and is also a directory of another file's path.
    case fileAndDirectory(path: String)
    /// A file is larger than one ISO 9660 extent can hold.
    case fileTooLarge(path: String, size: Int)
    /// The recording timestamp is outside what ISO 9660 can store.
    case invalidTimestamp(reason: String)

    public var description: String {
        switch self {
        case .emptyVolumeLabel:
            return "the ISO 9660 volume label is empty; give a label such as 'cidata' (cloud-init NoCloud) or 'config-2' (OpenStack config drive)"
        case .volumeLabelTooLong(let label, let limit):
            return "the ISO 9660 volume label '\(label)' is \(label.utf8.count) bytes long; shorten it to at most \(limit) bytes"
        case .invalidVolumeLabel(let label, let reason):
            return "the ISO 9660 volume label '\(label)' \(reason); use printable ASCII letters, digits, '-', '_' or '.'"
        case .invalidPath(let path, let reason):
            return "the image file path '\(path)' \(reason)"
        case .duplicatePath(let path):
            return "the image file path '\(path)' is given twice; keep one of them"
        case .fileAndDirectory(let path):
            return "the image path '\(path)' is a file and also the directory of another file; rename the file or move the other files"
        case .fileTooLarge(let path, let size):
            return "the image file '\(path)' is \(size) bytes, more than the \(UInt32.max) bytes one ISO 9660 extent holds; split it or use a disk image instead"
        case .invalidTimestamp(let reason):
            return "the ISO 9660 recording timestamp \(reason)"
        }
    }
}
