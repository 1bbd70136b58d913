import Foundation
import Testing
import TestSupport

/// Cloudify's `host_ip`, as the nodecellar example reads it (`ctx target instance host_ip`,
/// `ctx.source.instance.host_ip`): the address of the compute instance that hosts a node
/// instance through contained_in, through the built binary on the simulated hypervisor; and
/// `execution_id` and `task_name` beside it.
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
          execution_sh: {value: {get_attribute: [app, execution_sh]}}
          execution_py: {value: {get_attribute: [app, execution_py]}}
          task_py: {value: {get_attribute: [app, task_py]}}
          own_sh: {value: {get_attribute: [app, own_sh]}}
        """

    @Test func aScriptReadsTheAddressOfTheComputeThatHostsAnInstance() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-hostip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("shop.yaml")
        try Self.blueprint.write(to: blueprint, atomically: true, encoding: .utf8)
        let scripts = [
            ("link.sh", """
                #!/bin/sh
                set -eu
                ctx source instance runtime-properties db_host_ip "$(ctx target instance host_ip)"
                ctx source instance runtime-properties execution_sh "$(ctx execution_id)"
                ctx source instance runtime-properties own_sh "host:$(ctx source instance host_ip)"
                """),
            ("own.py", """
                from cloudify import ctx
                ctx.instance.runtime_properties['own_host_ip'] = str(ctx.instance.host_ip)
                ctx.instance.runtime_properties['execution_py'] = ctx.execution_id
                ctx.instance.runtime_properties['task_py'] = ctx.task_name
                """),
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
        #expect(values["own_sh"] as? String == "host:", "ctx prints nothing for None, as Cloudify's ctx client")
        let execution = try #require(values["execution_py"] as? String)
        #expect(Int(execution) != nil, "the execution's number, as bluevirt history shows it: \(execution)")
        // ctx stores a value that parses as JSON as that value: the number.
        #expect(values["execution_sh"] as? Int == Int(execution))
        #expect(values["task_py"] as? String == "script_runner.tasks.run")
    }
}
