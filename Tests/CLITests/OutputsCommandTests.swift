import Foundation
import Testing
import TestSupport

/// `bluevirt outputs` of a deployment whose blueprint declares none says so.
@Suite struct OutputsCommandTests {
    @Test func aDeploymentWithoutOutputsSaysSoInTextAndIsAnEmptyObjectInJSON() throws {
        let file = try TemporaryBlueprint("""
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
            node_templates:
              app:
                type: cloudify.nodes.Root
            """)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-outputs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let common = ["-d", "quiet", "--state-dir", state]
        try #require(try BluevirtProcess.run(["apply", file.path, "--simulate"] + common).status == 0)
        let text = try BluevirtProcess.run(["outputs"] + common)
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput == "deployment 'quiet' has no outputs: its blueprint declares none\n", "\(text.standardOutput)")
        let json = try BluevirtProcess.run(["outputs", "--json"] + common)
        #expect(json.standardOutput == "{}\n", "\(json.standardOutput)")
    }
}
