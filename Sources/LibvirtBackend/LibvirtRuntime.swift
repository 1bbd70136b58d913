import CLibvirt

/// Process-wide libvirt setup, done once before the first call.
enum LibvirtRuntime {
    /// Initializes libvirt and installs an error handler that does nothing: without it libvirt
    /// prints every error ("libvirt: error : …") to stderr, and bluevirt reports errors itself.
    /// Swift runs a static initializer exactly once, thread-safely.
    private static let initialized: Void = {
        virInitialize()
        virSetErrorFunc(nil, { _, _ in })
    }()

    static func ensureInitialized() {
        _ = initialized
    }
}
