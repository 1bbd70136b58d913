import Foundation
import Testing
import TestSupport

/// `node_instance_id` and `node_instance_index`, which every instance has without an operation
/// setting them (Cloudify's get_attribute answers them): in outputs, in a relationship
/// operation's inputs, in a libvirt object's parameters (so dry-run names the objects), and
/// overridden by a runtime property of the same name, as in Cloudify.
@Suite struct InstanceAttributeTests {
    private static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
          - plugin:cloudify-libvirt-plugin
        node_templates:
          worker:
            type: cloudify.libvirt.domain
            instances: { deploy: 2 }
            properties:
              agent_config: { install_method: none }
              params:
                name: { concat: [ worker, { get_attribute: [ SELF, node_instance_index ] } ] }
                domain_type: kvm
                memory_size: 262144
          own:
            type: cloudify.nodes.Root
            instances: { deploy: 2 }
            interfaces:
              cloudify.interfaces.lifecycle:
                create: scripts/override.sh
          n:
            type: cloudify.nodes.Root
            relationships:
              - type: cloudify.relationships.connected_to
                target: worker
                source_interfaces:
                  cloudify.interfaces.relationship_lifecycle:
                    establish:
                      implementation: scripts/record.sh
                      inputs:
                        source: { get_attribute: [ SOURCE, node_instance_id ] }
                        target: { get_attribute: [ TARGET, node_instance_index ] }
        outputs:
          ids: { value: { get_attributes_list: [ worker, node_instance_id ] } }
          indexes: { value: { get_attributes_list: [ worker, node_instance_index ] } }
          by_id: { value: { get_attributes_dict: [ worker, node_instance_index ] } }
          overridden: { value: { get_attributes_list: [ own, node_instance_id ] } }
          link: { value: { get_attribute: [ n, link ] } }
        """

    @Test func everyInstanceHasItsIdAndIndex() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-instattr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("attrs.yaml")
        try Self.blueprint.write(to: blueprint, atomically: true, encoding: .utf8)
        let scripts = [
            "override.sh": "#!/bin/sh\nset -eu\nctx instance runtime-properties node_instance_id \"mine-$(ctx instance id)\"\n",
            "record.sh": "#!/bin/sh\nset -eu\nctx source instance runtime-properties link \"$source/$target\"\n",
        ]
        for (name, text) in scripts {
            let script = folder.appendingPathComponent("scripts/\(name)")
            try text.write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }

        let dryRun = try BluevirtProcess.run(["dry-run", blueprint.path])
        #expect(dryRun.status == 0, "\(dryRun.standardOutput)\(dryRun.standardError)")
        #expect(dryRun.standardOutput.contains("<name>worker1</name>") && dryRun.standardOutput.contains("<name>worker2</name>"),
                "\(dryRun.standardOutput)")

        let state = folder.appendingPathComponent("state")
        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state.path])
        #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")
        let outputs = try BluevirtProcess.run(["outputs", "-d", "attrs", "--state-dir", state.path, "--json"])
        let values = try #require(try JSONSerialization.jsonObject(with: Data(outputs.standardOutput.utf8)) as? [String: Any])
        #expect(values["ids"] as? [String] == ["worker-1", "worker-2"])
        #expect(values["indexes"] as? [Int] == [1, 2])
        #expect(values["by_id"] as? [String: [String: Int]] == ["worker-1": ["node_instance_index": 1], "worker-2": ["node_instance_index": 2]])
        #expect(values["overridden"] as? [String] == ["mine-own-1", "mine-own-2"], "a runtime property of the name comes first")
        // n-1 is connected to both workers; the establish of each records its own.
        #expect(["n-1/1", "n-1/2"].contains(values["link"] as? String ?? ""), "\(values)")
    }
}
