import Foundation
import Testing
import TestSupport

/// Every error a command meets once its arguments are read is one `error:` line that names the
/// place and says what to do (with --json, a JSON error event), exit 1. A simulated world's
/// directory that could not be made escaped as ArgumentParser's `Error: Error Domain=
/// NSCocoaErrorDomain Code=512 "(null)"…`.
@Suite struct CommandFailureTests {
    static let network = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
          - plugin:cloudify-libvirt-plugin
        node_templates:
          lan:
            type: cloudify.libvirt.network
            properties:
              params:
                dev: bvfail0
                forwards: []
                ips:
                  - address: 192.168.172.1
                    netmask: 255.255.255.0

        """

    static let secretUser = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
        node_templates:
          app:
            type: cloudify.nodes.Root
        outputs:
          password:
            value: { get_secret: db_password }

        """

    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-failure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The one JSON error event of a run that stopped before anything ran.
    private func errorEvent(_ result: BluevirtProcess.Result) throws -> String {
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardOutput)")
        let event = try #require(lines.last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(event["event"] as? String == "error")
        return event["message"] as? String ?? ""
    }

    @Test func aWorldDirectoryBlockedByAFileIsOneErrorThatSaysWhatToDo() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.network.write(to: folder.appendingPathComponent("w.yaml"), atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try "".write(to: state.appendingPathComponent("simulated"), atomically: true, encoding: .utf8)

        let json = try BluevirtProcess.run(["apply", "w.yaml", "--simulate", "--state-dir", state.path, "--json"], in: folder)
        #expect(json.status == 1, "\(json.standardError)")
        #expect(json.standardError.isEmpty, "\(json.standardError)")
        let message = try errorEvent(json)
        #expect(message.contains("\(state.path)/simulated/w: Not a directory"), "\(message)")
        #expect(message.contains("move it away and run the command again"), "\(message)")

        let text = try BluevirtProcess.run(["apply", "w.yaml", "--simulate", "--state-dir", state.path], in: folder)
        #expect(text.status == 1)
        #expect(text.standardError.hasPrefix("error: cannot make the directory of the simulated world "), "\(text.standardError)")
        #expect(!text.standardError.contains("Error:"), "\(text.standardError)")
    }

    /// A secret store that cannot be read gives no value: each secret it was to give is missing
    /// (BV0320) with a note that says why, in the command's usual report, so that validate
    /// still checks everything else and `--json` prints its usual document (it printed a JSON
    /// error event instead). Validate given no secrets reports a missing secret as a warning, and
    /// the blueprint stays valid; the others refuse it.
    @Test func aSecretStoreThatCannotBeReadIsANoteOnEachSecretItWasToGive() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.secretUser.write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try "not a database".write(to: state.appendingPathComponent("state.sqlite"), atomically: true, encoding: .utf8)

        for (command, status, severity) in [(["validate"], 0, "warning"), (["dry-run"], 1, "error"), (["plan"], 1, "error"),
                                            (["apply", "--simulate"], 1, "error")] {
            let result = try BluevirtProcess.run(command + ["s.yaml", "--state-dir", state.path, "--json"], in: folder)
            #expect(result.status == Int32(status), "\(command): \(result.standardOutput) \(result.standardError)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
                                        "\(command): \(result.standardOutput)")
            let diagnostics = try #require((document["diagnostics"] as? [String: Any])?["diagnostics"] as? [[String: Any]]
                                           ?? document["diagnostics"] as? [[String: Any]], "\(command): \(document)")
            let missing = try #require(diagnostics.first { $0["code"] as? String == "BV0320" }, "\(command): \(diagnostics)")
            #expect(missing["severity"] as? String == severity, "\(command): \(missing)")
            #expect(missing["line"] as? Int == 9, "\(command): \(missing)")
            let notes = (missing["notes"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            let unread = try #require(notes.first { $0.hasPrefix("the secret store could not be read, so it gave no value: ") }, "\(command): \(notes)")
            #expect(unread.contains("the state database \(state.path)/state.sqlite is damaged") && unread.contains("move it aside"), "\(unread)")
        }

        let text = try BluevirtProcess.run(["validate", "s.yaml", "--state-dir", state.path], in: folder)
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardError.contains("s.yaml:9:"), "\(text.standardError)")
        #expect(text.standardError.contains("note: the secret store could not be read, so it gave no value: the state database"), "\(text.standardError)")
    }
}
