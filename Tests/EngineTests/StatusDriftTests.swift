import Engine
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
}
