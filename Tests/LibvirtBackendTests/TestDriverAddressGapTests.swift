import Testing
@testable import LibvirtBackend

/// libvirt 9's test driver dies with SIGSEGV when asked for the addresses of a domain on a
/// network without an IPv4 address (issue 11: `apply --simulate` of the tutorial without `ips`).
@Suite struct TestDriverAddressGapTests {
    /// Whether the networks are read from the domain or named by the caller (from the document
    /// it defined the domain with), each is checked.
    @Test(arguments: [false, true])
    func aNetworkWithoutIPv4IsRefusedInsteadOfCrashing(callerNamesNetworks: Bool) async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let networkName = TestWorld.uniqueName("noip")
        let network = try await connection.defineNetwork(xml: "<network><name>\(networkName)</name><bridge name='bv\(networkName.suffix(8))'/></network>")
        try await network.start()
        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: TestWorld.uniqueName("dom"), network: networkName))
        try await domain.start()
        let error = await #expect(throws: LibvirtError.self) {
            _ = try await domain.interfaceAddresses(source: .lease, networks: callerNamesNetworks ? [networkName] : nil)
        }
        #expect(error?.code == .configUnsupported)
        #expect(error?.message.contains("network '\(networkName)'") == true)
        try await domain.destroy()
        try await domain.undefine()
        try await network.destroy()
        try await network.undefine()
    }

    /// The answer for a network is kept while nothing changes it; a network defined again
    /// under the same name, now without IPv4, is read again.
    @Test func aNetworkDefinedAgainIsCheckedAgain() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let networkName = TestWorld.uniqueName("again")
        let bridge = "bv\(networkName.suffix(8))"
        var network = try await connection.defineNetwork(xml: TestWorld.networkXML(name: networkName, bridge: bridge, subnet: 231))
        try await network.start()
        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: TestWorld.uniqueName("dom"), network: networkName))
        try await domain.start()
        #expect(try await domain.interfaceAddresses(source: .lease, networks: [networkName]).count == 1)
        try await network.destroy()
        try await network.undefine()
        network = try await connection.defineNetwork(xml: "<network><name>\(networkName)</name><bridge name='\(bridge)'/></network>")
        try await network.start()
        let error = await #expect(throws: LibvirtError.self) {
            _ = try await domain.interfaceAddresses(source: .lease, networks: [networkName])
        }
        #expect(error?.code == .configUnsupported)
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
