import Platform

/// Whether a file system can take more, for naming a failed write "disk full" when SQLite says
/// only "disk I/O error".
enum FileSystemSpace {
    /// Whether the file system holding `path` has no space left for an ordinary user.
    static func isFull(_ path: String) -> Bool {
        var info = statvfs()
        return statvfs(path, &info) == 0 && info.f_bavail == 0
    }
}
