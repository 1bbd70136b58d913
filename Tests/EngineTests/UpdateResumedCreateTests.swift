@testable import Engine
import Foundation
import StateStore
import Testing

/// An apply of a deployment applied before goes by the update path; an instance a killed run
/// left `creating` (its create cut off) or `deleting` (its delete cut off) still has its own
/// object in the world. Its create runs again and takes that object over or makes it again:
/// a volume filled from an image is made again, not refused as "already exists … not made by
/// this deployment" (the update forgets the instance before its create runs).
@Suite struct UpdateResumedCreateTests {
    static let blueprint = pluginBlueprint("""
        node_templates:
          images:
            type: cloudify.libvirt.pool
            properties:
              params: { path: /var/lib/bluevirt-resumed-create-test }
          disk:
            type: cloudify.libvirt.volume
            properties:
              params:
                pool: { get_attribute: [ images, resource_id ] }
                format: qcow2
                url: http://127.0.0.1:9/base.qcow2
            relationships:
              - { type: cloudify.relationships.depends_on, target: images }
        """)

    @Test(arguments: [NodeInstanceState.creating, .deleting])
    func aVolumeFromAnImageLeftMidwayIsMadeAgainByTheNextApply(_ leftIn: NodeInstanceState) async throws {
        let deployment = try UpdateTests.Deployment(Self.blueprint)
        let first = try await deployment.apply()
        #expect(first.result == .applied, "\(first.failures)")
        #expect(deployment.world.contains("upd-disk-1"), "\(deployment.world)")

        // As a later run killed in the volume's create (or delete) leaves it: the create not
        // finished, the volume still in the simulated world.
        let store = try deployment.store()
        try store.forgetSteps(deployment: deployment.name, keys: ["disk-1/create"])
        try store.setState(leftIn, deployment: deployment.name, instances: ["disk-1"])

        deployment.events.clear()
        let again = try await deployment.apply()
        #expect(again.result == .applied, "\(again.failures)")
        #expect(deployment.events.finishedSteps.contains("disk-1/create"), "\(deployment.events.finishedSteps)")
        #expect(try deployment.record("disk-1").state == .started)
        #expect(deployment.world.contains("upd-disk-1"), "\(deployment.world)")
    }
}
