import Testing
@testable import LibvirtBackend

@Suite struct StorageTests {
    @Test func aDirPoolIsDefinedBuiltStartedRefreshedStoppedAndUndefined() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let name = TestWorld.uniqueName("pool")
        let pool = try await connection.defineStoragePool(xml: TestWorld.poolXML(name: name), validate: true)
        #expect(pool.name == name)
        try await pool.build()
        try await pool.start()
        try await pool.refresh()
        #expect(try await pool.isActive())
        #expect(try await connection.allStoragePools().contains { $0.name == name })
        #expect(try await pool.xmlDescription().contains("/nonexistent/\(name)"))

        try await pool.destroy()
        #expect(try await !pool.isActive())
        try await pool.undefine()
        let error = await #expect(throws: LibvirtError.self) { _ = try await connection.storagePool(named: name) }
        #expect(error?.code == .noStoragePool)
    }

    @Test func aVolumeIsCreatedFoundAndDeleted() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let pool = try await connection.defineStoragePool(xml: TestWorld.poolXML(name: TestWorld.uniqueName("vpool")))
        try await pool.start()
        let name = "\(TestWorld.uniqueName("disk")).qcow2"
        let volume = try await pool.createVolume(xml: TestWorld.volumeXML(name: name), validate: true)
        #expect(volume.name == name)
        #expect(try await volume.path() == "/nonexistent/\(pool.name)/\(name)")
        #expect(try await volume.xmlDescription().contains("<name>\(name)</name>"))
        #expect(try await pool.volume(named: name).name == name)
        #expect(try await pool.allVolumes().map(\.name) == [name])

        try await volume.delete()
        let error = await #expect(throws: LibvirtError.self) { _ = try await pool.volume(named: name) }
        #expect(error?.code == .noStorageVolume)
        try await pool.destroy()
        try await pool.undefine()
    }

    @Test func aVolumeWithoutATargetFailsLibvirtsSchema() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let pool = try await connection.storagePool(named: "default-pool")
        let xml = "<volume><name>\(TestWorld.uniqueName("untargeted"))</name><capacity>1024</capacity></volume>"
        let error = await #expect(throws: LibvirtError.self) { _ = try await pool.createVolume(xml: xml, validate: true) }
        #expect(error?.code == .xmlInvalidSchema)
        #expect(error?.message.contains("Expecting an element target") == true)
    }
}
