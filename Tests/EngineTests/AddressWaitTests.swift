import Engine
import Foundation
import LibvirtBackend
import Testing

/// `wait_for_ip_timeout` and `ip_address_sources` reach the wait in `start`: a domain whose
/// interface can get no address (its network does not exist in the test driver's world) fails
/// after the blueprint's timeout, and the error names the domain, the network and the sources asked.
/// bluevirt does not start a domain on a missing network (``DomainNetworksCheck``), but the test
/// driver does: started by libvirt directly, the domain leaves `start` only the wait.
@Suite struct AddressWaitTests {
    @Test func theBlueprintsTimeoutAndSourcesAreUsedAndNamedWhenNoAddressComes() async throws {
        let backend = LibvirtObjectBackend()
        let name = "nowait-\(UUID().uuidString.prefix(8))"
        var object = ManagedObject(kind: .domain, name: name, connection: "test:///default", xml: """
            <domain type='test'><name>\(name)</name><memory>65536</memory><os><type>hvm</type></os>\
            <devices><interface type='network'><source network='no-such-network'/></interface></devices></domain>
            """, adopted: false, deployment: "nowait", instance: "web-1")
        object.addressSources = [.arp, .lease]
        object.addressTimeout = .milliseconds(300)
        _ = try await backend.create(object)
        _ = try await backend.configure(object)
        let connection = try await backend.connections.connection(for: "test:///default")
        let domain = try await connection.domain(named: name)
        try await domain.start()

        let clock = ContinuousClock()
        let started = clock.now
        do {
            _ = try await backend.start(object)
            Issue.record("start returned although no interface can get an address")
        } catch {
            let message = "\(error)"
            #expect(message.contains("domain '\(name)'"), "\(message)")
            #expect(message.contains("'no-such-network'"), "\(message)")
            #expect(message.contains("asked: arp, lease"), "\(message)")
            #expect(message.contains("DHCP range"), "\(message)")
        }
        // Far below the default 300 s: the blueprint's timeout was used.
        #expect(clock.now - started < .seconds(30))

        try await domain.destroy()
        try await domain.undefine()
    }
}
