import Foundation
import Testing
import TestSupport

/// Scripts as operations through the built binary, on the simulated hypervisor: inputs that read
/// other nodes' attributes at run time, `ctx` setting runtime properties, outputs reading them,
/// the `delete` script run by `destroy` from what apply recorded, and a failing script's error.
@Suite struct ScriptLifecycleTests {
    private static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
          - plugin:cloudify-libvirt-plugin
        inputs:
          marker_file: { type: string }
          fail: { type: boolean, default: false }
        node_templates:
          login:
            type: bluevirt.nodes.SSHKey
            properties: { user: debian }
          app:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  implementation: scripts/create.sh
                  inputs:
                    FINGERPRINT: { get_attribute: [ login, fingerprint ] }
                    FAIL: { get_input: fail }
                delete:
                  implementation: scripts/delete.sh
                  inputs:
                    MARKER_FILE: { get_input: marker_file }
            relationships:
              - { type: cloudify.relationships.depends_on, target: login }
        outputs:
          greeting: { value: { get_attribute: [ app, greeting ] } }
          fingerprint_seen: { value: { get_attribute: [ app, fingerprint_seen ] } }
          key: { value: { get_attribute: [ login, fingerprint ] } }
        """

    private static let createScript = """
        #!/bin/sh
        set -eu
        echo "creating $(ctx instance id) of $(ctx deployment id)"
        if [ "$FAIL" = true ]; then echo "disk full, giving up" >&2; exit 4; fi
        ctx instance runtime-properties greeting "hello from $(ctx node name)"
        ctx instance runtime-properties fingerprint_seen "$FINGERPRINT"
        """

    private static let deleteScript = """
        #!/bin/sh
        # Not executable on purpose: a .sh file runs with bash, as in Cloudify.
        set -eu
        ctx instance runtime-properties greeting > "$MARKER_FILE"
        """

    private func project() throws -> (blueprint: URL, state: URL, marker: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-scripts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("app.yaml")
        try Self.blueprint.write(to: blueprint, atomically: true, encoding: .utf8)
        let create = folder.appendingPathComponent("scripts/create.sh")
        try Self.createScript.write(to: create, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: create.path)
        try Self.deleteScript.write(to: folder.appendingPathComponent("scripts/delete.sh"), atomically: true, encoding: .utf8)
        return (blueprint, folder.appendingPathComponent("state"), folder.appendingPathComponent("deleted.txt"))
    }

    @Test func scriptsSeeAttributesSetPropertiesAndTheirDeleteRunsAtDestroy() throws {
        let (blueprint, state, marker) = try project()
        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state.path, "--json",
                                             "--input", "marker_file=\(marker.path)"])
        #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")
        // The script's output reaches the run's events.
        #expect(apply.standardOutput.contains("creating app-1 of app"), "\(apply.standardOutput)")

        let outputs = try BluevirtProcess.run(["outputs", "-d", "app", "--state-dir", state.path, "--json"])
        let values = try #require(try JSONSerialization.jsonObject(with: Data(outputs.standardOutput.utf8)) as? [String: Any])
        #expect(values["greeting"] as? String == "hello from app")
        let key = try #require(values["key"] as? String)
        #expect(key.hasPrefix("SHA256:"))
        #expect(values["fingerprint_seen"] as? String == key, "the input read the key's attribute when create ran")

        let destroy = try BluevirtProcess.run(["destroy", "-d", "app", "--state-dir", state.path])
        #expect(destroy.status == 0, "\(destroy.standardOutput)\(destroy.standardError)")
        #expect((destroy.standardOutput + destroy.standardError).contains("delete app-1") && (destroy.standardOutput + destroy.standardError).contains("delete login-1"))
        #expect(try String(contentsOf: marker, encoding: .utf8) == "hello from app\n",
                "the delete script ran with its recorded input and the instance's runtime properties")
    }

    @Test func aFailingScriptFailsTheApplyWithItsOutputAndAReapplyResumes() throws {
        let (blueprint, state, marker) = try project()
        let failing = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state.path,
                                               "--input", "marker_file=\(marker.path)", "--input", "fail=true"])
        #expect(failing.status == 1)
        let text = failing.standardOutput + failing.standardError
        #expect(text.contains("scripts/create.sh") && text.contains("status 4") && text.contains("disk full, giving up"), "\(text)")

        // The inputs changed, so this is a new deployment's documents: destroy, then apply again.
        let destroy = try BluevirtProcess.run(["destroy", "-d", "app", "--state-dir", state.path])
        #expect(destroy.status == 0, "\(destroy.standardOutput)\(destroy.standardError)")
        let again = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state.path,
                                             "--input", "marker_file=\(marker.path)"])
        #expect(again.status == 0, "\(again.standardOutput)\(again.standardError)")
    }

    /// Cloudify's script plugin form, with the script named by an input (known only when the
    /// step runs), for create and for the delete that destroy runs.
    @Test func theScriptPluginsTaskRunsTheScriptItsInputNames() throws {
        let (blueprint, state, marker) = try project()
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
            inputs:
              marker_file: { type: string }
              create_script: { type: string, default: scripts/create.sh }
            node_templates:
              app:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: script.script_runner.tasks.run
                      inputs:
                        script_path: { get_input: create_script }
                        FINGERPRINT: none
                        FAIL: false
                    delete:
                      implementation: script.script_runner.tasks.run
                      inputs:
                        script_path: scripts/delete.sh
                        MARKER_FILE: { get_input: marker_file }
            outputs:
              greeting: { value: { get_attribute: [ app, greeting ] } }
            """.write(to: blueprint, atomically: true, encoding: .utf8)
        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state.path, "--json",
                                             "--input", "marker_file=\(marker.path)"])
        #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")
        #expect(apply.standardOutput.contains("hello from app"), "\(apply.standardOutput)")
        let destroy = try BluevirtProcess.run(["destroy", "-d", "app", "--state-dir", state.path])
        #expect(destroy.status == 0, "\(destroy.standardOutput)\(destroy.standardError)")
        #expect(try String(contentsOf: marker, encoding: .utf8) == "hello from app\n")
    }

    /// A stop script named at run time (from an attribute: validate cannot know it) that lies
    /// outside the blueprint's folder is refused by destroy as start refuses it in apply: the
    /// step fails with the reason, as a failing stop script does, and the script never runs.
    @Test func aStopScriptOutsideTheBlueprintsFolderFailsDestroy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-scripts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let marker = folder.appendingPathComponent("outside-ran")
        try "touch '\(marker.path)'\n".write(to: folder.appendingPathComponent("outside.sh"), atomically: true, encoding: .utf8)
        try "ctx instance runtime-properties stop_script ../outside.sh\n"
            .write(to: project.appendingPathComponent("scripts/remember.sh"), atomically: true, encoding: .utf8)
        let blueprint = project.appendingPathComponent("app.yaml")
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
            node_templates:
              app:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: scripts/remember.sh
                    stop:
                      implementation: script.script_runner.tasks.run
                      inputs:
                        script_path: { get_attribute: [ SELF, stop_script ] }
            """.write(to: blueprint, atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state").path
        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state])
        try #require(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")

        let destroy = try BluevirtProcess.run(["destroy", "-d", "app", "--state-dir", state])
        #expect(destroy.status == 1, "\(destroy.standardOutput)\(destroy.standardError)")
        #expect(destroy.standardError.contains("app-1/stop of node instance 'app-1' failed: the script '../outside.sh' climbs out of the blueprint's folder"),
                "\(destroy.standardError)")
        #expect(destroy.standardOutput.contains("failed after"), "\(destroy.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "the script outside the blueprint's folder ran")
    }
}
