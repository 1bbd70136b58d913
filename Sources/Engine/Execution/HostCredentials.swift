import LibvirtBackend

/// The credentials libvirt's auth callback hands to a host, from the secret store: for host H
/// (``ConnectionHost``), `libvirt_auth.H.username` and `libvirt_auth.H.password` (an ssh key's
/// passphrase, an ssh or SASL password). They go to libvirt only and are never printed.
public enum HostCredentials {
    public static func secretName(host: String, _ field: String) -> String {
        "libvirt_auth.\(host).\(field)"
    }

    /// The lookup ``ConnectionOptions`` calls for each URI it opens.
    public static func lookup(in secrets: [String: String]) -> @Sendable (String) -> ConnectionCredentials {
        { uri in
            let host = ConnectionHost.name(of: uri)
            return ConnectionCredentials(username: secrets[secretName(host: host, "username")],
                                         passphrase: secrets[secretName(host: host, "password")])
        }
    }
}
