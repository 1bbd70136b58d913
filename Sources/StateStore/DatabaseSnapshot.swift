import Platform

/// A private copy of the state database (with its write-ahead log) in a fresh temporary
/// directory, for a command that only reads when the state directory cannot be written: SQLite
/// needs to write the `-shm` index even to read a WAL database. Removed when the store closes.
final class DatabaseSnapshot: Sendable {
    let directory: String
    var databasePath: String { directory + "/state.sqlite" }

    /// Copies `path` and `path-wal` (those that exist); with neither, the copy starts empty.
    init(copying path: String) throws(StateStoreError) {
        var template = Array(FileManager.default.temporaryDirectory.path.appendingPathComponent("bluevirt-state-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .cannotOpenDatabase(path: path, reason: "cannot make a temporary copy to read: \(String(cString: strerror(errno)))")
        }
        directory = String(cString: made)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
            do {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: databasePath + suffix)
            } catch {
                try? FileManager.default.removeItem(atPath: directory)
                throw .cannotOpenDatabase(path: path, reason: "cannot read it to make a copy: \(SystemErrorText.of(error))")
            }
            chmod(databasePath + suffix, 0o600)
        }
        // With nothing to copy, an empty file: SQLite takes it for an empty database.
        if !FileManager.default.fileExists(atPath: databasePath) {
            close(open(databasePath, O_WRONLY | O_CREAT | O_EXCL, 0o600))
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}
