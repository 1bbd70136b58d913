import ArgumentParser
import Engine
import LibvirtBackend
import StateStore

/// How apply and destroy talk to libvirt hosts: per-host parallelism and keepalive. Each number
/// is read `.unconditional`ly, so that a negative one is refused as a number, not taken for an option.
struct HostOptions: ParsableArguments {
    @Option(name: .customLong("jobs-per-host"), parsing: .unconditional,
            help: ArgumentHelp("The most operations that run at the same time on one host (connection URI); default: only --parallelism bounds them.", valueName: "n"))
    var jobsPerHost: Int?

    @Option(name: .customLong("keepalive-interval"), parsing: .unconditional,
            help: ArgumentHelp("Seconds between keepalive messages to a libvirt daemon; 0 turns keepalive off. A host that stops answering is noticed after interval × (count + 1) seconds.", valueName: "seconds"))
    var keepaliveInterval: Int32 = ConnectionOptions.defaultKeepaliveInterval

    @Option(name: .customLong("keepalive-count"), parsing: .unconditional,
            help: ArgumentHelp("Keepalive messages that may go unanswered before the host counts as unreachable.", valueName: "n"))
    var keepaliveCount: UInt32 = ConnectionOptions.defaultKeepaliveCount

    func validate() throws {
        if let jobsPerHost, jobsPerHost < 1 { throw ValidationError("--jobs-per-host must be a positive number (1 or more), not \(jobsPerHost)") }
        guard keepaliveInterval >= 0 else { throw ValidationError("--keepalive-interval must be 0 or more seconds, not \(keepaliveInterval)") }
    }

    /// The backend for a run: connections with keepalive, and the credentials of the state's
    /// secret store (`libvirt_auth.HOST.username`, `libvirt_auth.HOST.password`).
    func backend(store: StateStore) throws -> LibvirtObjectBackend {
        let options = ConnectionOptions(keepaliveInterval: keepaliveInterval, keepaliveCount: keepaliveCount,
                                        credentials: HostCredentials.lookup(in: try store.secrets.values()))
        return LibvirtObjectBackend(connections: LibvirtConnectionPool(options: options))
    }
}
