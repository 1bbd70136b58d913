import Foundation
import Testing
@testable import LibvirtBackend

/// The simulated DHCP of test driver networks: leases from the range, unique among running
/// domains, kept while a domain runs, and renewed with a new address at each start.
@Suite struct SimulatedDHCPTests {
    @Test func leasesAreUniqueKeptWhileRunningNewAtEachStartAndRunOutWithTheRange() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let networkName = TestWorld.uniqueName("dhcp")
        // A range of two addresses.
        let network = try await connection.defineNetwork(xml: TestWorld.networkXML(name: networkName, bridge: "bv\(networkName.suffix(8))", subnet: 232)
            .replacingOccurrences(of: "10.232.0.99", with: "10.232.0.11"))
        try await network.start()
        var domains: [LibvirtDomain] = []
        for index in 0..<3 {
            let domain = try await connection.defineDomain(xml: TestWorld.domainXML(
                name: TestWorld.uniqueName("dom"), mac: "52:54:00:23:20:0\(index)", network: networkName))
            try await domain.start()
            domains.append(domain)
        }
        func address(_ domain: LibvirtDomain) async throws -> String? {
            try await domain.interfaceAddresses(source: .lease).first?.addresses.first.map { "\($0.address)/\($0.prefix)" }
        }
        let first = try await address(domains[0])
        let second = try await address(domains[1])
        #expect(first == "10.232.0.10/24" && second == "10.232.0.11/24")
        #expect(try await address(domains[0]) == first, "a running domain keeps its lease")

        // Both addresses are held by running domains: the third gets none, at once.
        let error = await #expect(throws: LibvirtError.self) { _ = try await address(domains[2]) }
        #expect(error?.code == .configUnsupported && error?.message.contains("10.232.0.10-10.232.0.11") == true, "\(String(describing: error))")

        // A domain stopped frees its address; one started again gets a new lease.
        try await domains[0].destroy()
        #expect(try await address(domains[2]) == first)
        try await domains[1].destroy()
        try await domains[1].start()
        #expect(try await address(domains[1]) == second, "the only address no running domain holds")
        try await domains[0].start()
        let error2 = await #expect(throws: LibvirtError.self) { _ = try await address(domains[0]) }
        #expect(error2?.code == .configUnsupported)

        for domain in domains {
            try? await domain.destroy()
            try await domain.undefine()
        }
        try await network.destroy()
        try await network.undefine()
    }

    @Test func aRangeIsReadFromTheFirstIPv4AddressWithOne() {
        let xml = """
            <network><name>n</name><ip family='ipv6' address='fd00::1' prefix='64'><dhcp><range start='fd00::10' end='fd00::20'/></dhcp></ip>
            <ip address='192.168.4.1' prefix='22'><dhcp><range start='192.168.4.10' end='192.168.7.200'/></dhcp></ip></network>
            """
        let range = SimulatedNetworkRange.parse(networkXML: xml)
        #expect(range == SimulatedNetworkRange(first: SimulatedNetworkRange.number("192.168.4.10")!, last: SimulatedNetworkRange.number("192.168.7.200")!, prefix: 22))
        #expect(SimulatedNetworkRange.parse(networkXML: "<network><ip address='10.0.0.1' prefix='24'/></network>") == nil)
        #expect(SimulatedNetworkRange.text(of: SimulatedNetworkRange.number("10.77.0.181")!) == "10.77.0.181")
    }
}
