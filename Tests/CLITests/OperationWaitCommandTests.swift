import Foundation
import Testing
import TestSupport

/// An operation's timeout or retry_interval beyond a year, through the built binary.
@Suite struct OperationWaitCommandTests {
    /// The user's case: apply --simulate crashed converting 1e17 seconds to milliseconds.
    @Test("apply refuses a timeout or retry_interval beyond a year at the value, before anything runs")
    func applyRefusesAtTheValue() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-wait-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("app.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
            node_templates:
              app:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: scripts/create.sh
                      retry_interval: 1e17
                      timeout: .inf
            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try "#!/bin/sh\n".write(toFile: folder.appendingPathComponent("scripts/create.sh").path, atomically: true, encoding: .utf8)
        let result = try BluevirtProcess.run(["apply", path, "--simulate", "--state-dir", folder.appendingPathComponent("state").path])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("app.yaml:11:27: error: retry_interval of operation"), "\(result.standardError)")
        #expect(result.standardError.contains("app.yaml:12:20: error: timeout of operation"), "\(result.standardError)")
        #expect(result.standardError.contains("must be a number of seconds from 0 to 31536000"))
    }
}
