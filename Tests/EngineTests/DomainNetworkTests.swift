import Diagnostics
import Engine
import Foundation
import LibvirtBackend
import Testing

/// A domain that joins a network neither the deployment makes nor the host has: validate and
/// dry-run warn where the name is written as text (BV0849, BV0850), and `start` refuses at once
/// on the test driver as QEMU's driver does, instead of waiting for an address that cannot come.
@Suite struct DomainNetworkTests {
    /// A network `lan` and a domain that names `network` as written (text or a function).
    static func blueprint(network: String, withNetwork: Bool = true) -> String {
        pluginBlueprint("""
            node_templates:
            \(withNetwork ? """
              lan:
                type: cloudify.libvirt.network
                properties:
                  params:
                    ips: [{ address: 192.168.150.1, netmask: 255.255.255.0, dhcp: { start: 192.168.150.10, end: 192.168.150.99 } }]
            """ : "")
              web:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    wait_for_ip: false
                    networks:
                      - network: \(network)
            \(withNetwork ? """
                relationships:
                  - { type: cloudify.relationships.connected_to, target: lan }
            """ : "")
            """)
    }

    func diagnostics(network: String, withNetwork: Bool = true, deployment: String) throws -> [Diagnostic] {
        try validatedDiagnostics(of: Self.blueprint(network: network, withNetwork: withNetwork), deployment: deployment)
    }

    @Test func aWrittenNameThatIsNoneOfTheDeploymentsNetworksIsAWarning() throws {
        let found = try diagnostics(network: "tvnx-lan-1", deployment: "tvnq")
        #expect(found.map(\.code.id) == ["BV0849"], "\(describe(found))")
        #expect(found.first?.severity == .warning)
        #expect(found.first?.message.contains("joins the network 'tvnx-lan-1', which is none of this deployment's networks on 'qemu:///system': 'tvnq-lan-1' (node 'lan')") == true,
                "\(describe(found))")
        #expect(found.first?.range.start.line == 17, "at the name: \(describe(found))")
        #expect(found.first?.notes.first?.message.contains("{ get_attribute: [lan, resource_id] }") == true)
    }

    @Test func aWrittenGeneratedNameHoldsForOneDeploymentNameOnly() throws {
        let found = try diagnostics(network: "tvnx-lan-1", deployment: "tvnx")
        #expect(found.map(\.code.id) == ["BV0850"], "\(describe(found))")
        #expect(found.first?.message.contains("by the name bluevirt generates for node 'lan' in deployment 'tvnx'") == true, "\(describe(found))")
    }

    @Test func namesByAFunctionLibvirtsDefaultAndHostNetworksAloneAreNotWarnedAbout() throws {
        #expect(try diagnostics(network: "{ get_attribute: [lan, resource_id] }", deployment: "tvnq").isEmpty)
        #expect(try diagnostics(network: "default", deployment: "tvnq").isEmpty)
        // A deployment without networks of its own can only mean the host's.
        #expect(try diagnostics(network: "host-lan", withNetwork: false, deployment: "tvnq").isEmpty)
    }

    /// The test driver would start the domain (QEMU's would not), and the address wait would
    /// then last its whole timeout.
    @Test func startRefusesADomainOnANetworkThatIsNotThereAtOnce() async throws {
        let backend = LibvirtObjectBackend()
        let name = "nonet-\(UUID().uuidString.prefix(8))"
        var object = ManagedObject(kind: .domain, name: name, connection: "test:///default", xml: """
            <domain type='test'><name>\(name)</name><memory>65536</memory><os><type>hvm</type></os>\
            <devices><interface type='network'><source network='tvnx-lan-1'/></interface></devices></domain>
            """, adopted: false, deployment: "tvnq", instance: "web-1")
        object.deploymentNetworks = ["tvnq-lan-1"]
        object.addressTimeout = .seconds(2)
        _ = try await backend.create(object)
        _ = try await backend.configure(object)
        let connection = try await backend.connections.connection(for: "test:///default")

        await #expect {
            _ = try await backend.start(object)
        } throws: { error in
            let message = "\(error)"
            return message.contains("network 'tvnx-lan-1' not found on localhost: the domain joins it in its 'networks'")
                && message.contains("the deployment's networks there: 'tvnq-lan-1'")
        }
        // Looked up again: start defined it anew with the document.
        let domain = try await connection.domain(named: name)
        #expect(try await !domain.isActive(), "the domain was started")

        // A network of the deployment that is not made yet: the relationship is what is missing.
        object.deploymentNetworks = ["tvnx-lan-1"]
        await #expect {
            _ = try await backend.start(object)
        } throws: { error in
            "\(error)".contains("the deployment makes it, but not before the domain starts; give the domain a cloudify.libvirt.relationships.connected_to relationship")
        }
        try await connection.domain(named: name).undefine()
    }
}
