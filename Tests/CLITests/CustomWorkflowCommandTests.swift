import Foundation
import Testing
import TestSupport

/// The utilities plugin's custom workflow (`customwf`) through `bluevirt run`: its operations on
/// its nodes in the order given, with its other parameters as their kwargs, and its `tasks.log`.
@Suite struct CustomWorkflowCommandTests {
    static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/4.5/types.yaml
          - http://www.getcloudify.org/spec/utilities-plugin/1.15.3/plugin.yaml
        node_templates:
          router:
            type: cloudify.nodes.ApplicationModule
            interfaces:
              custom:
                sync:
                  implementation: cloudify_custom_workflow.cloudify_custom_workflow.tasks.log
                  inputs: {device: edge}
                save: save.sh
          cpe:
            type: cloudify.nodes.ApplicationModule
            instances: {deploy: 2}
            interfaces:
              custom:
                sync: cloudify_custom_workflow.cloudify_custom_workflow.tasks.log
                save: {}
        workflows:
          Sync:
            mapping: cloudify_custom_workflow.cloudify_custom_workflow.tasks.customwf
            parameters:
              nodes_to_runon:
                default: [router, cpe]
              operations_to_execute:
                default: [custom.sync, custom.save]
              label:
                default: nightly

        """

    /// A deployment of the blueprint, applied on the simulated hypervisor.
    private static func deployment() throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-customwf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try blueprint.write(to: directory.appendingPathComponent("custom.yaml"), atomically: true, encoding: .utf8)
        let script = directory.appendingPathComponent("save.sh")
        try "#!/bin/sh\necho \"saved on $(ctx instance id)\"\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let common = ["-d", "edge", "--state-dir", directory.appendingPathComponent("state").path]
        let applied = try BluevirtProcess.run(["apply", directory.appendingPathComponent("custom.yaml").path, "--simulate"] + common)
        try #require(applied.status == 0, "\(applied.standardError)")
        return common
    }

    @Test func itRunsEachOperationOnEachInstanceOfEachNodeInTheOrderGivenWithTheOtherParametersAsKwargs() throws {
        let common = try Self.deployment()
        let run = try BluevirtProcess.run(["run", "Sync"] + common)
        #expect(run.status == 0, "\(run.standardError)")
        // cpe's save has no implementation: nothing to run, as in Cloudify.
        #expect(run.standardOutput.contains("workflow 'Sync' of deployment 'edge' completed: 4 operations run"), "\(run.standardOutput)")
        #expect(run.standardError.contains("Log interface: {'device': 'edge', 'label': 'nightly'}"), "\(run.standardError)")
        #expect(run.standardError.contains("Log interface: {'label': 'nightly'}"), "\(run.standardError)")
        #expect(run.standardError.contains("saved on router-1"), "\(run.standardError)")

        let history = try BluevirtProcess.run(["history", "--json"] + common)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["workflow"] as? String } == ["install", "Sync"])
        let steps = (entries.last?["steps"] as? [[String: Any]])?.map { $0["step"] as? String }
        #expect(steps == ["router-1/custom.sync", "router-1/custom.save", "cpe-1/custom.sync", "cpe-2/custom.sync"], "\(String(describing: steps))")

        // The lists may be JSON text, as the plugin reads them with json.loads.
        let text = try BluevirtProcess.run(["run", "Sync", "-p", #"nodes_to_runon="[\"cpe\"]""#, "-p", "operations_to_execute=[custom.sync]"] + common)
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("completed: 2 operations run"), "\(text.standardOutput)")
    }

    @Test func anUnknownNodeOrOperationIsRefusedBeforeAnythingRuns() throws {
        let common = try Self.deployment()
        let node = try BluevirtProcess.run(["run", "Sync", "-p", "nodes_to_runon=[cpe, rooter]"] + common)
        #expect(node.status == 1)
        #expect(node.standardError.contains("nodes_to_runon names 'rooter', which is no node of the deployment [BV0876]"), "\(node.standardError)")
        #expect(node.standardError.contains("did you mean 'router'?"), "\(node.standardError)")

        let operation = try BluevirtProcess.run(["run", "Sync", "-p", "operations_to_execute=[custom.sink]"] + common)
        #expect(operation.status == 1)
        #expect(operation.standardError.contains("node 'router' has no operation 'custom.sink', which operations_to_execute names [BV0877]"),
                "\(operation.standardError)")
        #expect(operation.standardError.contains("did you mean 'custom.sync'?"), "\(operation.standardError)")

        let notAList = try BluevirtProcess.run(["run", "Sync", "-p", "operations_to_execute=custom.sync"] + common)
        #expect(notAList.standardError.contains("parameter 'operations_to_execute' of the custom workflow must be a list of names"), "\(notAList.standardError)")

        let history = try BluevirtProcess.run(["history", "--json"] + common)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["workflow"] as? String } == ["install"])
    }
}
