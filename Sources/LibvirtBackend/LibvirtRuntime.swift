import CLibvirt
import Platform
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide libvirt setup, done once before the first call: libvirt is loaded here, not at
/// process start (see CLibvirt), so commands that never call it do not pay for loading it.
enum LibvirtRuntime {
    /// Swift runs a static initializer exactly once, thread-safely.
    private static let initialized: Result<Void, LibvirtError> = {
        if let failure = bluevirt_libvirt_load() {
            return .failure(LibvirtError(
                code: .internalError, domain: .none,
                message: "cannot load libvirt: \(String(cString: failure)); install libvirt's "
                    + "client library (Debian: apt-get install libvirt0)",
                operation: "dlopen"))
        }
        virInitialize()
        // Without a handler libvirt prints every error ("libvirt: error : …") to stderr;
        // bluevirt reports errors itself.
        virSetErrorFunc(nil, { _, _ in })
        initializeSchemaTypes()
        startEventLoop()
        return .success(())
    }()

    static func ensureInitialized() throws(LibvirtError) {
        try initialized.get()
    }

    /// libxml2 2.9 (Debian 12) fills its XML Schema and RelaxNG datatype tables lazily and
    /// without a lock, on the first schema it parses. When libvirt validates documents on
    /// several threads at once in a fresh process, a thread may see a half-filled table and
    /// libvirt fails with "internal error: Unable to parse RNG …/network.rng: Error type
    /// 'unsignedInt' is not exported by type library …". Filling the tables once, here, before
    /// any libvirt call, removes the race. The functions are looked up among the libraries
    /// libvirt loaded rather than linked (no libxml2-dev needed); a libxml2 that lacks them
    /// initializes eagerly and needs nothing.
    private static func initializeSchemaTypes() {
        // Their results (void, or an int that only reports out-of-memory) are of no use here.
        typealias Initializer = @convention(c) () -> Void
        for name in ["xmlSchemaInitTypes", "xmlRelaxNGInitTypes"] {
            guard let symbol = bluevirt_libvirt_symbol(name) else { continue }
            unsafeBitCast(symbol, to: Initializer.self)()
        }
    }

    /// libvirt sends keepalive messages and notices a silent peer only while an event loop runs
    /// in the client; without one, a call to a host whose daemon died waits for the kernel's TCP
    /// timeout (minutes). The loop must be registered before the first connection opens, and
    /// runs for the life of the process on a thread of its own.
    private static func startEventLoop() {
        guard virEventRegisterDefaultImpl() == 0 else { return }
        startDetachedThread {
            while true {
                // -1 only on a broken poll; the pause keeps a persistent fault from spinning.
                if virEventRunDefaultImpl() < 0 { usleep(100_000) }
            }
        }
    }
}
