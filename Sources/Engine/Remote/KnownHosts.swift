import Platform

/// The host keys a deployment has met, one OpenSSH known_hosts file per deployment in the state
/// directory (`known-hosts/<deployment>`): the first contact with a host records its key
/// (`accept-new`), a later different key is refused. `destroy` forgets the file, since the
/// machines it named are gone and new ones at the same addresses have new keys.
public struct KnownHosts: Sendable, Hashable {
    public let file: String

    public init(stateDirectory: URL, deployment: String) {
        file = stateDirectory.appendingPathComponent("known-hosts")
            .appendingPathComponent(SimulatedWorlds.fileName(for: deployment)).path
    }

    /// The ssh options that keep host keys in this file only.
    public var options: [String] {
        // ssh splits option values at white space unless quoted.
        let quoted = file.contains(where: \.isWhitespace) ? "\"\(file)\"" : file
        // Host names in clear (not hashed, as Debian's ssh_config asks): the file says which machines the deployment met.
        return ["-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile=" + quoted, "-o", "HashKnownHosts=no"]
    }

    /// Makes the file's directory (0700) so that ssh can write the file.
    public func prepare() throws {
        let directory = file.deletingLastPathComponent
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw SSHClientError("cannot create \(directory) for the deployment's known host keys: \(String(cString: strerror(errno))); check the state directory")
        }
    }

    /// The command that forgets the key recorded for `host` (and `port`, as ssh names it).
    public func forgetCommand(host: String, port: Int) -> String {
        let name = port == 22 ? host : "[\(host)]:\(port)"
        return "ssh-keygen -R '\(name)' -f '\(file)'"
    }

    /// Forgets every host of the deployment.
    public func remove() {
        try? FileManager.default.removeItem(atPath: file)
    }
}
