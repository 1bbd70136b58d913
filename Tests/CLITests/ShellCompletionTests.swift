import Foundation
import Testing
import TestSupport

/// The bash completion bluevirt generates offers what each argument takes: blueprint files for
/// the blueprint, the state directory's deployments for -d. Without kinds it offered nothing.
@Suite struct ShellCompletionTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs bash"))
    func bashCompletesBlueprintFilesAndDeploymentNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-completion-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = try BluevirtProcess.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0, "\(script.standardError)")
        try script.standardOutput.write(to: folder.appendingPathComponent("bluevirt.bash"), atomically: true, encoding: .utf8)
        for name in ["simple.yaml", "simple.txt"] { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: nil) }
        let state = folder.appendingPathComponent("state").path
        let blueprint = BluevirtProcess.repositoryRoot.appendingPathComponent("blueprints/two-vms-one-network.yaml").path
        try #require(try BluevirtProcess.run(["apply", blueprint, "--simulate", "-d", "lab", "--state-dir", state]).status == 0)

        /// What completing the last word of `words` offers.
        func complete(_ words: [String]) throws -> String {
            let line = words.joined(separator: " ")
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let result = try BluevirtProcess.runTool("/bin/bash", ["-c", """
                source bluevirt.bash
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
                _bluevirt bluevirt '\(words.last!)' '\(words[words.count - 2])'
                echo "${COMPREPLY[*]}"
                """], environment: ["PATH": BluevirtProcess.binary.deletingLastPathComponent().path + ":/usr/bin:/bin", "BLUEVIRT_STATE_DIR": state],
                in: folder)
            return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try complete(["bluevirt", "apply", "sim"]) == "simple.yaml")
        #expect(try complete(["bluevirt", "status", "-d", ""]) == "lab")
        // The state directory the command line names, and none where there is no state.
        #expect(try complete(["bluevirt", "status", "--state-dir", state, "-d", "l"]) == "lab")
        #expect(try complete(["bluevirt", "status", "--state-dir", folder.appendingPathComponent("empty").path, "-d", ""]) == "")
    }
}
