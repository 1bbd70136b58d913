import Foundation
import Testing
import TestSupport

/// A deployment named by its blueprint's file name (no `-d`) is held to the rules `-d` is: a
/// file name `-d` would refuse made a deployment that apply recorded and status, outputs and run
/// could not reach (`-d` refused its name as a usage error).
@Suite struct BlueprintFileNameDeploymentTests {
    static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
        node_templates:
          thing:
            type: cloudify.nodes.Root

        """

    @Test(arguments: [String(repeating: "x", count: 65), ".hidden"])
    func aFileNameNoDeploymentCanHaveIsAUsageErrorBeforeAnythingIsRecorded(_ base: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-name-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.blueprint.write(to: folder.appendingPathComponent(base + ".yaml"), atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state").path

        for command in [["apply", base + ".yaml", "--simulate"], ["plan", base + ".yaml"], ["dry-run", base + ".yaml"]] {
            let result = try BluevirtProcess.run(command + ["--state-dir", state], in: folder)
            #expect(result.status == 2, "\(command): \(result.standardError)")
            #expect(result.standardError.contains("taken from the blueprint's file name cannot name a deployment"), "\(command): \(result.standardError)")
            #expect(result.standardError.contains("name it with -d NAME"), "\(command): \(result.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: state), "apply recorded a deployment that -d cannot name")

        let named = try BluevirtProcess.run(["apply", base + ".yaml", "--simulate", "-d", "thing", "--state-dir", state], in: folder)
        #expect(named.status == 0, "\(named.standardError)")
    }
}
