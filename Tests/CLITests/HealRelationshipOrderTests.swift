import Foundation
import Testing
import TestSupport

/// `heal` of a relationship's target, through the built binary on the simulated hypervisor: the
/// source's unlinks run before the target is stopped, and its establishes only once the target
/// is made and started again, as in install (and Cloudify's heal), although the source's own
/// steps between them in the plans (its stop and delete, create and start) do not run. The target's lifecycle
/// scripts take a moment, so that an establish started too early would be seen inside them.
@Suite struct HealRelationshipOrderTests {
    private static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports: [http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml]
        node_templates:
          t:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create: scripts/slow.sh
                configure: scripts/slow.sh
                start: scripts/slow.sh
                stop: scripts/slow.sh
                delete: scripts/slow.sh
          s:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create: scripts/slow.sh
                start: scripts/slow.sh
                stop: scripts/slow.sh
                delete: scripts/slow.sh
            relationships:
              - type: cloudify.relationships.depends_on
                target: t
                source_interfaces:
                  cloudify.interfaces.relationship_lifecycle: {establish: scripts/slow.sh, unlink: scripts/slow.sh}
                target_interfaces:
                  cloudify.interfaces.relationship_lifecycle: {establish: scripts/slow.sh, unlink: scripts/slow.sh}
        """

    /// `BEGIN INSTANCE OPERATION` and `END …` around a moment of work.
    private static let script = """
        #!/bin/bash
        line="$BLUEVIRT_INSTANCE_ID ${BLUEVIRT_OPERATION##*.}"
        echo "BEGIN $line" >> "$BLUEVIRT_BLUEPRINT_DIRECTORY/trace"
        sleep 0.3
        echo "END $line" >> "$BLUEVIRT_BLUEPRINT_DIRECTORY/trace"
        """

    @Test func theSourcesRelationshipOperationsRunInInstallOrderAroundTheHealedTarget() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-heal-order-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("h.yaml")
        try Self.blueprint.write(to: blueprint, atomically: true, encoding: .utf8)
        let script = folder.appendingPathComponent("scripts/slow.sh")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let state = folder.appendingPathComponent("state").path
        let trace = folder.appendingPathComponent("trace")

        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state])
        try #require(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")
        try FileManager.default.removeItem(at: trace)

        let heal = try BluevirtProcess.run(["run", "heal", "-d", "h", "-p", "node_instance_id=t-1", "--state-dir", state])
        #expect(heal.status == 0, "\(heal.standardOutput)\(heal.standardError)")
        let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").map(String.init)
        func position(_ line: String) -> Int {
            lines.firstIndex(of: line) ?? { Issue.record("no '\(line)' in \(lines)"); return -1 }()
        }
        // Uninstall: the source's two unlinks (source side, then target side), then the target's stop and delete.
        #expect(lines.filter { $0.hasSuffix("s-1 unlink") } == ["BEGIN s-1 unlink", "END s-1 unlink", "BEGIN s-1 unlink", "END s-1 unlink"], "\(lines)")
        let lastUnlink = try #require(lines.lastIndex(of: "END s-1 unlink"))
        #expect(lastUnlink < position("BEGIN t-1 stop"), "\(lines)")
        // Install: the target made, configured and started, then the source's two establishes.
        let firstEstablish = try #require(lines.firstIndex(of: "BEGIN s-1 establish"), "\(lines)")
        for operation in ["delete", "create", "configure", "start"] {
            #expect(position("END t-1 \(operation)") < firstEstablish, "\(lines)")
        }
        #expect(lines.filter { $0.hasSuffix("s-1 establish") }.count == 4, "\(lines)")
        // The source itself is not reinstalled: only its relationships to the target run again.
        #expect(!lines.contains { $0.contains("s-1 ") && !$0.hasSuffix("unlink") && !$0.hasSuffix("establish") }, "\(lines)")
        // One operation at a time: every BEGIN is followed by its END.
        for (index, line) in lines.enumerated() where line.hasPrefix("BEGIN ") {
            #expect(index + 1 < lines.count && lines[index + 1] == "END " + line.dropFirst("BEGIN ".count), "\(lines)")
        }
    }
}
