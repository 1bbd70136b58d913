import CLibvirt
import Platform

/// Whether a file exists on a connection's host, asked through libvirt's storage API: bluevirt
/// cannot look at a remote host's files itself, and a path in a domain document (a kernel, an
/// initramfs) is read by the hypervisor on that host.
extension LibvirtConnection {
    /// True when `path` is a file on the host, false when it or its folder is not there, nil
    /// when libvirt cannot tell (another pool already covers the folder). A volume of an active
    /// pool answers at once; otherwise a transient directory pool over the file's folder is
    /// listed and destroyed again (it lists; it never builds or changes the folder).
    public func fileExists(atPath path: String) async throws(LibvirtError) -> Bool? {
        do {
            _ = try await volume(atPath: path)
            return true
        } catch where error.code == .noStorageVolume {
            // Not in an active pool: look in its folder below.
        }
        let file = URL(fileURLWithPath: path)
        let folder = file.deletingLastPathComponent().path
        let name = file.lastPathComponent
        let poolXML = """
            <pool type='dir'><name>bluevirt-path-check-\(UUID().uuidString.lowercased())</name>\
            <target><path>\(Self.xmlEscaped(folder))</path></target></pool>
            """
        return try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) -> Bool? in
            guard let pool = virStoragePoolCreateXML(self.pointer, poolXML, 0) else {
                let error = LibvirtError.last(after: "virStoragePoolCreateXML")
                if error.code == .systemError { return false }        // "cannot open directory …"
                if error.code == .operationFailed { return nil }      // "Storage source conflict with pool …"
                throw error
            }
            defer {
                virStoragePoolDestroy(pool)
                virStoragePoolFree(pool)
            }
            guard let volume = virStorageVolLookupByName(pool, name) else {
                let error = LibvirtError.last(after: "virStorageVolLookupByName")
                guard error.code == .noStorageVolume else { throw error }
                return false
            }
            virStorageVolFree(volume)
            return true
        }
    }

    private static func xmlEscaped(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;")
            .replacing("'", with: "&apos;")
    }
}
