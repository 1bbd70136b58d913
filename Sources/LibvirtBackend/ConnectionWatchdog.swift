import CLibvirt
import Platform
import Synchronization

/// Frees callers whose libvirt call waits on a connection that is already dead.
///
/// Keepalive closes a connection whose host stopped answering, and the call that notices gets
/// its error; but libvirt 9.0 can leave a second call that was waiting on the same connection
/// blocked for good (in `virNetClientSendWithReply`, polling without a timeout). Every call on a
/// connection with keepalive is therefore registered here; once a second a thread looks at
/// each registered call's connection (`virConnectIsAlive`, a local check) and answers the calls
/// of a dead one with an error itself. The blocked thread stays blocked; its late result is
/// dropped.
enum ConnectionWatchdog {
    private struct Pending {
        let connection: LibvirtConnection
        let fail: @Sendable (LibvirtError) -> Void
    }

    private static let pending = Mutex<[UInt64: Pending]>([:])
    private static let nextID = Atomic<UInt64>(0)
    private static let started: Void = {
        startDetachedThread {
            while true {
                sleepThread(seconds: 1)
                sweep()
            }
        }
    }()

    /// Registers a call on `connection`; `fail` answers it if the connection dies first.
    /// Returns the id to ``finish(_:)`` with when the call returns.
    static func watch(_ connection: LibvirtConnection, fail: @escaping @Sendable (LibvirtError) -> Void) -> UInt64 {
        _ = started
        let id = nextID.add(1, ordering: .relaxed).newValue
        pending.withLock { $0[id] = Pending(connection: connection, fail: fail) }
        return id
    }

    static func finish(_ id: UInt64) {
        _ = pending.withLock { $0.removeValue(forKey: id) }
    }

    private static func sweep() {
        let dead = pending.withLock { calls -> [Pending] in
            let dead = calls.filter { !$0.value.connection.isAlive }
            for id in dead.keys { calls[id] = nil }
            return Array(dead.values)
        }
        for call in dead {
            call.fail(LibvirtError(code: .rpc, domain: .rpc,
                                   message: "the connection to \(call.connection.uri) broke (keepalive) while this call waited for the host",
                                   operation: "virConnectIsAlive"))
        }
    }
}
