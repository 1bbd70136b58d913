import Foundation
import Testing
@testable import LibvirtBackend

@Suite struct TestWorldDocumentTests {
    private struct DomainSummary: Equatable {
        var uuid: String
        var state: DomainState
        var persistent: Bool
    }

    private func summaries(_ connection: LibvirtConnection) async throws -> [String: DomainSummary] {
        var result: [String: DomainSummary] = [:]
        for domain in try await connection.allDomains() {
            result[domain.name] = DomainSummary(
                uuid: domain.uuid, state: try await domain.state().state, persistent: try await domain.isPersistent())
        }
        return result
    }

    /// A description that reuses an earlier one's definition (after a start or a stop) says
    /// what a fresh one says; once the domain is defined again, the earlier definition is not used.
    @Test func aDomainDescribedAgainAfterAStartIsTheSameAsAFreshDescription() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let name = TestWorld.uniqueName("described")
        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: name))
        let defined = try #require(try await connection.testWorldDomain(named: name))
        #expect(defined.xml.contains("<test:runstate"))
        try await domain.start()
        #expect(defined.definition != nil)
        let reused = try #require(try await connection.testWorldDomain(named: name, reusing: defined.definition))
        let fresh = try #require(try await connection.testWorldDomain(named: name))
        #expect(reused == fresh)
        #expect(!reused.xml.contains("<test:runstate"))

        _ = try await connection.defineDomain(xml: TestWorld.domainXML(name: name)
            .replacingOccurrences(of: "<vcpu>1</vcpu>", with: "<uuid>\(domain.uuid)</uuid><vcpu>2</vcpu>"))
        let afterRedefinition = try #require(try await connection.testWorldDomain(named: name, reusing: defined.definition))
        #expect(afterRedefinition.xml.contains(">2</vcpu>"))
        #expect(afterRedefinition == (try await connection.testWorldDomain(named: name)))
        try await domain.destroy()
        try await domain.undefine()
    }

    /// The whole world written with definitions read earlier is the world written afresh, and
    /// one the process changed since (a snapshot taken, a revert) is read again.
    @Test func aWorldWrittenWithEarlierDefinitionsIsTheWorldWrittenAfresh() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.fixtureWorldURI)
        let name = TestWorld.uniqueName("whole")
        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: name, network: "fixture-net"))
        let defined = try #require(try await connection.testWorldDomain(named: name)?.definition)
        try await domain.start()
        #expect(try await connection.testWorldDocument(reusing: [name: defined]) == (try await connection.testWorldDocument()))

        var stale = defined
        stale.text = "<domain><name>\(name)</name><title>stale</title></domain>"
        #expect(try await connection.testWorldDocument(reusing: [name: stale]).contains("stale"))
        _ = try await domain.createSnapshot(xml: "<domainsnapshot><name>s1</name></domainsnapshot>")
        let afterSnapshot = try await connection.testWorldDocument(reusing: [name: stale])
        #expect(!afterSnapshot.contains("stale") && afterSnapshot.contains("<name>s1</name>"))
        let snapshotted = try #require(try await connection.testWorldDomain(named: name)?.definition)
        stale.count = snapshotted.count
        try await domain.revert(toSnapshot: "s1")
        #expect(!(try await connection.testWorldDocument(reusing: [name: stale]).contains("stale")))
    }

    @Test func anObjectsNameIsReadFromItsDefinitionWithReferencesResolved() {
        #expect(LibvirtConnection.name(in: "<domain><name>web-1</name></domain>") == "web-1")
        #expect(LibvirtConnection.name(in: "<network><name>a&amp;b &lt;&apos;x&apos;&gt;</name></network>") == "a&b <'x'>")
        #expect(LibvirtConnection.name(in: "<pool><uuid>x</uuid></pool>") == nil)
    }

    @Test func aWorldSurvivesBeingWrittenOutAndLoadedAgain() async throws {
        let original = try await LibvirtConnection.open(TestWorld.fixtureWorldURI)
        let namespace = "https://bluevirt.invalid/xmlns/owner/1"
        let stopped = try await original.defineDomain(xml: TestWorld.domainXML(name: "kept-off", network: "fixture-net")
            .replacingOccurrences(of: "<vcpu>", with: "<metadata><bv:owner xmlns:bv='\(namespace)' instance='off-1'/></metadata><vcpu>"))
        let running = try await original.defineDomain(xml: TestWorld.domainXML(name: "kept-on", network: "fixture-net"))
        try await running.start()
        let transient = try await original.defineDomain(xml: TestWorld.domainXML(name: "kept-transient", network: "fixture-net"))
        try await transient.start()
        try await transient.undefine()
        let network = try await original.defineNetwork(xml: TestWorld.networkXML(name: "kept-net", bridge: "keptbr0", subnet: 96))
        try await network.start()
        let pool = try await original.defineStoragePool(xml: TestWorld.poolXML(name: "kept-pool"))
        try await pool.start()
        _ = try await pool.createVolume(xml: TestWorld.volumeXML(name: "kept.qcow2"))

        let document = try await original.testWorldDocument()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-kept-\(UUID().uuidString).xml")
        try document.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let reloaded = try await LibvirtConnection.open("test://" + file.path)

        let before = try await summaries(original)
        #expect(before["kept-off"] == DomainSummary(uuid: stopped.uuid, state: .shutOff, persistent: true))
        #expect(before["kept-transient"]?.persistent == false)
        #expect(try await summaries(reloaded) == before)
        #expect(try await reloaded.domain(named: "kept-off").metadata(namespaceURI: namespace)?.contains("off-1") == true)
        #expect(Set(try await reloaded.allNetworks().map(\.name)) == ["fixture-net", "kept-net"])
        #expect(try await reloaded.network(named: "kept-net").uuid == network.uuid)
        let reloadedPool = try await reloaded.storagePool(named: "kept-pool")
        #expect(try await reloadedPool.allVolumes().map(\.name) == ["kept.qcow2"])
        #expect(try await reloaded.storagePool(named: "fixture-pool").allVolumes().map(\.name) == ["fixture-disk.img"])
    }
}
