import Testing
@testable import LibvirtBackend

@Suite struct ConnectionTests {
    @Test func opensTheDefaultTestWorldAndDescribesTheHost() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        #expect(connection.uri == TestWorld.defaultURI)
        #expect(try await connection.driverType() == "TEST")
        #expect(try await !connection.hostname().isEmpty)
        let capabilities = try await connection.capabilities()
        #expect(capabilities.contains("<capabilities>"))
        #expect(capabilities.contains("<host>") && capabilities.contains("<guest>"))
    }

    @Test func allConnectionsToTestDefaultShareOneWorld() async throws {
        let first = try await LibvirtConnection.open(TestWorld.defaultURI)
        let second = try await LibvirtConnection.open(TestWorld.defaultURI)
        let name = TestWorld.uniqueName("shared")
        let defined = try await first.defineDomain(xml: TestWorld.domainXML(name: name))
        let seen = try await second.domain(named: name)
        #expect(seen.uuid == defined.uuid)
        try await defined.undefine()
    }

    @Test func opensAWorldFromAnAbsolutePathNodeDocument() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.fixtureWorldURI)
        let domains = try await connection.allDomains().map(\.name)
        #expect(domains == ["fixture-guest"])
        #expect(try await connection.domain(named: "fixture-guest").state().state == .running)
        #expect(try await connection.allNetworks().map(\.name) == ["fixture-net"])
        let pool = try await connection.storagePool(named: "fixture-pool")
        #expect(try await pool.allVolumes().map(\.name) == ["fixture-disk.img"])
    }

    @Test func eachFileWorldConnectionIsAWorldOfItsOwn() async throws {
        let first = try await LibvirtConnection.open(TestWorld.fixtureWorldURI)
        let second = try await LibvirtConnection.open(TestWorld.fixtureWorldURI)
        try await first.domain(named: "fixture-guest").destroy()
        #expect(try await first.domain(named: "fixture-guest").state().state == .shutOff)
        #expect(try await second.domain(named: "fixture-guest").state().state == .running)
    }

    @Test func aWorldFileThatDoesNotExistIsATypedError() async throws {
        let error = await #expect(throws: LibvirtError.self) {
            _ = try await LibvirtConnection.open("test:///nonexistent/bluevirt/world.xml")
        }
        #expect(error?.operation == "virConnectOpenAuth")
        #expect(error?.message.contains("/nonexistent/bluevirt/world.xml") == true)
    }

    @Test func thePoolOpensOneConnectionPerURIForAllTasks() async throws {
        let pool = LibvirtConnectionPool()
        let connections = try await withThrowingTaskGroup(of: LibvirtConnection.self) { group in
            for _ in 0..<20 {
                group.addTask { try await pool.connection(for: TestWorld.fixtureWorldURI) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(connections.count == 20)
        #expect(connections.allSatisfy { $0 === connections[0] })
        let other = try await pool.connection(for: TestWorld.defaultURI)
        #expect(other !== connections[0])
        #expect(Set(await pool.uris) == [TestWorld.fixtureWorldURI, TestWorld.defaultURI])

        await pool.removeAll()
        #expect(await pool.uris.isEmpty)
        let reopened = try await pool.connection(for: TestWorld.fixtureWorldURI)
        #expect(reopened !== connections[0])
    }

    @Test func thePoolForgetsAFailedOpenSoALaterRequestRetries() async throws {
        let pool = LibvirtConnectionPool()
        let uri = "test:///nonexistent/bluevirt/world.xml"
        await #expect(throws: LibvirtError.self) { _ = try await pool.connection(for: uri) }
        #expect(await pool.uris.isEmpty)
    }
}
