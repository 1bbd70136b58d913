import Engine
import Foundation
import LibvirtBackend
import Testing

/// A resumed apply starts a domain with the document of the current run, not the one an
/// earlier, failed run defined. Found by scripts/e2e/qemu-apply-test.sh: on the real QEMU driver
/// a missing kernel path makes `start` fail after `create` has defined the domain; the re-apply
/// with the right path resumed at `start` and failed again on the old definition.
@Suite struct ResumedStartTests {
    @Test func startDefinesAnInactiveDomainAgainWithTheCurrentDocument() async throws {
        // One connection for both calls: test:///default keeps its world per connection.
        let backend = LibvirtObjectBackend()
        let name = "resumed-\(UUID().uuidString.prefix(8))"
        func domain(kernel: String) -> ManagedObject {
            ManagedObject(kind: .domain, name: name, connection: "test:///default", xml: """
                <domain type='test'><name>\(name)</name><memory>65536</memory>\
                <os><type>hvm</type><kernel>\(kernel)</kernel></os></domain>
                """, adopted: false, deployment: "resumed", instance: "web-1")
        }
        // The first run defined the domain (at configure, as the plugin) with a kernel path
        // that does not exist.
        _ = try await backend.create(domain(kernel: "/nowhere/vmlinuz"))
        _ = try await backend.configure(domain(kernel: "/nowhere/vmlinuz"))
        // The second run resumes at start with the corrected document.
        _ = try await backend.start(domain(kernel: "/boot/vmlinuz-fixed"))

        let connection = try await backend.connections.connection(for: "test:///default")
        let started = try await connection.domain(named: name)
        #expect(try await started.isActive())
        let xml = try await started.xmlDescription()
        #expect(xml.contains("/boot/vmlinuz-fixed"), "\(xml)")
        #expect(!xml.contains("/nowhere/vmlinuz"))
        try await started.destroy()
    }
}
