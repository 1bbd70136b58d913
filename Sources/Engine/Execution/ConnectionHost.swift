import Platform

/// The host a libvirt connection URI reaches, as bluevirt names it beside each object and in
/// every failure: `10.203.0.2` for `qemu+tcp://10.203.0.2/system`, `kvm1` for
/// `qemu+ssh://root@kvm1:2222/system?keyfile=…`, `localhost` for URIs without a host
/// (`qemu:///system`, `test:///…`).
public enum ConnectionHost {
    public static func name(of uri: String) -> String {
        guard let host = URLComponents(string: uri)?.host, !host.isEmpty else { return "localhost" }
        return host
    }
}

/// An operation failed because its host went away (its daemon died, the network to it broke,
/// keepalive gave up) or could not be reached at all. The host's remaining operations of the
/// run fail at once with the same reason; operations on other hosts go on.
public struct HostUnreachable: Error, Sendable, CustomStringConvertible {
    public var host: String
    public var uri: String
    public var reason: String

    public init(host: String, uri: String, reason: String) {
        self.host = host
        self.uri = uri
        self.reason = reason
    }

    public var description: String {
        "host \(host) is unreachable (\(uri)): \(reason); its other operations are not tried in this run: run the command again once it is back"
    }
}
