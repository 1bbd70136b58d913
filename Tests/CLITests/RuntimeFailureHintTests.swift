import Foundation
import Testing
import TestSupport

/// Failures of apply and run that said only what went wrong (libvirt's "Storage pool not found",
/// a domain task's "nothing to act on") name the step to take, and the step works.
@Suite struct RuntimeFailureHintTests {
    /// Runs `body` with the path of blueprint `name`.yaml, the libvirt plugin's, with
    /// `nodeTemplates`, and a state directory; both in a folder removed afterwards.
    private static func withBlueprint(_ name: String, nodeTemplates: String, _ body: (_ blueprint: String, _ state: String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-hint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let blueprint = folder.appendingPathComponent("\(name).yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/4.5/types.yaml
              - plugin:cloudify-libvirt-plugin
            node_templates:

            """.appending(nodeTemplates).write(toFile: blueprint, atomically: true, encoding: .utf8)
        try body(blueprint, folder.appendingPathComponent("state").path)
    }

    @Test func aVolumeInAPoolTheHostLacksSaysHowToGiveOne() throws {
        try Self.withBlueprint("vol", nodeTemplates: """
              disk:
                type: cloudify.libvirt.volume
                properties:
                  params: { pool: nosuchpool, name: d.qcow2, capacity: 1 }

            """) { blueprint, state in
            let applied = try BluevirtProcess.run(["apply", blueprint, "--simulate", "--state-dir", state])
            #expect(applied.status == 1)
            #expect(applied.standardError.contains("pool 'nosuchpool' not found on localhost, where the volume is to be made (params.pool, default 'default'); "
                + "name a pool the host has (virsh pool-list --all), or make one in the deployment: a cloudify.libvirt.pool node, named in 'pool' as "
                + "{ get_attribute: [NODE, resource_id] }, that the volume's node depends on (cloudify.relationships.depends_on)"), "\(applied.standardError)")
        }
    }

    /// The plugin's domain_tasks.suspend, mapped to an operation of the blueprint's own, on a
    /// domain gone from its host.
    @Test func aDomainTaskOnAVanishedDomainNamesHeal() throws {
        try Self.withBlueprint("dom", nodeTemplates: """
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: { wait_for_ip: false }
                interfaces:
                  lab.freeze:
                    pause: libvirt.cloudify_libvirt.domain_tasks.suspend

            """) { blueprint, state in
            let applied = try BluevirtProcess.run(["apply", blueprint, "--simulate", "--state-dir", state])
            try #require(applied.status == 0, "\(applied.standardError)")
            // The domain goes from the simulated host behind bluevirt's back.
            let world = URL(fileURLWithPath: state).appendingPathComponent("simulated/dom/qemu~3A~2F~2F~2Fsystem.xml")
            let text = try String(contentsOf: world, encoding: .utf8)
            let gone = text.replacing(/<domain type=[\s\S]*?<\/domain>\s*/, with: "")
            try #require(gone != text)
            try gone.write(to: world, atomically: true, encoding: .utf8)

            let operation = ["run", "execute_operation", "-d", "dom", "-p", "operation=lab.freeze.pause", "--state-dir", state]
            let failed = try BluevirtProcess.run(operation)
            #expect(failed.status == 1)
            #expect(failed.standardError.contains("domain 'dom-vm-1' on qemu:///system (simulated) does not exist, so domain_tasks.suspend has nothing to act on; "
                + "heal it: bluevirt run heal -d dom -p node_instance_id=vm-1"), "\(failed.standardError)")
            let healed = try BluevirtProcess.run(["run", "heal", "-d", "dom", "-p", "node_instance_id=vm-1", "--state-dir", state])
            #expect(healed.status == 0, "\(healed.standardError)")
            let again = try BluevirtProcess.run(operation)
            #expect(again.status == 0, "\(again.standardError)")
        }
    }
}
