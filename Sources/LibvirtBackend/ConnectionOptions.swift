/// How ``LibvirtConnection/open(_:options:)`` opens a connection: keepalive, so that a host whose
/// daemon dies is noticed in seconds, and the credentials libvirt's auth callback hands out.
public struct ConnectionOptions: Sendable {
    /// Seconds between keepalive messages on an idle connection (`virConnectSetKeepAlive`);
    /// 0 turns keepalive off.
    public var keepaliveInterval: Int32
    /// Keepalive messages that may go unanswered before libvirt closes the connection: a
    /// dead host is noticed after about `keepaliveInterval × (keepaliveCount + 1)` seconds.
    public var keepaliveCount: UInt32
    /// The credentials for a URI (an ssh key's passphrase or password, a SASL user name and
    /// password), asked only when libvirt's auth callback needs them.
    public var credentials: @Sendable (_ uri: String) -> ConnectionCredentials

    public static let defaultKeepaliveInterval: Int32 = 5
    public static let defaultKeepaliveCount: UInt32 = 3

    public init(keepaliveInterval: Int32 = defaultKeepaliveInterval, keepaliveCount: UInt32 = defaultKeepaliveCount,
                credentials: @escaping @Sendable (_ uri: String) -> ConnectionCredentials = { _ in ConnectionCredentials() }) {
        self.keepaliveInterval = keepaliveInterval
        self.keepaliveCount = keepaliveCount
        self.credentials = credentials
    }

    /// The longest a call on a connection to a dead host waits before libvirt gives up on it.
    public var deadHostNoticedWithin: Duration {
        keepaliveInterval <= 0 ? .zero : .seconds(Int(keepaliveInterval) * (Int(keepaliveCount) + 1))
    }
}

/// What libvirt's auth callback may answer for one connection. Values are handed to libvirt
/// only; nothing here is ever printed (``description`` says only which are set).
public struct ConnectionCredentials: Sendable, CustomStringConvertible {
    /// VIR_CRED_AUTHNAME: the user name (SASL, ssh password login).
    public var username: String?
    /// VIR_CRED_PASSPHRASE: an ssh key's passphrase or a password.
    public var passphrase: String?

    public init(username: String? = nil, passphrase: String? = nil) {
        self.username = username
        self.passphrase = passphrase
    }

    public var description: String {
        "credentials(username: \(username == nil ? "none" : "set"), passphrase: \(passphrase == nil ? "none" : "set"))"
    }
}
