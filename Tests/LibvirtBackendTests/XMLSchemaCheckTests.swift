import Testing
@testable import LibvirtBackend

@Suite struct XMLSchemaCheckTests {
    @Test func acceptsAGoodDomainAndLeavesNothingBehind() async throws {
        let check = try await XMLSchemaCheck.open()
        let xml = TestWorld.domainXML(name: "web-1")
        #expect(try await check.check(xml, kind: .domain) == nil)
        // A leftover definition would make the second define clash on the name.
        #expect(try await check.check(xml, kind: .domain) == nil)
    }

    @Test func rejectsADomainWithABogusElementWithLibvirtsMessage() async throws {
        let check = try await XMLSchemaCheck.open()
        let rejection = try #require(try await check.check(TestWorld.bogusDomainXML(name: "web-1"), kind: .domain))
        #expect(rejection.error.code == .xmlInvalidSchema)
        #expect(rejection.reasons == ["Element domain has extra content: bogus"])
    }

    @Test func checksNetworksPoolsAndVolumes() async throws {
        let check = try await XMLSchemaCheck.open()
        let network = TestWorld.networkXML(name: "lan", bridge: "bvlan0", subnet: 93)
        #expect(try await check.check(network, kind: .network) == nil)
        let badNetwork = network.replacingOccurrences(of: "<bridge", with: "<bridges")
        #expect(try await check.check(badNetwork, kind: .network)?.error.code == .xmlInvalidSchema)

        let pool = TestWorld.poolXML(name: "images")
        #expect(try await check.check(pool, kind: .pool) == nil)
        let badPool = pool.replacingOccurrences(of: "type='dir'", with: "type='floppy'")
        #expect(try await check.check(badPool, kind: .pool) != nil)

        let volume = TestWorld.volumeXML(name: "disk.qcow2")
        #expect(try await check.check(volume, kind: .volume) == nil)
        #expect(try await check.check(volume, kind: .volume) == nil)
        let badVolume = volume.replacingOccurrences(of: "<capacity", with: "<bogus/><capacity")
        #expect(try await check.check(badVolume, kind: .volume)?.error.code == .xmlInvalidSchema)
    }

    @Test func reasonsAreLibvirtsLinesAfterThePreambleOrTheWholeMessage() async throws {
        let check = try await XMLSchemaCheck.open()
        let untargeted = "<volume><name>disk.img</name><capacity>1024</capacity></volume>"
        let schema = try #require(try await check.check(untargeted, kind: .volume))
        #expect(schema.reasons.first == "Expecting an element target, got nothing")
        #expect(!schema.reasons.contains { $0.contains("Unable to validate doc") })

        // Schema-valid but refused by libvirt's parser: no preamble, the message is the reason.
        let network = TestWorld.networkXML(name: "lan", bridge: "bvlan1", subnet: 97)
            .replacingOccurrences(of: "10.97.0.99", with: "10.98.0.99")
        let semantic = try #require(try await check.check(network, kind: .network))
        #expect(semantic.error.code != .xmlInvalidSchema)
        #expect(semantic.reasons == [semantic.error.message])
    }

    @Test func documentsNamedLikeTheDefaultWorldsObjectsAreCheckedInIsolation() async throws {
        let check = try await XMLSchemaCheck.open()
        #expect(try await check.check(TestWorld.domainXML(name: "test"), kind: .domain) == nil)
        #expect(try await check.check(TestWorld.networkXML(name: "default", bridge: "bvdef0", subnet: 94), kind: .network) == nil)
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        #expect(try await connection.domain(named: "test").state().state == .running)
    }

    @Test func concurrentChecksOfSameNamedDocumentsDoNotCollide() async throws {
        let check = try await XMLSchemaCheck.open()
        let xml = TestWorld.domainXML(name: "same-name")
        let rejections = try await withThrowingTaskGroup(of: XMLSchemaRejection?.self) { group in
            for _ in 0..<40 { group.addTask { try await check.check(xml, kind: .domain) } }
            return try await group.reduce(into: [XMLSchemaRejection?]()) { $0.append($1) }
        }
        #expect(rejections.count == 40)
        #expect(rejections.allSatisfy { $0 == nil })
    }
}
