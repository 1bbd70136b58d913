import Testing
import YAMLSource
@testable import Blueprint

/// The built-in utilities and fabric plugins as a blueprint sees them: their types and tasks are
/// known once imported, and the utilities types bluevirt leaves out say why.
@Suite struct UtilitiesPluginTypesTests {
    @Test func theExamplesTypesAndTasksAreKnownOnceImported() {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("lab.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/4.6/types.yaml
              - plugin:cloudify-utilities-plugin?version= >=1.15.3
              - http://www.getcloudify.org/spec/fabric-plugin/1.5.1/plugin.yaml
            node_templates:
              key:
                type: cloudify.keys.nodes.RSAKey
                properties: { use_secret_store: false, resource_config: { private_key_path: /tmp/key } }
              config:
                type: cloudify.nodes.CloudInit.CloudConfig
              terminal:
                type: cloudify.terminal.raw
                properties: { terminal_auth: { user: admin, ip: 192.0.2.1 } }
              app:
                type: cloudify.nodes.WebServer
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: { implementation: fabric.fabric_plugin.tasks.run_commands, inputs: { commands: [ uptime ] } }
                    start: terminal.cloudify_terminal.tasks.run
            """)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let blueprint = loaded.blueprint
        #expect(blueprint?.nodeTemplates["key"]?.typeHierarchy.contains("cloudify.nodes.keys.RSAKey") == true)
        #expect(blueprint?.nodeTemplates["config"]?.interfaces["cloudify.interfaces.lifecycle"]?.operations["configure"]?.implementation
                == "cloudinit.cloudify_cloudinit.tasks.update")
    }

    @Test func aUtilitiesTypeThatIsLeftOutSaysWhy() throws {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("lab.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - bluevirt:cloudify
              - plugin:cloudify-utilities-plugin
            node_templates:
              proxy:
                type: cloudify.nodes.DeploymentProxy
              call:
                type: cloudify.rest.Requests
            """)
        let problems = loaded.diagnostics.filter { $0.code == .unknownNodeType }
        #expect(problems.count == 2)
        let notes = problems.flatMap { $0.notes.map(\.message) }
        #expect(notes.contains { $0.contains("'cloudify.nodes.DeploymentProxy' is one of Cloudify's types that bluevirt leaves out") && $0.contains("Cloudify manager") })
        #expect(notes.contains { $0.contains("'cloudify.rest.Requests' is one of Cloudify's types that bluevirt leaves out") && $0.contains("script of your own") })
    }
}
