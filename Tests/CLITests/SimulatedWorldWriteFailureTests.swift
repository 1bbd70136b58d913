import Foundation
import Testing
import TestSupport

/// A simulated world's file that cannot be written when a run ends (a full disk, a read-only
/// state directory, something in its way) is reported as every other failure of the state is:
/// one `error:` line (with --json, a JSON error event) saying what to do, exit 1. It escaped to
/// ArgumentParser as `Error: cannot write the simulated world ….tmp-PID: No space left on
/// device`, not JSON under --json, naming a temporary file that no longer existed.
@Suite struct SimulatedWorldWriteFailureTests {
    static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
          - plugin:cloudify-libvirt-plugin
        node_templates:
          lan:
            type: cloudify.libvirt.network
            properties:
              params:
                dev: bvworld0
                forwards: []
                ips:
                  - address: 192.168.171.1
                    netmask: 255.255.255.0
          breaker:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create: scripts/in-the-way.sh
            relationships:
              - type: cloudify.relationships.depends_on
                target: lan

        """

    /// Puts a directory where the world file is, so the run's final write of it fails (also as
    /// root, whom permissions do not stop).
    static let script = """
        #!/bin/sh
        world="$WORLD_STATE/simulated/w/qemu~3A~2F~2F~2Fsystem.xml"
        rm -f "$world" && mkdir "$world" && touch "$world/in-the-way"

        """

    @Test func aWorldThatCannotBeWrittenIsOneErrorThatSaysWhatToDo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-world-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.blueprint.write(to: folder.appendingPathComponent("w.yaml"), atomically: true, encoding: .utf8)
        let script = folder.appendingPathComponent("scripts/in-the-way.sh")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let state = folder.appendingPathComponent("state").path
        let world = state + "/simulated/w/qemu~3A~2F~2F~2Fsystem.xml"

        let applied = try BluevirtProcess.run(["apply", "w.yaml", "--simulate", "--state-dir", state, "--json"],
                                              environment: ["WORLD_STATE": state], in: folder)
        #expect(applied.status == 1, "\(applied.standardError)")
        let lines = applied.standardOutput.split(separator: "\n")
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
        }
        let last = try #require(lines.last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(last["event"] as? String == "error")
        let message = last["message"] as? String ?? ""
        #expect(message.contains("cannot replace the simulated world \(world): Is a directory"), "\(message)")
        #expect(message.contains("run the command again"), "\(message)")
        #expect(applied.standardError.isEmpty, "\(applied.standardError)")

        // Out of the way, the next apply resumes from what was recorded.
        try FileManager.default.removeItem(atPath: world)
        let again = try BluevirtProcess.run(["apply", "w.yaml", "--simulate", "--state-dir", state], in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("2 already done"), "\(again.standardOutput)")
    }
}
