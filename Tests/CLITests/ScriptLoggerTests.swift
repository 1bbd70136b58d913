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

    /// `bluevirt history` shows, under its step, what a script printed and logged, the level of
    /// each logger line with it (it showed only the step), as `--json` does, and the run's notes.
    @Test func historyShowsEachLoggerLineWithItsLevelUnderItsStep() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-logger-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("app.yaml")
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
            node_templates:
              app:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: scripts/create.sh
            """.write(to: blueprint, atomically: true, encoding: .utf8)
        try """
            #!/bin/sh
            echo "plain output"
            ctx logger warning "disk almost full"
            """.write(to: folder.appendingPathComponent("scripts/create.sh"), atomically: true, encoding: .utf8)
        let state = ["--state-dir", folder.appendingPathComponent("state").path]
        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate"] + state)
        #expect(apply.status == 0, "\(apply.standardError)")

        let text = try BluevirtProcess.run(["history", "-d", "app"] + state)
        #expect(text.status == 0, "\(text.standardError)")
        let lines = text.standardOutput.split(separator: "\n").map(String.init)
        let create = try #require(lines.firstIndex { $0.hasPrefix("    app-1/create  finished") }, "\(text.standardOutput)")
        #expect(Array(lines[(create + 1)...].prefix(2)) == ["      note: plain output", "      note: [warning] disk almost full"], "\(text.standardOutput)")

        let json = try BluevirtProcess.run(["history", "-d", "app", "--json"] + state)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        let step = try #require((entries.first?["steps"] as? [[String: Any]])?.first { $0["step"] as? String == "app-1/create" })
        #expect((step["notes"] as? [[String: Any]])?.map { $0["message"] as? String } == ["plain output", "[warning] disk almost full"], "\(step)")
    }
}
