import CLibvirt
import Platform
import Synchronization

/// A libvirt data stream (`virStreamPtr`) in blocking mode, for sending a volume's contents
/// (``LibvirtStorageVolume/upload(from:chunkSize:progress:)``). Freed exactly once when the last
/// reference goes away.
///
/// A stream is used by one task at a time: send, then ``finish()``, or ``abort()`` on any
/// failure. A stream still open when it is released is aborted first, because libvirt must not
/// free a stream with a transfer in progress. `@unchecked Sendable`: the handle is immutable and
/// the open/closed state is guarded by a mutex.
public final class LibvirtStream: @unchecked Sendable {
    public let connection: LibvirtConnection
    let pointer: OpaquePointer
    /// True until the stream is finished or aborted.
    private let isOpen = Mutex(true)

    /// Takes ownership of `pointer`. Runs on a libvirt thread.
    private init(taking pointer: OpaquePointer, connection: LibvirtConnection) {
        self.pointer = pointer
        self.connection = connection
    }

    deinit {
        // Aborting a stream on a remote connection talks to its daemon: do it on a libvirt thread.
        let handle = ReleasingHandle(pointer: pointer, needsAbort: takeOpen(keep: true))
        LibvirtWorker.detach {
            if handle.needsAbort { virStreamAbort(handle.pointer) }
            virStreamFree(handle.pointer)
        }
    }

    /// Carries the handle to the thread that releases it; nothing else uses it by then.
    private struct ReleasingHandle: @unchecked Sendable {
        let pointer: OpaquePointer
        let needsAbort: Bool
    }

    /// A new blocking stream on `connection` (`virStreamNew`), to be handed to a transfer such
    /// as `virStorageVolUpload`.
    public static func new(on connection: LibvirtConnection) async throws(LibvirtError) -> LibvirtStream {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            let handle = try LibvirtCall.check(virStreamNew(connection.pointer, 0), "virStreamNew")
            return LibvirtStream(taking: handle, connection: connection)
        }
    }

    /// Sends all of `bytes` (`virStreamSend`, repeated while libvirt takes less than offered).
    public func send(_ bytes: [UInt8]) async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try self.sendBlocking(bytes[...])
        }
    }

    /// The C side of ``send(_:)``, for callers already on a libvirt thread.
    func sendBlocking(_ bytes: ArraySlice<UInt8>) throws(LibvirtError) {
        var remaining = bytes
        while !remaining.isEmpty {
            let sent = remaining.withUnsafeBytes { buffer in
                virStreamSend(self.pointer, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), buffer.count)
            }
            // A blocking stream returns the bytes taken or -1; -2 ("would block") only happens
            // on non-blocking streams, and counts as a failure here.
            guard sent > 0 else { throw LibvirtError.last(after: "virStreamSend") }
            remaining = remaining.dropFirst(Int(sent))
        }
    }

    /// Completes the transfer (`virStreamFinish`): libvirt reports here whether the other end
    /// accepted all the data.
    public func finish() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            guard self.takeOpen(keep: false) else { return }
            let result = virStreamFinish(self.pointer)
            try LibvirtCall.check(result, "virStreamFinish")
        }
    }

    /// Cancels the transfer (`virStreamAbort`); the other end discards what it got. Does
    /// nothing on a stream that is already finished or aborted.
    public func abort() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            guard self.takeOpen(keep: false) else { return }
            let result = virStreamAbort(self.pointer)
            try LibvirtCall.check(result, "virStreamAbort")
        }
    }

    /// Whether the stream was still open; with `keep: false` it counts as closed from now on,
    /// so that exactly one finish or abort reaches libvirt.
    private func takeOpen(keep: Bool) -> Bool {
        isOpen.withLock { isOpen in
            let wasOpen = isOpen
            if !keep { isOpen = false }
            return wasOpen
        }
    }
}
