import Foundation
import StateStore
import Testing
import TestSupport

/// Runtime properties a failing try set are kept, as Cloudify updates them whether an operation
/// failed or not: the next try reads them, and the state keeps them after the last try failed.
@Suite struct FailedTryPropertiesTests {
    @Test func eachTrySeesWhatTheFailedOnesSetAndTheStateKeepsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-failed-try-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("tries.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [ http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml ]
            node_templates:
              a:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: { implementation: scripts/count.sh, max_retries: 2, retry_interval: 0 }
            """.write(toFile: blueprint, atomically: true, encoding: .utf8)
        try """
            #!/bin/sh
            n=$(ctx instance runtime-properties count)
            n=${n:-0}
            ctx instance runtime-properties count $((n+1))
            echo "count was $n"
            exit 3
            """.write(to: folder.appendingPathComponent("scripts/count.sh"), atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state")

        let apply = try BluevirtProcess.run(["apply", blueprint, "--simulate", "--state-dir", state.path])
        #expect(apply.status == 1, "\(apply.standardError)")
        let output = apply.standardOutput + apply.standardError
        for count in 0...2 { #expect(output.contains("count was \(count)"), "\(output)") }
        let store = try StateStore(location: .init(directory: state, source: .option), access: .look)
        let instance = try #require(try store.nodeInstances(deployment: "tries").first)
        #expect(instance.state == .failed)
        #expect(instance.runtimeProperties["count"] == .integer(3))
    }
}
