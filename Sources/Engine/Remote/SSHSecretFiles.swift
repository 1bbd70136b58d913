import Platform

/// Private files of one ssh run (a private key, a password for ssh's askpass): in a fresh 0700
/// directory `<state directory>/ssh-keys/PID-XXXXXX`, each file 0600, the directory removed when
/// the run ends. The state directory already keeps these secrets in its database with the same
/// protection; a directory left by a bluevirt that was killed (SIGKILL cannot be caught) is
/// removed by the next run once its process is gone.
enum SSHSecretFiles {
    /// Runs `body` with a fresh private directory, removed afterwards however `body` ends.
    static func withPrivateDirectory<T>(in parent: String, _ body: (String) throws -> T) throws -> T {
        removeLeftovers(in: parent)
        let directory = try makePrivateDirectory(in: parent)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try body(directory)
    }

    static func makePrivateDirectory(in parent: String) throws -> String {
        if mkdir(parent, 0o700) != 0 && errno != EEXIST {
            throw SSHClientError("cannot create \(parent) for the key: \(String(cString: strerror(errno))); check the state directory")
        }
        // mkdtemp creates the directory with mode 0700.
        var template = Array("\(parent)/\(getpid())-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw SSHClientError("cannot create a directory for the key in \(parent): \(String(cString: strerror(errno))); check the state directory")
        }
        return String(cString: created)
    }

    /// Key directories of runs whose bluevirt no longer exists (killed before it could clean up).
    static func removeLeftovers(in parent: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries {
            guard let pid = entry.split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: parent + "/" + entry)
        }
    }

    static func writePrivateFile(_ path: String, contents: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw SSHClientError("cannot create the key file \(path): \(String(cString: strerror(errno)))")
        }
        // A strict umask (0277, say) may have narrowed the mode below what ssh can read.
        fchmod(descriptor, 0o600)
        let written = Array(contents.utf8).withUnsafeBytes { writeAll($0, to: descriptor) }
        let closed = close(descriptor) == 0 ? 0 : errno
        for code in [written, closed] where code != 0 {
            throw SSHClientError("cannot write the key file \(path): \(SystemErrorText.describe(code))")
        }
    }
}
