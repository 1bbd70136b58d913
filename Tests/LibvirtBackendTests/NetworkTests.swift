import Testing
@testable import LibvirtBackend

@Suite struct NetworkTests {
    @Test func definesStartsDestroysAndUndefinesANetwork() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let name = TestWorld.uniqueName("net")
        let network = try await connection.defineNetwork(
            xml: TestWorld.networkXML(name: name, bridge: "bvt0", subnet: 91), validate: true)
        #expect(network.name == name)
        #expect(try await !network.isActive())

        try await network.start()
        try await network.setAutostart(true)
        #expect(try await network.isActive())
        #expect(try await network.autostart())
        #expect(try await connection.network(named: name).uuid == network.uuid)
        #expect(try await connection.allNetworks().contains { $0.name == name })
        #expect(try await network.xmlDescription().contains("10.91.0.1"))

        try await network.destroy()
        #expect(try await !network.isActive())
        try await network.undefine()
        let error = await #expect(throws: LibvirtError.self) { _ = try await connection.network(named: name) }
        #expect(error?.code == .noNetwork)
    }

    @Test func dhcpLeasesOnTheTestDriverAreATypedNoSupportError() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let network = try await connection.network(named: "default")
        let error = await #expect(throws: LibvirtError.self) { _ = try await network.dhcpLeases() }
        #expect(error?.code == .noSupport)
        #expect(error?.operation == "virNetworkGetDHCPLeases")
    }

    @Test func aValidatedNetworkWithAnUnknownElementIsRejected() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let xml = TestWorld.networkXML(name: TestWorld.uniqueName("badnet"), bridge: "bvt1", subnet: 92)
            .replacingOccurrences(of: "</network>", with: "<bogus/></network>")
        let error = await #expect(throws: LibvirtError.self) { _ = try await connection.defineNetwork(xml: xml, validate: true) }
        #expect(error?.code == .xmlInvalidSchema, "\(String(describing: error))")
    }
}
