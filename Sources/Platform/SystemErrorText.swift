/// The operating system's words for a failure (`No such file or directory`), where corelibs
/// Foundation's `localizedDescription` wrapped them ("The file “x” couldn’t be opened").
public enum SystemErrorText {
    public static func of(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return describe(posix.code.rawValue) }
        if let cocoa = error as? CocoaError {
            if let posix = cocoa.underlying as? POSIXError { return describe(posix.code.rawValue) }
            return cocoaDescription(cocoa)
        }
        return "\(error)"
    }

    public static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func cocoaDescription(_ error: CocoaError) -> String {
        let subject = error.filePath.map { "'\($0)'" } ?? "the file"
        return switch error.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: "\(subject) does not exist"
        case .fileReadNoPermission, .fileWriteNoPermission: "no permission to use \(subject)"
        case .fileWriteOutOfSpace: "no space left for \(subject)"
        case .fileWriteFileExists: "\(subject) already exists"
        case .fileReadCorruptFile, .fileReadInapplicableStringEncoding: "\(subject) is not readable text"
        case .fileWriteVolumeReadOnly: "\(subject) is on a read-only file system"
        default: "cannot use \(subject) (error \(error.code.rawValue))"
        }
    }
}
