import Platform
import LibvirtBackend

/// The files a domain document makes its host read at start (`<kernel>`, `<initrd>` of a
/// direct kernel boot, a disk's `<source file>`), checked on that host before the domain
/// starts, so that a missing one is an error naming the host rather than QEMU's "could not load
/// kernel" or "Could not open".
enum DomainHostFiles {
    /// `(element, path)` pairs of the document's boot files, in order.
    static func bootFiles(in xml: String) -> [(element: String, path: String)] {
        ["kernel", "initrd"].compactMap { element in
            guard let open = xml.firstRange(ofASCII: "<\(element)>"), let close = xml[open.upperBound...].firstRange(ofASCII: "</\(element)>") else { return nil }
            let path = String(xml[open.upperBound..<close.lowerBound]).trimmingWhitespace()
            return path.isEmpty ? nil : (element, path)
        }
    }

    /// The `<source file='…'>` paths of the document's `<disk>` elements, in order. A volume of
    /// the deployment is among them under its path: it is found at once in its pool.
    static func diskFiles(in xml: String) -> [String] {
        XMLElementScan.elements("disk", in: xml).compactMap { element in
            guard let path = XMLElementScan.quotedValue(after: "<source file=", in: element), !path.isEmpty else { return nil }
            return XMLCharacterData.decoded(path)
        }
    }

    /// Throws naming the host when one of the document's boot or disk files is not there.
    /// Test-driver worlds have no files: nothing is checked on them.
    static func check(_ object: ManagedObject, xml: String, on connection: LibvirtConnection) async throws {
        guard !object.connection.hasPrefix("test:") else { return }
        let files = bootFiles(in: xml) + diskFiles(in: xml).map { (element: "disk", path: $0) }
        for file in files where try await connection.fileExists(atPath: file.path) == false {
            let host = ConnectionHost.name(of: object.connection)
            let fix = file.element == "disk"
                ? "copy the image to that path on \(host), or let the deployment make the disk as a volume of a pool on \(host)"
                : "copy it to that path on \(host), or give params.\(file.element) a path that exists there"
            throw BackendProblem("""
                the \(file.element) '\(file.path)' of \(object.label) is not on host \(host): libvirt reads it there, not \
                on this machine; \(fix)
                """)
        }
    }
}
