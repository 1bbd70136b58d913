import Foundation
import StateStore
import Testing
import TestSupport

/// `plan` after an apply or a destroy that was killed says what the next apply runs. It said
/// "No changes" (every instance unchanged) while apply then ran install operations: those an
/// apply did not reach, and after a destroy every one, since apply resumes only the installs run
/// after the last destroy.
@Suite struct PlanAfterCutOffRunTests {
    /// A domain, and a script node on it whose create and delete scripts wait while `hold` exists.
    private struct Deployment {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-cut-off-\(UUID().uuidString)")
        var blueprint: String { folder.appendingPathComponent("app.yaml").path }
        var hold: URL { folder.appendingPathComponent("hold") }
        var waiting: URL { folder.appendingPathComponent("waiting") }

        init() throws {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
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
                    interfaces: { cloudify.interfaces.lifecycle: { create: scripts/wait.sh, delete: scripts/wait.sh } }
                    relationships:
                      - { type: cloudify.relationships.depends_on, target: vm }
                """.write(toFile: blueprint, atomically: true, encoding: .utf8)
            // While `hold` exists the script writes its pid to `waiting` and waits for ever.
            try """
                #!/bin/sh
                if [ -e "\(hold.path)" ]; then
                  echo $$ > "\(waiting.path).new" && mv "\(waiting.path).new" "\(waiting.path)"
                  exec sleep 600
                fi
                exit 0
                """.write(to: folder.appendingPathComponent("scripts/wait.sh"), atomically: true, encoding: .utf8)
        }

        func bluevirt(_ arguments: [String]) throws -> BluevirtProcess.Result {
            try BluevirtProcess.run(arguments + ["--state-dir", folder.appendingPathComponent("state").path])
        }

        /// Runs bluevirt with `arguments` and kills it (SIGKILL) while app-1's script waits.
        func kill(whileAppWaits arguments: [String]) async throws {
            try Data().write(to: hold)
            try? FileManager.default.removeItem(at: waiting)
            let process = Process()
            process.executableURL = BluevirtProcess.binary
            process.arguments = arguments + ["--state-dir", folder.appendingPathComponent("state").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            while (try? String(contentsOf: waiting, encoding: .utf8))?.hasSuffix("\n") != true {
                try await Task.sleep(for: .milliseconds(50))
            }
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Its script outlives a killed bluevirt.
            if let script = pid_t(try String(contentsOf: waiting, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) {
                Foundation.kill(script, SIGKILL)
            }
            try FileManager.default.removeItem(at: hold)
        }

        /// The plan's action per instance, and its text.
        func plan() throws -> (actions: [String: String], text: String) {
            let json = try bluevirt(["plan", blueprint, "--simulate", "--json"])
            #expect(json.status == 0, "\(json.standardError)")
            var actions: [String: String] = [:]
            if case .object(let plan) = try JSONValue(jsonText: json.standardOutput), case .array(let changes)? = plan["changes"] {
                for case .object(let change) in changes {
                    if case .string(let instance)? = change["instance"], case .string(let action)? = change["action"] { actions[instance] = action }
                }
            }
            return (actions, try bluevirt(["plan", blueprint, "--simulate", "--no-diff"]).standardOutput)
        }

        /// Applies, and says which instances it ran an operation of.
        func applyRuns() throws -> Set<String> {
            let apply = try bluevirt(["apply", blueprint, "--simulate", "--json"])
            #expect(apply.status == 0, "\(apply.standardOutput)")
            var instances: Set<String> = []
            for line in apply.standardOutput.split(separator: "\n") {
                guard case .object(let event) = try JSONValue(jsonText: String(line)), event["event"] == .string("started"),
                      case .string(let instance)? = event["instance"] else { continue }
                instances.insert(instance)
            }
            return instances
        }
    }

    @Test func afterAKilledDestroyPlanNamesEveryInstanceApplyInstallsAgain() async throws {
        let deployment = try Deployment()
        defer { try? FileManager.default.removeItem(at: deployment.folder) }
        let apply = try deployment.bluevirt(["apply", deployment.blueprint, "--simulate"])
        #expect(apply.status == 0, "\(apply.standardError)")
        // Dependents go first: app-1's delete waits, vm-1 is still running.
        try await deployment.kill(whileAppWaits: ["destroy", "-d", "app"])

        let plan = try deployment.plan()
        #expect(plan.actions == ["vm-1": "install", "app-1": "install"], "\(plan.text)")
        #expect(plan.text.contains("~ install  vm-1   domain app-vm-1  (a destroy began since its install and did not finish: apply runs create, configure, start again)"),
                "\(plan.text)")
        #expect(plan.text.hasSuffix("\nPlan: 2 to install, 0 unchanged.\n"), "\(plan.text)")
        #expect(try deployment.applyRuns() == Set(plan.actions.keys))
    }

    @Test func afterAKilledApplyPlanNamesTheOperationsItDidNotReach() async throws {
        let deployment = try Deployment()
        defer { try? FileManager.default.removeItem(at: deployment.folder) }
        // app-1's create waits once vm-1 is made and started.
        try await deployment.kill(whileAppWaits: ["apply", deployment.blueprint, "--simulate"])

        let plan = try deployment.plan()
        #expect(plan.actions == ["app-1": "install"], "\(plan.text)")
        #expect(plan.text.contains("~ install  app-1  (its install did not finish: apply runs create)"), "\(plan.text)")
        #expect(try deployment.applyRuns() == ["app-1"])
    }
}
