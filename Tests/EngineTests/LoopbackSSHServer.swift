import Foundation

/// OpenSSH's sshd on 127.0.0.1 at a free high port, with its own host key, authorized key and
/// configuration in a temporary folder; started by the test and stopped by its pid. Tests that
/// need it are skipped (with the reason) when /usr/sbin/sshd is missing: scripts/setup.sh
/// installs openssh-server.
final class LoopbackSSHServer: @unchecked Sendable {
    static let binary = "/usr/sbin/sshd"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary) && getuid() == 0 }

    let folder: URL
    let port: Int
    var clientKeyFile: String { folder.appendingPathComponent("client_key").path }
    var clientKey: String { (try? String(contentsOfFile: clientKeyFile, encoding: .utf8)) ?? "" }
    private var pid: pid_t?

    /// A server whose logins all run `forceCommand` when given (a device with a prompt).
    /// `passwords`: password logins are offered too (root's fails: it has no usable password).
    init(forceCommand: String? = nil, passwords: Bool = false, folder given: URL? = nil, port givenPort: Int? = nil) throws {
        folder = given ?? FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-sshd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        port = givenPort ?? Self.freePort()
        let hostKey = folder.appendingPathComponent("host_key_\(UUID().uuidString.prefix(8))").path
        try Self.keygen(hostKey)
        if !FileManager.default.fileExists(atPath: clientKeyFile) { try Self.keygen(clientKeyFile) }
        let authorized = folder.appendingPathComponent("authorized_keys-\(port)").path
        try? FileManager.default.removeItem(atPath: authorized)
        try FileManager.default.copyItem(atPath: clientKeyFile + ".pub", toPath: authorized)
        var config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(hostKey)
            AuthorizedKeysFile \(folder.path)/authorized_keys-\(port)
            PidFile \(folder.path)/sshd-\(port).pid
            UsePAM no
            StrictModes no
            PermitRootLogin \(passwords ? "yes" : "prohibit-password")
            PasswordAuthentication \(passwords ? "yes" : "no")
            KbdInteractiveAuthentication no

            """
        if let forceCommand { config += "ForceCommand \(forceCommand)\n" }
        let configFile = folder.appendingPathComponent("sshd_config-\(port)")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        // sshd's privilege separation folder is fixed at build time; Debian's is /run/sshd.
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        // Not Foundation's Process: sshd closes the descriptor Process watches to learn that its
        // child ended, and Process's reaper then blocks in waitpid on sshd, stalling every
        // other Process of the test run. posix_spawn, then kill and waitpid by pid.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_RDWR, 0) }
        let words: [String] = [Self.binary, "-D", "-e", "-f", configFile.path]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var child = pid_t()
        let status = posix_spawn(&child, Self.binary, &actions, nil, arguments, environ)
        guard status == 0 else { throw ServerProblem(description: "cannot start sshd: \(String(cString: strerror(status)))") }
        pid = child
        try waitUntilListening()
    }

    /// Stops the server (by its pid) and keeps the folder, for a server with another host key.
    func stop() {
        guard let pid else { return }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        self.pid = nil
    }

    deinit {
        stop()
    }

    /// Removes the folder (after the last server of a test).
    func removeFolder() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func waitUntilListening() throws {
        for _ in 0..<100 {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(socket)
            if connected == 0 { return }
            usleep(50_000)
        }
        stop()
        throw ServerProblem(description: "sshd did not listen on 127.0.0.1:\(port) within 5 s")
    }

    private static func keygen(_ path: String) throws {
        let keygen = Process()
        keygen.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        keygen.arguments = ["-q", "-t", "ed25519", "-N", "", "-f", path]
        try keygen.run()
        keygen.waitUntilExit()
        guard keygen.terminationStatus == 0 else { throw ServerProblem(description: "ssh-keygen failed for \(path)") }
    }

    /// A port the kernel hands out for a listening socket, released for sshd to take.
    private static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct ServerProblem: Error, CustomStringConvertible {
        var description: String
    }
}
