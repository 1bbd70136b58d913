import CLibvirt
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide libvirt setup, done once before the first call.
enum LibvirtRuntime {
    /// Swift runs a static initializer exactly once, thread-safely.
    private static let initialized: Void = {
        virInitialize()
        // Without a handler libvirt prints every error ("libvirt: error : …") to stderr;
        // bluevirt reports errors itself.
        virSetErrorFunc(nil, { _, _ in })
        initializeSchemaTypes()
        startEventLoop()
    }()

    static func ensureInitialized() {
        _ = initialized
    }

    /// libxml2 2.9 (Debian 12) fills its XML Schema and RelaxNG datatype tables lazily and
    /// without a lock, on the first schema it parses. When libvirt validates documents on
    /// several threads at once in a fresh process, a thread may see a half-filled table and
    /// libvirt fails with "internal error: Unable to parse RNG …/network.rng: Error type
    /// 'unsignedInt' is not exported by type library …". Filling the tables once, here, before
    /// any libvirt call, removes the race. libvirt has already loaded libxml2, so the functions
    /// are looked up in the process rather than linked (no libxml2-dev needed); a libxml2 that
    /// lacks them initializes eagerly and needs nothing.
    private static func initializeSchemaTypes() {
        // Their results (void, or an int that only reports out-of-memory) are of no use here.
        typealias Initializer = @convention(c) () -> Void
        for name in ["xmlSchemaInitTypes", "xmlRelaxNGInitTypes"] {
            guard let symbol = dlsym(processScope, name) else { continue }
            unsafeBitCast(symbol, to: Initializer.self)()
        }
    }

    /// libvirt sends keepalive messages and notices a silent peer only while an event loop runs
    /// in the client; without one, a call to a host whose daemon died waits for the kernel's TCP
    /// timeout (minutes). The loop must be registered before the first connection opens, and
    /// runs for the life of the process on a thread of its own.
    private static func startEventLoop() {
        guard virEventRegisterDefaultImpl() == 0 else { return }
        let thread = Thread {
            while true {
                // -1 only on a broken poll; the pause keeps a persistent fault from spinning.
                if virEventRunDefaultImpl() < 0 { usleep(100_000) }
            }
        }
        thread.name = "bluevirt.libvirt-events"
        thread.start()
    }

    /// dlsym's RTLD_DEFAULT: search every library loaded into the process.
    private static var processScope: UnsafeMutableRawPointer? {
        #if canImport(Glibc)
        UnsafeMutableRawPointer(bitPattern: 0)
        #else
        UnsafeMutableRawPointer(bitPattern: -2)
        #endif
    }
}
