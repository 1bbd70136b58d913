import Foundation
import StateStore
import Testing
import TestSupport

/// `destroy` killed while a delete runs: the instance reads `deleting` (Cloudify's state), not
/// the state it had before; apply makes it again as it makes one left `creating`, and destroy
/// deletes it again.
@Suite struct InterruptedDestroyTests {
    @Test func aKilledDeleteLeavesDeletingWhichApplyAndDestroyFinish() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-killed-destroy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("app.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
              - plugin:cloudify-libvirt-plugin
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  agent_config: { install_method: none }
                  params: { domain_type: qemu, vcpu: 1, memory_size: 262144, wait_for_ip: false }
              app:
                type: cloudify.nodes.Root
                interfaces: { cloudify.interfaces.lifecycle: { create: scripts/create.sh, delete: scripts/delete.sh } }
                relationships:
                  - { type: cloudify.relationships.depends_on, target: vm }
            """.write(toFile: blueprint, atomically: true, encoding: .utf8)
        // While `hold` exists the delete script says so in `deleting` and waits for ever.
        let hold = folder.appendingPathComponent("hold")
        let deleting = folder.appendingPathComponent("deleting")
        try "#!/bin/sh\nexit 0\n".write(to: folder.appendingPathComponent("scripts/create.sh"), atomically: true, encoding: .utf8)
        try """
            #!/bin/sh
            if [ -e "\(hold.path)" ]; then
              echo $$ > "\(deleting.path).new" && mv "\(deleting.path).new" "\(deleting.path)"
              exec sleep 600
            fi
            exit 0
            """.write(to: folder.appendingPathComponent("scripts/delete.sh"), atomically: true, encoding: .utf8)
        let state = ["--state-dir", folder.appendingPathComponent("state").path]
        func bluevirt(_ arguments: [String]) throws -> BluevirtProcess.Result { try BluevirtProcess.run(arguments + state) }
        func states() throws -> [String: String] {
            let status = try bluevirt(["status", "-d", "app", "--json"])
            #expect(status.status == 0, "\(status.standardError)")
            guard case .array(let rows) = try JSONValue(jsonText: status.standardOutput) else { return [:] }
            var states: [String: String] = [:]
            for case .object(let row) in rows {
                if case .string(let instance)? = row["instance"], case .string(let state)? = row["state"] { states[instance] = state }
            }
            return states
        }
        /// Starts destroy, and kills it (SIGKILL) while app-1's delete script runs.
        func killDestroyInItsDelete() async throws {
            try Data().write(to: hold)
            try? FileManager.default.removeItem(at: deleting)
            let destroy = Process()
            destroy.executableURL = BluevirtProcess.binary
            destroy.arguments = ["destroy", "-d", "app"] + state
            destroy.standardOutput = FileHandle.nullDevice
            destroy.standardError = FileHandle.nullDevice
            try destroy.run()
            while (try? String(contentsOf: deleting, encoding: .utf8))?.hasSuffix("\n") != true {
                try await Task.sleep(for: .milliseconds(50))
            }
            kill(destroy.processIdentifier, SIGKILL)
            destroy.waitUntilExit()
            // Its script outlives a killed bluevirt.
            if let script = pid_t(try String(contentsOf: deleting, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) {
                kill(script, SIGKILL)
            }
        }

        let apply = try bluevirt(["apply", blueprint, "--simulate"])
        #expect(apply.status == 0, "\(apply.standardError)")
        #expect(try states() == ["vm-1": "started", "app-1": "started"])

        try await killDestroyInItsDelete()
        #expect(try states() == ["vm-1": "started", "app-1": "deleting"])

        // apply makes it again, as an instance left `creating`.
        try FileManager.default.removeItem(at: hold)
        let again = try bluevirt(["apply", blueprint, "--simulate"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try states() == ["vm-1": "started", "app-1": "started"])

        // destroy deletes it again, and finishes.
        try await killDestroyInItsDelete()
        #expect(try states() == ["vm-1": "started", "app-1": "deleting"])
        try FileManager.default.removeItem(at: hold)
        let destroy = try bluevirt(["destroy", "-d", "app"])
        #expect(destroy.status == 0, "\(destroy.standardError)")
        #expect(destroy.standardError.contains("app-1"), "\(destroy.standardError)")
        #expect(try states() == ["vm-1": "deleted", "app-1": "deleted"])
    }
}
