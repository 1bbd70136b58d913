import Foundation
import Testing
import TestSupport

/// What a script logs through `ctx logger` (shell) and `ctx.logger` (python), as `apply --json`
/// reports it, on the simulated hypervisor.
@Suite struct ScriptLoggerTests {
    private static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
        node_templates:
          app:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create: scripts/create.sh
                configure: scripts/configure.py
        """

    /// Applies the blueprint with these two scripts; the `note` events of the run, in order.
    private func notes(shell: String, python: String) throws -> [[String: Any]] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-logger-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("app.yaml")
        try Self.blueprint.write(to: blueprint, atomically: true, encoding: .utf8)
        try shell.write(to: folder.appendingPathComponent("scripts/create.sh"), atomically: true, encoding: .utf8)
        try python.write(to: folder.appendingPathComponent("scripts/configure.py"), atomically: true, encoding: .utf8)
        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", folder.appendingPathComponent("state").path, "--json"])
        #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")
        return apply.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["event"] as? String == "note" }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
    func eachLoggerLineCarriesItsLevelAsAField() throws {
        let notes = try notes(shell: """
            #!/bin/sh
            echo "plain output"
            ctx logger warning "disk almost full"
            """, python: """
            from cloudify import ctx
            ctx.logger.error("cannot reach %s", "10.0.0.9")
            """)
        let warning = try #require(notes.first { $0["message"] as? String == "[warning] disk almost full" }, "\(notes)")
        #expect(warning["level"] as? String == "warning")
        let error = try #require(notes.first { $0["message"] as? String == "[error] cannot reach 10.0.0.9" }, "\(notes)")
        #expect(error["level"] as? String == "error")
        let output = try #require(notes.first { $0["message"] as? String == "plain output" }, "\(notes)")
        #expect(output["level"] == nil, "a line the script printed has no level")
    }
}
