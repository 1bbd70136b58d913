import Foundation
import Testing
import TestSupport

/// A domain task (the plugin's domain_tasks.suspend, mapped to an operation of the blueprint's
/// own) on a domain gone from its host said only that there was nothing to act on; it now names
/// the command that makes the domain again, and that command works.
@Suite struct MissingDomainTaskTests {
    @Test func aDomainTaskOnAVanishedDomainNamesHeal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-domain-task-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let blueprint = folder.appendingPathComponent("dom.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/4.5/types.yaml
              - plugin:cloudify-libvirt-plugin
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: { wait_for_ip: false }
                interfaces:
                  lab.freeze:
                    pause: libvirt.cloudify_libvirt.domain_tasks.suspend

            """.write(toFile: blueprint, atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state").path
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
