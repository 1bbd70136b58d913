import Blueprint
import Diagnostics
import Foundation
import Testing

/// validate's checks of script implementations on real files: symbolic links, permissions,
/// the script plugin's script_path.
@Suite("Script implementations in validate")
struct ScriptValidationTests {
    static func blueprint(create: String, scriptPath: String = "scripts/start.sh") -> String {
        """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
        node_templates:
          app:
            type: cloudify.nodes.ApplicationServer
            interfaces:
              cloudify.interfaces.lifecycle:
                create: \(create)
                start:
                  implementation: script.script_runner.tasks.run
                  inputs:
                    script_path: \(scriptPath)
        """
    }

    /// The codes of `errorDiagnostics`.
    func errorCodes(_ text: String, files: [(String, String, Bool)], link: (name: String, target: String)? = nil,
                    inputs: [String] = []) throws -> [String] {
        try errorDiagnostics(text, files: files, link: link, inputs: inputs).map(\.code.id)
    }

    /// Loads the blueprint from a folder holding `files` (name, content, executable) with
    /// `inputs` (`name=value`) and returns its errors.
    func errorDiagnostics(_ text: String, files: [(String, String, Bool)], link: (name: String, target: String)? = nil,
                          inputs: [String] = []) throws -> [Diagnostic] {
        let path = try temporaryBlueprint(text, files: Dictionary(uniqueKeysWithValues: files.map { ($0.0, $0.1) }))
        let folder = (path as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, _, executable) in files {
            try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: folder + "/" + name)
        }
        if let link {
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + link.name, withDestinationPath: link.target)
        }
        let provided = inputs.compactMap { ProvidedInput.parse(assignment: $0).0 }
        return errors(BlueprintLoader.load(path: path, inputs: provided).diagnostics)
    }

    @Test("non-executable .sh and .py, executable files with #!, and #! files are fine")
    func runnable() throws {
        let codes = try errorCodes(Self.blueprint(create: "scripts/create.py"), files: [
            ("scripts/create.py", "print('hi')\n", false), ("scripts/start.sh", "echo hi\n", false),
        ])
        #expect(codes == [])
        let shebang = try errorCodes(Self.blueprint(create: "scripts/create", scriptPath: "scripts/start"), files: [
            ("scripts/create", "#!/bin/sh\necho hi\n", false), ("scripts/start", "#!/bin/sh\necho hi\n", true),
        ])
        #expect(shebang == [])
    }

    @Test("a .py file runs with python3 whatever its #! line says, as Cloudify's script plugin runs it; other #! lines are followed")
    func pythonIgnoresItsShebang() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-launch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let python = folder.appendingPathComponent("copy_disk.py").path
        let shell = folder.appendingPathComponent("run").path
        try "#!/usr/bin/env python\nprint('hi')\n".write(toFile: python, atomically: true, encoding: .utf8)
        try "#!/bin/sh -e\necho hi\n".write(toFile: shell, atomically: true, encoding: .utf8)
        #expect(ScriptLaunch(path: python)?.command(for: python) == ["/usr/bin/env", "python3", python])
        #expect(ScriptLaunch(path: shell)?.command(for: shell) == ["/bin/sh", "-e", shell])
    }

    @Test("a file without #!, extension or execute permission cannot start")
    func notRunnable() throws {
        let codes = try errorCodes(Self.blueprint(create: "scripts/create", scriptPath: "scripts/create"), files: [("scripts/create", "echo hi\n", false)])
        #expect(codes == ["BV0130", "BV0130"])
    }

    @Test("a symbolic link out of the blueprint's folder is outside it; one inside is fine")
    func symbolicLinks() throws {
        let outside = try errorCodes(Self.blueprint(create: "scripts/create.sh"), files: [("scripts/start.sh", "echo hi\n", false)],
                                     link: ("scripts/create.sh", "/bin/sh"))
        #expect(outside == ["BV0129"])
        let inside = try errorCodes(Self.blueprint(create: "scripts/create.sh"), files: [("scripts/start.sh", "echo hi\n", false)],
                                    link: ("scripts/create.sh", "start.sh"))
        #expect(inside == [])
    }

    @Test("script_path from an input is checked with the input's value in this run; from an attribute, at run time")
    func scriptPathFromInput() throws {
        let text = Self.blueprint(create: "scripts/start.sh", scriptPath: "{ get_input: script }") + """

            inputs:
              script:
                default: /elsewhere/start.sh
            """
        let files = [("scripts/start.sh", "echo hi\n", false)]
        // The default is the value when none is given.
        #expect(try errorCodes(text, files: files) == ["BV0129"])
        #expect(try errorCodes(text, files: files, inputs: ["script=scripts/start.sh"]) == [])
        let climbing = try errorDiagnostics(text, files: files, inputs: ["script=../outside.sh"])
        #expect(climbing.map(\.code.id) == ["BV0129"])
        #expect(climbing.first?.message.contains("runs the script '../outside.sh', which is outside the blueprint's folder") == true, "\(climbing)")
        #expect(climbing.first?.range.start.line == 13, "at script_path: \(climbing)")
        #expect(climbing.first?.notes.first?.message == "the path is the value input 'script' has in this run (given, or its default)")
        #expect(climbing.first?.notes.first?.range?.start.line == 15, "at the input's declaration")
        #expect(try errorCodes(text, files: files, inputs: ["script=scripts/missing.sh"]) == ["BV0126"])

        // Without a value (given when deploying), or from an attribute, it waits for the run.
        let required = Self.blueprint(create: "scripts/start.sh", scriptPath: "{ get_input: script }") + """

            inputs:
              script:
                type: string
            """
        #expect(try errorCodes(required, files: files) == ["BV0212"], "only that the input has no value")
        let attribute = Self.blueprint(create: "scripts/start.sh", scriptPath: "{ concat: [{ get_input: folder }, { get_attribute: [SELF, name] }] }") + """

            inputs:
              folder:
                default: ../
            """
        #expect(try errorCodes(attribute, files: files) == [])
    }
}
