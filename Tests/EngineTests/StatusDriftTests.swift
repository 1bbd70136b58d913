@testable import Engine
import Foundation
import LibvirtBackend
import StateStore
import Testing

/// `status` tells an object bluevirt made from one of the same name that another hand defined:
/// only bluevirt's carry the instance's metadata.
@Suite struct StatusDriftTests {
    @Test func anObjectWithoutTheInstancesMetadataHasChangedOutsideBluevirt() async throws {
        let pool = LibvirtConnectionPool()
        let connection = try await pool.connection(for: "test:///default")
        let suffix = UUID().uuidString.prefix(8)
        let ours = "ours-\(suffix)", theirs = "theirs-\(suffix)"
        for (name, metadata) in [(ours, "<metadata><bluevirt:instance xmlns:bluevirt='https://bluevirt.dev/xmlns/instance/1' deployment='drift' instance='web-1'/></metadata>"),
                                 (theirs, "")] {
            _ = try await connection.defineDomain(xml: "<domain type='test'><name>\(name)</name>\(metadata)<memory>65536</memory><os><type>hvm</type></os></domain>")
        }
        func record(_ instance: String, object: String) -> NodeInstanceRecord {
            NodeInstanceRecord(deployment: "drift", instanceID: instance, nodeName: "web", type: "cloudify.libvirt.domain",
                               connectionURI: "test:///default", objectKind: "domain", objectName: object, state: .created)
        }
        // web-3's create ran and its configure not yet: as in the plugin, no domain is defined then.
        let statuses = await InstanceStatus.inspect([record("web-1", object: ours), record("web-2", object: theirs),
                                                     record("web-3", object: "unconfigured-\(suffix)")], connections: pool)
        #expect(statuses.map(\.drift) == [nil, InstanceStatus.changedOutside, nil])
        for name in [ours, theirs] { try await connection.domain(named: name).undefine() }
    }

    /// libvirt gives a name outside ASCII back as character references (`é` as `&#xE9;`): the
    /// instance is still recognised as bluevirt's, and a search by metadata names it as written.
    @Test func namesOutsideASCIIAreReadBackAsWritten() async throws {
        // A world of its own: a search lists every domain, and other tests come and go in test:///default's.
        let world = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-unicode-\(UUID().uuidString).xml")
        try "<node>\n</node>\n".write(to: world, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: world) }
        let uri = "test://" + world.path
        let pool = LibvirtConnectionPool()
        let connection = try await pool.connection(for: uri)
        let object = "unicode-\(UUID().uuidString.prefix(8))"
        _ = try await connection.defineDomain(xml: """
            <domain type='test'><name>\(object)</name><metadata><bluevirt:instance xmlns:bluevirt='https://bluevirt.dev/xmlns/instance/1' \
            deployment='dé' node='vmé_日本' instance='vmé_日本-1'/></metadata><memory>65536</memory><os><type>hvm</type></os></domain>
            """)
        let record = NodeInstanceRecord(deployment: "dé", instanceID: "vmé_日本-1", nodeName: "vmé_日本", type: "cloudify.libvirt.domain",
                                        connectionURI: uri, objectKind: "domain", objectName: object, state: .created)
        let statuses = await InstanceStatus.inspect([record], connections: pool)
        #expect(statuses.map(\.drift) == [nil])
        let found = try await MetadataSearch.records(deployment: "dé", uris: [uri], connections: pool)
        #expect(found.map(\.nodeName) == ["vmé_日本"])
        #expect(found.map(\.instanceID) == ["vmé_日本-1"])
        try await connection.domain(named: object).undefine()
    }
}
