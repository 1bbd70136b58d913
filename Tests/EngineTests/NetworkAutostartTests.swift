import Engine
import Foundation
import LibvirtBackend
import Testing

/// `autostart: true` in a network's params marks the network to start with libvirtd; without it
/// the network is left as libvirt defines it (no autostart).
@Suite struct NetworkAutostartTests {
    @Test(arguments: [true, false])
    func createMarksTheNetworkAsAsked(autostart: Bool) async throws {
        let backend = LibvirtObjectBackend()
        let name = "auto-\(UUID().uuidString.prefix(8))"
        var object = ManagedObject(kind: .network, name: name, connection: "test:///default", xml: """
            <network><name>\(name)</name><bridge name='bv\(name.suffix(6))'/></network>
            """, adopted: false, deployment: "auto", instance: "lan-1")
        object.autostart = autostart
        _ = try await backend.create(object)

        let connection = try await backend.connections.connection(for: "test:///default")
        let network = try await connection.network(named: name)
        #expect(try await network.isActive())
        #expect(try await network.autostart() == autostart)
        try await backend.delete(object)
    }
}
