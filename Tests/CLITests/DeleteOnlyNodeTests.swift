import Foundation
import Testing
import TestSupport

/// A node whose only lifecycle operation is its delete runs no step at install, which is where
/// apply records what destroy runs: its delete is recorded for it all the same, and runs.
@Suite struct DeleteOnlyNodeTests {
    @Test func destroyRunsTheDeleteOfANodeWithNoInstallOperation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-delete-only-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let marker = folder.appendingPathComponent("deleted").path
        let blueprint = folder.appendingPathComponent("cleanup.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [ http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml ]
            node_templates:
              cleanup:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    delete: { implementation: scripts/delete.sh, inputs: { MARKER: \(marker) } }
            """.write(toFile: blueprint, atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho \"$(ctx instance id)\" > \"$MARKER\"\n"
            .write(to: folder.appendingPathComponent("scripts/delete.sh"), atomically: true, encoding: .utf8)
        let state = ["--state-dir", folder.appendingPathComponent("state").path]

        let apply = try BluevirtProcess.run(["apply", blueprint, "--simulate"] + state)
        #expect(apply.status == 0, "\(apply.standardError)")
        #expect(!FileManager.default.fileExists(atPath: marker))
        let destroy = try BluevirtProcess.run(["destroy", "-d", "cleanup"] + state)
        #expect(destroy.status == 0, "\(destroy.standardError)")
        #expect(destroy.standardOutput.contains("1 operation run"), "\(destroy.standardOutput)")
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "cleanup-1\n")
    }
}
