import Foundation
import LibvirtBackend

/// The files a domain document makes its host read at start (`<kernel>`, `<initrd>` of a
/// direct kernel boot), checked on that host before the domain starts, so that a missing one is
/// an error naming the host rather than QEMU's "could not load kernel".
enum DomainHostFiles {
    /// `(element, path)` pairs of the document, in order.
    static func bootFiles(in xml: String) -> [(element: String, path: String)] {
        ["kernel", "initrd"].compactMap { element in
            guard let open = xml.range(of: "<\(element)>"), let close = xml[open.upperBound...].range(of: "</\(element)>") else { return nil }
            let path = String(xml[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            return path.isEmpty ? nil : (element, path)
        }
    }

    /// Throws naming the host when one of the document's boot files is not there. Test-driver
    /// worlds have no files: nothing is checked on them.
    static func check(_ object: ManagedObject, xml: String, on connection: LibvirtConnection) async throws {
        guard !object.connection.hasPrefix("test:") else { return }
        for file in bootFiles(in: xml) where try await connection.fileExists(atPath: file.path) == false {
            let host = ConnectionHost.name(of: object.connection)
            throw BackendProblem("""
                the \(file.element) '\(file.path)' of \(object.label) is not on host \(host): libvirt reads it there, not \
                on this machine; copy it to that path on \(host), or give params.\(file.element) a path that exists there
                """)
        }
    }
}
