import ArgumentParser

/// `--connect`'s help: one rule for every command that plans a blueprint, since each plans it as
/// apply does; a command adds what it does with the connection.
enum ConnectOptionHelp {
    /// Which nodes take the connection, and where they go without it.
    static let rule = "The libvirt connection of every node that names none in libvirt_auth (or names qemu:///system, the default); its driver chooses their domain templates (default: $LIBVIRT_DEFAULT_URI, else qemu:///system)."

    static func help(_ use: String? = nil) -> ArgumentHelp {
        ArgumentHelp(use.map { rule + " " + $0 } ?? rule, valueName: "uri")
    }
}
