import Foundation
import Testing
import TestSupport

/// The utilities plugin's configuration loader through `bluevirt apply --simulate` and `run`:
/// the loader's parameters in its `params` runtime property, copied by load_from_config into
/// the nodes that list them, and its configuration_update workflow. The expected values are
/// what the plugin's own functions (cloudify_configuration/tasks.py, 2.0.7) give for the same
/// calls, run with cloudify-common 7.0.5.
@Suite struct ConfigurationLoaderCommandTests {
    static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.0/types.yaml
          - plugin:cloudify-utilities-plugin
        inputs:
          parameters_json:
            default:
              RoutePublic: Public
              RouteVoice: true
              Nested: {a: 1, b: 2}
        node_types:
          router:
            derived_from: cloudify.nodes.Root
            properties:
              params_list: {default: []}
              params: {default: {}}
        node_templates:
          configuration:
            type: cloudify.nodes.ConfigurationLoader
            properties:
              parameters_json: { get_input: parameters_json }
          edge:
            type: router
            properties:
              params_list: [RoutePublic, JpPrimary, Nested]
              params: {JpPrimary: true}
            interfaces:
              cloudify.interfaces.lifecycle:
                is_alive: alive.sh
                update: update.sh
            relationships:
              - type: load_from_config
                target: configuration
          voice:
            type: router
            properties:
              params_list: [RouteVoice]
            interfaces:
              cloudify.interfaces.lifecycle:
                update: update.sh
            relationships:
              - type: cloudify.relationships.load_from_config
                target: configuration
        outputs:
          loader:
            value: { get_attribute: [configuration, params] }
          edge:
            value: { get_attribute: [edge, params] }
          voice_diff:
            value: { get_attribute: [voice, params, diff_params] }

        """

    /// A deployment of the blueprint, applied on the simulated hypervisor; its outputs.
    private static func deployment() throws -> (common: [String], outputs: [String: Any]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try blueprint.write(to: directory.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        for (name, text) in [("alive.sh", "echo \"alive $(ctx instance id)\"\n"),
                             ("update.sh", "echo \"update $(ctx instance id) diff $(ctx instance runtime-properties params.diff_params)\"\n")] {
            let script = directory.appendingPathComponent(name)
            try ("#!/bin/sh\n" + text).write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }
        let common = ["-d", "cpe", "--state-dir", directory.appendingPathComponent("state").path]
        let applied = try BluevirtProcess.run(["apply", directory.appendingPathComponent("config.yaml").path, "--simulate"] + common)
        try #require(applied.status == 0, "\(applied.standardError)")
        #expect(applied.standardError.contains("Show diff params for instance edge-1: ['RoutePublic', 'Nested', 'JpPrimary']"), "\(applied.standardError)")
        // The plugin's log line, to the character: keys in the blueprint's order, as Python's dicts keep it.
        #expect(applied.standardError.contains(
            "Show params for instance edge-1: {'RoutePublic': 'Public', 'Nested': {'a': 1, 'b': 2}, 'JpPrimary': True, 'old_params': {'old_params': {}}, 'diff_params': ['RoutePublic', 'Nested', 'JpPrimary']}"),
            "\(applied.standardError)")
        // is_alive, which configuration_update runs, is no misspelt lifecycle operation.
        #expect(!applied.standardError.contains("[BV0141]"), "\(applied.standardError)")
        return (common, try outputs(common))
    }

    private static func outputs(_ common: [String]) throws -> [String: Any] {
        let outputs = try BluevirtProcess.run(["outputs", "--json"] + common)
        return try #require(try JSONSerialization.jsonObject(with: Data(outputs.standardOutput.utf8)) as? [String: Any], "\(outputs.standardError)")
    }

    @Test func installKeepsTheParametersInTheLoaderAndCopiesTheListedOnesToTheNodesThatLoadFromIt() throws {
        let (_, outputs) = try Self.deployment()
        #expect(outputs["loader"] as? NSDictionary == ["RoutePublic": "Public", "RouteVoice": true, "Nested": ["a": 1, "b": 2]])
        #expect(outputs["edge"] as? NSDictionary == [
            "RoutePublic": "Public", "Nested": ["a": 1, "b": 2], "JpPrimary": true,
            "old_params": ["old_params": [String: Any]()], "diff_params": ["RoutePublic", "Nested", "JpPrimary"],
        ])
        #expect(outputs["voice_diff"] as? [String] == ["RouteVoice"])
    }

    @Test func configurationUpdateUpdatesTheLoaderAndTheNodesThatListAChangedParameter() throws {
        let (common, _) = try Self.deployment()
        let run = try BluevirtProcess.run(["run", "configuration_update", "-p", "configuration_node_id=configuration", "-p", "node_types_to_update=[router]",
                                           "-p", #"params={"RoutePublic": "Private", "Nested": {"b": 3}}"#] + common)
        #expect(run.status == 0, "\(run.standardError)")
        // voice lists none of the new parameters: neither its preconfigure nor its update runs.
        #expect(run.standardOutput.contains("workflow 'configuration_update' of deployment 'cpe' completed: 4 operations run"), "\(run.standardOutput)")
        #expect(run.standardError.contains("alive edge-1"), "\(run.standardError)")
        #expect(run.standardError.contains(#"update edge-1 diff ["RoutePublic","Nested"]"#), "\(run.standardError)")
        #expect(!run.standardError.contains("update voice-1"), "\(run.standardError)")
        #expect(run.standardError.contains(
            "Show old params for instance edge-1: {'RoutePublic': 'Public', 'Nested': {'a': 1, 'b': 2}, 'JpPrimary': True, 'old_params': {}, 'diff_params': ['RoutePublic', 'Nested', 'JpPrimary']}"),
            "\(run.standardError)")

        let outputs = try Self.outputs(common)
        // merge_dict is passed as the plugin passes it, to an operation that reads merge_dicts: Nested is replaced.
        #expect(outputs["loader"] as? NSDictionary == ["RoutePublic": "Private", "RouteVoice": true, "Nested": ["b": 3]])
        #expect(outputs["edge"] as? NSDictionary == [
            "RoutePublic": "Private", "Nested": ["b": 3], "JpPrimary": true, "diff_params": ["RoutePublic", "Nested"],
            "old_params": ["RoutePublic": "Public", "Nested": ["a": 1, "b": 2], "JpPrimary": true, "old_params": [String: Any](),
                           "diff_params": ["RoutePublic", "Nested", "JpPrimary"]],
        ])
        #expect(outputs["voice_diff"] as? [String] == ["RouteVoice"])

        let history = try BluevirtProcess.run(["history", "--json"] + common)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        let steps = (entries.last?["steps"] as? [[String: Any]])?.map { $0["step"] as? String }
        #expect(steps == ["edge-1/cloudify.interfaces.lifecycle.is_alive", "configuration-1/cloudify.interfaces.lifecycle.configure",
                          "edge-1/preconfigure/target/0/configuration-1", "edge-1/cloudify.interfaces.lifecycle.update"], "\(String(describing: steps))")
        // The loader's configure is no lifecycle step: it stays started.
        let status = try BluevirtProcess.run(["status", "--json"] + common)
        #expect(!status.standardOutput.contains("\"configured\""), "\(status.standardOutput)")
    }

    @Test func configurationUpdateRefusesAnUnknownLoaderOrParamsThatAreNoDictBeforeAnythingRuns() throws {
        let (common, _) = try Self.deployment()
        // The default configuration_node_id, configuration_loader, names no node here.
        let loader = try BluevirtProcess.run(["run", "configuration_update", "-p", "node_types_to_update=[router]", "-p", "params={RoutePublic: x}"] + common)
        #expect(loader.status == 1)
        #expect(loader.standardError.contains("configuration_node_id names 'configuration_loader', which is no node of the deployment [BV0876]"), "\(loader.standardError)")
        #expect(loader.standardError.contains("the configuration loaders: configuration"), "\(loader.standardError)")

        let params = try BluevirtProcess.run(["run", "configuration_update", "-p", "configuration_node_id=configuration", "-p", "params=[1, 2]"] + common)
        #expect(params.status == 1)
        #expect(params.standardError.contains("parameter 'params' of configuration_update is [1,2], but it must be a dict, or its JSON text [BV0873]"),
                "\(params.standardError)")

        let history = try BluevirtProcess.run(["history", "--json"] + common)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["workflow"] as? String } == ["install"])
        // node_types_to_update left at the plugin's defaults (its vCPE types): the loader alone takes the parameters, as in the plugin, and a note says so.
        let defaults = try BluevirtProcess.run(["run", "configuration_update", "-p", "configuration_node_id=configuration", "-p", "params={RoutePublic: x}"] + common)
        #expect(defaults.status == 0, "\(defaults.standardError)")
        #expect(defaults.standardOutput.contains("completed: 1 operation run"), "\(defaults.standardOutput)")
        #expect(defaults.standardError.contains("configuration_update gave the new parameters to 'configuration' only: no node of the types of node_types_to_update (juniper_node_config, fortinet_vnf_type) loads from it"),
                "\(defaults.standardError)")
    }

    @Test func theUtilitiesPluginsWorkflowsBluevirtLeavesOutSayWhyAndWhatToRunInstead() throws {
        let (common, _) = try Self.deployment()
        let scale = try BluevirtProcess.run(["run", "scaleuplist"] + common)
        #expect(scale.status == 1)
        #expect(scale.standardError.contains("the blueprint has no workflow 'scaleuplist' [BV0870]"), "\(scale.standardError)")
        #expect(scale.standardError.contains("'scaleuplist' is a workflow of the utilities plugin that bluevirt leaves out: it works through a Cloudify manager's REST API"),
                "\(scale.standardError)")
        let start = try BluevirtProcess.run(["run", "alt_start"] + common)
        #expect(start.standardError.contains("bluevirt's execute_operation runs it (-p operation=cloudify.interfaces.lifecycle.start)"), "\(start.standardError)")
    }

    @Test func theOldLoaderTypeReadsJSONTextAndLogsItsDeprecationAndAnEmptyConfigurationFailsAsInThePlugin() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func apply(_ properties: String) throws -> (status: Int32, standardError: String, common: [String]) {
            let file = directory.appendingPathComponent("old-\(UUID().uuidString).yaml")
            try """
                tosca_definitions_version: cloudify_dsl_1_3
                imports: [http://www.getcloudify.org/spec/cloudify/4.1/types.yaml, plugin:cloudify-utilities-plugin]
                node_templates:
                  configuration:
                    type: configuration_loader
                    \(properties)
                outputs:
                  params: {value: {get_attribute: [configuration, params]}}

                """.write(to: file, atomically: true, encoding: .utf8)
            let common = ["-d", "old", "--state-dir", directory.appendingPathComponent("state-\(UUID().uuidString)").path]
            let applied = try BluevirtProcess.run(["apply", file.path, "--simulate"] + common)
            return (applied.status, applied.standardError, common)
        }
        let text = try apply(#"properties: {parameters_json: '{"a": {"b": 1}}'}"#)
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardError.contains("[error] The node type configuration_loader is deprecated, please update your blueprint to use cloudify.nodes.ConfigurationLoader."),
                "\(text.standardError)")
        #expect(try Self.outputs(text.common)["params"] as? NSDictionary == ["a": ["b": 1]])

        let empty = try apply("properties: {}")
        #expect(empty.status == 1)
        #expect(empty.standardError.contains("node 'configuration': parameters is text that is no JSON (it is empty); give a dict, or its JSON text"),
                "\(empty.standardError)")
    }

    @Test func aNodeLoadingFromTheLoaderWithoutParamsListIsAnErrorAtValidate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("config.yaml")
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [plugin:cloudify-utilities-plugin, http://www.getcloudify.org/spec/cloudify/5.0.0/types.yaml]
            node_templates:
              configuration:
                type: configuration_loader
                properties:
                  parameters_json: '{"a": 1}'
              edge:
                type: cloudify.nodes.Root
                relationships:
                  - type: load_from_config
                    target: configuration

            """.write(to: file, atomically: true, encoding: .utf8)
        let validate = try BluevirtProcess.run(["validate", file.path])
        #expect(validate.status == 1)
        #expect(validate.standardError.contains("config.yaml:11:15: error: node template 'edge' loads from configuration loader 'configuration' but has no property params_list or params, which load_from_config reads [BV0811]"),
                "\(validate.standardError)")
    }
}
