/// Any error as a message for the user, in the catch-alls that do not know what failed: a file
/// operation's failure as its path and the operating system's words
/// (`/var/lib/x: Permission denied`) where Swift prints `CocoaError(code: …, userInfo: […])`
/// (and corelibs Foundation printed `Error Domain=NSCocoaErrorDomain …` with the path in it);
/// any other error as ``SystemErrorText`` gives it.
public enum FileErrorText {
    public static func of(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, cocoa.underlying is POSIXError, let path = cocoa.filePath {
            return "\(path): \(SystemErrorText.of(error))"
        }
        return SystemErrorText.of(error)
    }
}
