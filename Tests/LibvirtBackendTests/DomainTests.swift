import Testing
@testable import LibvirtBackend

@Suite struct DomainTests {
    @Test func definesStartsDestroysAndUndefinesADomain() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let name = TestWorld.uniqueName("dom")
        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: name), validate: true)
        #expect(domain.name == name)
        #expect(domain.uuid.count == 36)
        #expect(try await domain.state().state == .shutOff)

        try await domain.start()
        #expect(try await domain.isActive())
        #expect(try await connection.domain(named: name).state().state == .running)
        #expect(try await connection.allDomains().contains { $0.name == name })
        #expect(try await domain.xmlDescription().contains("<name>\(name)</name>"))

        try await domain.destroy()
        #expect(try await domain.state().state == .shutOff)
        // The test driver knows the snapshot flag but not the NVRAM one.
        let applied = try await domain.undefine(options: [.snapshotsMetadata])
        #expect(applied == [.snapshotsMetadata])
        let error = await #expect(throws: LibvirtError.self) { _ = try await connection.domain(named: name) }
        #expect(error?.code == .noDomain)
    }

    @Test func shutdownIsAwaitedByPollingTheState() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: TestWorld.uniqueName("stop")))
        try await domain.start()
        try await domain.shutdown()
        #expect(try await domain.waitForState(.shutOff, timeout: .seconds(30), pollInterval: .milliseconds(10)))
        try await domain.undefine()
    }

    @Test func waitingForAStateThatNeverComesEndsAfterTheTimeout() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: TestWorld.uniqueName("idle")))
        #expect(try await !domain.waitForState(.running, timeout: .milliseconds(50), pollInterval: .milliseconds(10)))
        try await domain.undefine()
    }

    @Test func undefineFallsBackWhenTheDriverRejectsAFlag() async throws {
        // The test driver knows neither VIR_DOMAIN_UNDEFINE_NVRAM nor CHECKPOINTS_METADATA.
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let name = TestWorld.uniqueName("fallback")
        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: name))
        let applied = try await domain.undefine()
        #expect(applied == [])
        await #expect(throws: LibvirtError.self) { _ = try await connection.domain(named: name) }
    }

    @Test(arguments: InterfaceAddressSource.allCases)
    func aStartedDomainHasAnAddressFromItsNetworksDHCPRange(source: InterfaceAddressSource) async throws {
        // A world of its own: the test driver derives the address from the domain's id, which
        // grows with every domain started in a world, and leaves the range once ids are large.
        let connection = try await LibvirtConnection.open(TestWorld.fixtureWorldURI)
        let mac = "52:54:00:9a:0b:0c"
        let domain = try await connection.defineDomain(
            xml: TestWorld.domainXML(name: "addressed", mac: mac, network: "fixture-net"))
        try await domain.start()
        let interfaces = try await domain.interfaceAddresses(source: source)

        #expect(interfaces.count == 1)
        let interface = try #require(interfaces.first)
        #expect(interface.hardwareAddress == mac)
        #expect(interface.addresses.count == 1)
        let address = try #require(interface.addresses.first)
        #expect(address.family == .ipv4)
        #expect(address.prefix == 24)
        let parts = address.address.split(separator: ".")
        #expect(parts.prefix(3) == ["10", "77", "0"])
        let host = try #require(parts.last.flatMap { Int($0) })
        #expect((100...200).contains(host), "fixture-net's DHCP range is 10.77.0.100-200")
    }

    @Test func readsTheOwnerRecordFromTheDomainsMetadata() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let namespace = "https://bluevirt.invalid/xmlns/owner/1"
        let xml = TestWorld.domainXML(name: TestWorld.uniqueName("owned")).replacingOccurrences(
            of: "<vcpu>",
            with: "<metadata><bv:owner xmlns:bv='\(namespace)' deployment='demo' instance='web-1'/></metadata><vcpu>")
        let domain = try await connection.defineDomain(xml: xml, validate: true)
        let owner = try #require(try await domain.metadata(namespaceURI: namespace))
        #expect(owner.contains("deployment=\"demo\""))
        #expect(owner.contains("instance=\"web-1\""))
        #expect(try await domain.metadata(namespaceURI: "https://bluevirt.invalid/xmlns/other") == nil)
        try await domain.undefine()
    }

    @Test func aRejectedDocumentCarriesLibvirtsCodeAndMessage() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let name = TestWorld.uniqueName("bogus")
        let error = await #expect(throws: LibvirtError.self) {
            _ = try await connection.defineDomain(xml: TestWorld.bogusDomainXML(name: name), validate: true)
        }
        #expect(error?.code == .xmlInvalidSchema)
        #expect(error?.operation == "virDomainDefineXMLFlags")
        #expect(error?.message.contains("Element domain has extra content: bogus") == true)
        #expect(error?.description.contains("virDomainDefineXMLFlags failed: ") == true)
        await #expect(throws: LibvirtError.self) { _ = try await connection.domain(named: name) }
    }

    @Test func withoutValidationLibvirtDropsUnknownElements() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let domain = try await connection.defineDomain(xml: TestWorld.bogusDomainXML(name: TestWorld.uniqueName("lax")))
        #expect(try await !domain.xmlDescription(inactive: true).contains("bogus"))
        try await domain.undefine()
    }

    @Test func malformedXMLIsAnXMLDetailError() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let error = await #expect(throws: LibvirtError.self) {
            _ = try await connection.defineDomain(xml: "<domain type='test'><name>x</name>", validate: true)
        }
        #expect(error?.code == .xmlDetail)
        #expect(error?.domain == .domainConfig)
    }

    @Test func destroyingAStoppedDomainIsAnInvalidOperation() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: TestWorld.uniqueName("off")))
        let error = await #expect(throws: LibvirtError.self) { try await domain.destroy() }
        #expect(error?.code == .operationInvalid)
        try await domain.undefine()
    }
}
