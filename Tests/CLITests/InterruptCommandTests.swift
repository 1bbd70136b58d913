import Foundation
import StateStore
import Testing
import TestSupport

/// Ctrl-C during an operation that does not finish within the grace: bluevirt says what it left
/// running and how to resume, records the run as cancelled, stops the script, leaves the writer
/// lock as a stopped run's (not a dead one's), and the next apply finishes the deployment.
@Suite struct InterruptCommandTests {
    @Test func aScriptStillRunningAfterTheGraceIsNamedStoppedAndRunAgain() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-interrupt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("slow.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [ http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml ]
            node_templates:
              a:
                type: cloudify.nodes.Root
                interfaces: { cloudify.interfaces.lifecycle: { create: scripts/slow.sh } }
            """.write(toFile: blueprint, atomically: true, encoding: .utf8)
        // The first run's script waits for ever; the second's finishes at once.
        let started = folder.appendingPathComponent("started")
        try """
            #!/bin/sh
            if [ -e "\(started.path)" ]; then exit 0; fi
            echo $$ > "\(started.path)"
            exec sleep 600
            """.write(to: folder.appendingPathComponent("scripts/slow.sh"), atomically: true, encoding: .utf8)
        let state = ["--state-dir", folder.appendingPathComponent("state").path]

        let output = folder.appendingPathComponent("apply.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let apply = Process()
        apply.executableURL = BluevirtProcess.binary
        apply.arguments = ["apply", blueprint, "--simulate"] + state
        apply.standardOutput = handle
        apply.standardError = handle
        try apply.run()
        while !FileManager.default.fileExists(atPath: started.path) || (try? String(contentsOf: started, encoding: .utf8))?.hasSuffix("\n") != true {
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(apply.processIdentifier, SIGINT)
        apply.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(apply.terminationStatus == 130, "\(text)")
        #expect(text.contains("stopped by a signal while these operations were still running: a-1/create"), "\(text)")
        #expect(text.contains("run the same command again to resume"), "\(text)")

        // The script's process group was sent SIGTERM as bluevirt exited.
        let script = try #require(pid_t(try String(contentsOf: started, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var waited = 0
        while kill(script, 0) == 0, waited < 100 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(kill(script, 0) != 0, "the script outlived bluevirt")

        // The lock is left as a stopped run's: the next run does not take over a lock "from pid N,
        // which is no longer running; its run was interrupted", as it said after every Ctrl-C.
        let lockFile = folder.appendingPathComponent("state/locks/slow.lock")
        #expect(try Data(contentsOf: lockFile).isEmpty, "the holder's details were left in the lock file")
        let again = try BluevirtProcess.run(["apply", blueprint, "--simulate"] + state)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(!again.standardError.contains("took over the writer lock"), "\(again.standardError)")
        #expect(!again.standardError.contains("interrupted"), "\(again.standardError)")
        let store = try StateStore(location: .init(directory: folder.appendingPathComponent("state"), source: .option), access: .look)
        // create ran again and finished (no further operations: created, or started as in Cloudify).
        let states = try store.nodeInstances(deployment: "slow").map(\.state)
        #expect(states == [.created] || states == [.started], "\(states)")
        #expect(try store.executions(deployment: "slow").first?.status == .cancelled)
        // What the stop recorded stays.
        #expect(try store.executions(deployment: "slow").first?.error?.contains("stopped by a signal") == true)
    }
}
