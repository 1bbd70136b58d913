import CLibvirt

/// A libvirt storage volume (`virStorageVolPtr`), freed exactly once when the last reference
/// goes away. `@unchecked Sendable` for the same reason as ``LibvirtDomain``.
public final class LibvirtStorageVolume: @unchecked Sendable {
    public let connection: LibvirtConnection
    /// The volume's name within its pool, read once when the handle was obtained.
    public let name: String
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`. Runs on a libvirt thread.
    init(taking pointer: OpaquePointer, connection: LibvirtConnection) {
        self.pointer = pointer
        self.connection = connection
        self.name = virStorageVolGetName(pointer).map { String(cString: $0) } ?? ""
    }

    deinit {
        virStorageVolFree(pointer)
    }

    /// The volume's path on the host, e.g. "/var/lib/libvirt/images/disk.qcow2"
    /// (`virStorageVolGetPath`).
    public func path() async throws(LibvirtError) -> String {
        try await LibvirtWorker.run { () throws(LibvirtError) in
            try LibvirtCall.takeString(virStorageVolGetPath(self.pointer), "virStorageVolGetPath")
        }
    }

    /// The volume's XML (`virStorageVolGetXMLDesc`).
    public func xmlDescription() async throws(LibvirtError) -> String {
        try await LibvirtWorker.run { () throws(LibvirtError) in
            try LibvirtCall.takeString(virStorageVolGetXMLDesc(self.pointer, 0), "virStorageVolGetXMLDesc")
        }
    }

    /// Deletes the volume and its data (`virStorageVolDelete`).
    public func delete() async throws(LibvirtError) {
        try await LibvirtWorker.run { () throws(LibvirtError) in
            try LibvirtCall.check(virStorageVolDelete(self.pointer, 0), "virStorageVolDelete")
        }
    }
}
