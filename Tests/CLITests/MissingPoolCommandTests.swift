import Foundation
import Testing
import TestSupport

/// A volume in a pool its host does not have: apply stopped with libvirt's "Storage pool not
/// found", which names no step. It now says which parameter names the pool and how to make it.
@Suite struct MissingPoolCommandTests {
    @Test func aVolumeInAPoolTheHostLacksSaysHowToGiveOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-pool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let blueprint = folder.appendingPathComponent("vol.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/4.5/types.yaml
              - plugin:cloudify-libvirt-plugin
            node_templates:
              disk:
                type: cloudify.libvirt.volume
                properties:
                  params: { pool: nosuchpool, name: d.qcow2, capacity: 1 }

            """.write(toFile: blueprint, atomically: true, encoding: .utf8)
        let applied = try BluevirtProcess.run(["apply", blueprint, "--simulate", "--state-dir", folder.appendingPathComponent("state").path])
        #expect(applied.status == 1)
        #expect(applied.standardError.contains("pool 'nosuchpool' not found on localhost, where the volume is to be made (params.pool, default 'default'); "
            + "name a pool the host has (virsh pool-list --all), or make one in the deployment: a cloudify.libvirt.pool node, named in 'pool' as "
            + "{ get_attribute: [NODE, resource_id] }, that the volume's node depends on (cloudify.relationships.depends_on)"), "\(applied.standardError)")
    }
}
