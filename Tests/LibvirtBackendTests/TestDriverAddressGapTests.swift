import Testing
@testable import LibvirtBackend

/// libvirt 9's test driver dies with SIGSEGV when asked for the addresses of a domain on a
/// network without an IPv4 address (issue 11: `apply --simulate` of the tutorial without `ips`).
@Suite struct TestDriverAddressGapTests {
    @Test func aNetworkWithoutIPv4IsRefusedInsteadOfCrashing() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let networkName = TestWorld.uniqueName("noip")
        let network = try await connection.defineNetwork(xml: "<network><name>\(networkName)</name><bridge name='bv\(networkName.suffix(8))'/></network>")
        try await network.start()
        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: TestWorld.uniqueName("dom"), network: networkName))
        try await domain.start()
        let error = await #expect(throws: LibvirtError.self) { _ = try await domain.interfaceAddresses(source: .lease) }
        #expect(error?.code == .configUnsupported)
        #expect(error?.message.contains("network '\(networkName)'") == true)
        try await domain.destroy()
        try await domain.undefine()
        try await network.destroy()
        try await network.undefine()
    }

    @Test func networksAreReadFromADomainDocument() {
        let xml = """
            <domain><devices>
              <interface type='network'><source network='lan'/></interface>
              <interface type="bridge"><source bridge='br0'/></interface>
              <interface type="network"><mac address='52:54:00:00:00:01'/><source network="wan"/></interface>
            </devices></domain>
            """
        #expect(DomainNetworks.interfaceNetworks(in: xml) == ["lan", "wan"])
        #expect(DomainNetworks.hasIPv4Address(networkXML: "<network><ip address='10.0.0.1' netmask='255.0.0.0'/></network>"))
        #expect(!DomainNetworks.hasIPv4Address(networkXML: "<network><ip family='ipv6' address='fd00::1' prefix='64'/></network>"))
        #expect(!DomainNetworks.hasIPv4Address(networkXML: "<network><name>x</name></network>"))
    }
}
