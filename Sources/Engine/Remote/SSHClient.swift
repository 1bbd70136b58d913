import Platform
import Dispatch

/// Runs the system's OpenSSH client with a private key that exists only while it runs: in a
/// 0600 file inside a fresh 0700 directory, removed when ssh ends, however it ends. The
/// directory lies in the state directory (`ssh-keys/PID-XXXXXX`), which already keeps the key
/// in its database with the same protection; one left by a bluevirt that was killed (SIGKILL
/// cannot be caught) is removed by the next `bluevirt ssh` once its process is gone.
public struct SSHClient: Sendable {
    /// The ssh executable: the first `ssh` on PATH, else `/usr/bin/ssh`; nil if neither exists.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        return directories.lazy
            .map { URL(fileURLWithPath: $0).appendingPathComponent("ssh").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public let executable: String
    /// Where the per-run key directories are made: `<state directory>/ssh-keys`.
    public let keysDirectory: String

    public init(executable: String, keysDirectory: String) {
        self.executable = executable
        self.keysDirectory = keysDirectory
    }

    /// Runs `ssh -i KEYFILE ARGUMENTS…` with bluevirt's standard input, output and error, and
    /// returns the status to exit with: ssh's own, or 128 + the signal that ended it.
    ///
    /// While ssh runs, bluevirt ignores Ctrl-C (SIGINT reaches ssh, which ends or passes it on
    /// to the remote command), and passes SIGTERM and SIGHUP on to ssh, so that bluevirt lives
    /// to remove the key file.
    public func run(privateKey: String, arguments: (_ keyFile: String) -> [String]) throws -> Int32 {
        // Ignored from before the key file exists until after it is gone (defers run in reverse).
        for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_IGN) }
        defer { for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) } }
        SSHSecretFiles.removeLeftovers(in: keysDirectory)
        let directory = try SSHSecretFiles.makePrivateDirectory(in: keysDirectory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let keyFile = directory + "/id_ed25519"
        try SSHSecretFiles.writePrivateFile(keyFile, contents: privateKey)

        let pid = try spawn([executable, "-i", keyFile] + arguments(keyFile))
        let forwarders = [SIGTERM, SIGHUP].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { kill(pid, number) }
            source.resume()
            return source
        }
        defer { for source in forwarders { source.cancel() } }
        return Self.wait(for: pid)
    }

    /// Starts ssh with the default disposition of every signal bluevirt ignores: an ignored
    /// SIGINT would otherwise be inherited, and ssh keeps ignoring what it starts with ignored.
    private func spawn(_ argv: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), noMask = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&defaults, number) }
        sigemptyset(&noMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, nil, &attributes, cArguments, environ)
        guard result == 0 else {
            throw SSHClientError("cannot run \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    private static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (they are C macros).
        let signalNumber = status & 0x7f
        return signalNumber == 0 ? (status >> 8) & 0xff : 128 + signalNumber
    }
}

/// Why ssh could not be started; the message says what to check.
public struct SSHClientError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
