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
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.takeString(virStorageVolGetPath(self.pointer), "virStorageVolGetPath")
        }
    }

    /// The volume's XML (`virStorageVolGetXMLDesc`).
    public func xmlDescription() async throws(LibvirtError) -> String {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.takeString(virStorageVolGetXMLDesc(self.pointer, 0), "virStorageVolGetXMLDesc")
        }
    }

    /// The volume's kind, logical size and space used on disk, in bytes (`virStorageVolGetInfo`).
    public func info() async throws(LibvirtError) -> StorageVolumeInfo {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            var raw = virStorageVolInfo()
            try LibvirtCall.check(virStorageVolGetInfo(self.pointer, &raw), "virStorageVolGetInfo")
            return StorageVolumeInfo(
                kind: StorageVolumeInfo.Kind(rawValue: raw.type),
                capacity: UInt64(raw.capacity), allocation: UInt64(raw.allocation))
        }
    }

    /// The pool that holds this volume (`virStoragePoolLookupByVolume`).
    public func pool() async throws(LibvirtError) -> LibvirtStoragePool {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            let handle = try LibvirtCall.check(
                virStoragePoolLookupByVolume(self.pointer), "virStoragePoolLookupByVolume")
            return LibvirtStoragePool(taking: handle, connection: self.connection)
        }
    }

    /// Overwrites the volume's data with zeroes (`virStorageVolWipe`, algorithm ZERO), e.g.
    /// before deleting a volume whose blueprint asks for `zero_wipe`. The volume stays.
    public func wipe() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virStorageVolWipe(self.pointer, 0), "virStorageVolWipe")
        }
    }

    /// Deletes the volume and its data (`virStorageVolDelete`).
    public func delete() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virStorageVolDelete(self.pointer, 0), "virStorageVolDelete")
        }
    }
}
