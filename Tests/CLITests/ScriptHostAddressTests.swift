import Foundation
import Testing
import TestSupport

/// Cloudify's `host_ip`, as the nodecellar example reads it (`ctx target instance host_ip`,
/// `ctx.source.instance.host_ip`): the address of the compute instance that hosts a node
/// instance through contained_in, through the built binary on the simulated hypervisor.
@Suite struct ScriptHostAddressTests {
    private static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
        node_templates:
          host:
            type: cloudify.nodes.Compute
            properties:
              ip: 10.0.0.7
              agent_config: {install_method: none}
          db:
            type: cloudify.nodes.DBMS
            relationships:
              - {type: cloudify.relationships.contained_in, target: host}
          app:
            type: cloudify.nodes.ApplicationModule
            interfaces:
              cloudify.interfaces.lifecycle:
                create: scripts/own.py
            relationships:
              - type: cloudify.relationships.connected_to
                target: db
                source_interfaces:
                  cloudify.interfaces.relationship_lifecycle:
                    preconfigure: scripts/link.sh
        outputs:
          own: {value: {get_attribute: [app, own_host_ip]}}
          db_host: {value: {get_attribute: [app, db_host_ip]}}
        """

    @Test func aScriptReadsTheAddressOfTheComputeThatHostsAnInstance() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-hostip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("shop.yaml")
        try Self.blueprint.write(to: blueprint, atomically: true, encoding: .utf8)
        let scripts = [
            ("link.sh", "#!/bin/sh\nset -eu\nctx source instance runtime-properties db_host_ip \"$(ctx target instance host_ip)\"\n"),
            ("own.py", "from cloudify import ctx\nctx.instance.runtime_properties['own_host_ip'] = str(ctx.instance.host_ip)\n"),
        ]
        for (name, text) in scripts {
            try text.write(to: folder.appendingPathComponent("scripts/\(name)"), atomically: true, encoding: .utf8)
        }
        let state = folder.appendingPathComponent("state")
        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state.path])
        #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")
        let outputs = try BluevirtProcess.run(["outputs", "-d", "shop", "--state-dir", state.path, "--json"])
        let values = try #require(try JSONSerialization.jsonObject(with: Data(outputs.standardOutput.utf8)) as? [String: Any])
        #expect(values["db_host"] as? String == "10.0.0.7", "db is contained in host, whose property ip is its address")
        #expect(values["own"] as? String == "None", "app is hosted by no compute instance: host_ip is None")
    }
}
