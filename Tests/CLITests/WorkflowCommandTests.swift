import Foundation
import StateStore
import Testing
import TestSupport

/// `bluevirt run` and `bluevirt history` through the built binary, on a simulated deployment.
@Suite struct WorkflowCommandTests {
    static let blueprint = BluevirtProcess.repositoryRoot.appendingPathComponent("blueprints/two-vms-one-network.yaml").path

    /// The lines of `text`: a diagnostic with no place starts its line with `error:`.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func runStopsAndStartsAndHistoryListsTheRunsWithTheirParameters() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-run-\(UUID().uuidString)").path
        let common = ["-d", "lab", "--state-dir", state]
        let applied = try BluevirtProcess.run(["apply", Self.blueprint, "--simulate"] + common)
        try #require(applied.status == 0, "\(applied.standardError)")

        let stopped = try BluevirtProcess.run(["run", "stop"] + common + ["-p", "node_ids=[web]"])
        #expect(stopped.status == 0, "\(stopped.standardError)")
        #expect(stopped.standardOutput.contains("workflow 'stop' of deployment 'lab' completed: 1 operation run"), "\(stopped.standardOutput)")
        let status = try BluevirtProcess.run(["status", "--json"] + common)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [[String: Any]])
        let web = try #require(rows.first { $0["instance"] as? String == "web-1" })
        #expect(web["state"] as? String == "stopped")
        #expect(web["drift"] is NSNull, "a domain stopped by `run stop` is not drift: \(web)")
        // Its address went with it: status shows none until it starts again.
        #expect(web["addresses"] as? [String] == [], "\(web)")
        #expect((rows.first { $0["instance"] as? String == "db-1" }?["addresses"] as? [String])?.isEmpty == false)
        // Nor is it something for apply to change.
        let plan = try BluevirtProcess.run(["plan", Self.blueprint, "--simulate"] + common)
        #expect(plan.standardOutput.contains("No changes"), "\(plan.standardOutput)")
        let started = try BluevirtProcess.run(["run", "start"] + common + ["--json"])
        #expect(started.status == 0)
        #expect(started.standardOutput.contains(#""result":"completed""#) && started.standardOutput.contains(#""workflow":"start""#),
                "\(started.standardOutput)")

        let history = try BluevirtProcess.run(["history", "--json"] + common)
        #expect(history.status == 0, "\(history.standardError)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["workflow"] as? String } == ["install", "stop", "start"])
        #expect((entries[1]["parameters"] as? [String: Any])?["node_ids"] as? [String] == ["web"])
        #expect((entries[1]["steps"] as? [[String: Any]])?.map { $0["step"] as? String } == ["web-1/stop"])
        let text = try BluevirtProcess.run(["history"] + common)
        #expect(text.standardOutput.contains("#2  stop  succeeded"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("    web-1/stop  finished"), "\(text.standardOutput)")
    }

    /// A scale is the workflow `scale` in history, with its parameters, and says it completed as
    /// other workflows do (it ran as an install of the new counts).
    @Test func aScaleIsRecordedAsScaleWithItsParametersAndSaysItCompleted() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-run-\(UUID().uuidString)").path
        let common = ["-d", "lab", "--state-dir", state]
        try #require(try BluevirtProcess.run(["apply", Self.blueprint, "--simulate"] + common).status == 0)
        let scaled = try BluevirtProcess.run(["run", "scale", "-p", "scalable_entity_name=web", "-p", "delta=1"] + common)
        #expect(scaled.status == 0, "\(scaled.standardError)")
        #expect(Self.lines(scaled.standardOutput).contains("workflow 'scale' of deployment 'lab' completed: 4 operations run"), "\(scaled.standardOutput)")
        #expect(!scaled.standardOutput.contains("applied:"), "\(scaled.standardOutput)")

        let history = try BluevirtProcess.run(["history", "--json"] + common)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["workflow"] as? String } == ["install", "scale"])
        let parameters = try #require(entries.last?["parameters"] as? [String: Any])
        #expect(parameters["scalable_entity_name"] as? String == "web" && parameters["delta"] as? Int == 1, "\(parameters)")
        #expect((entries.last?["steps"] as? [[String: Any]])?.contains { $0["step"] as? String == "web-2/create" } == true)
        let text = try BluevirtProcess.run(["history"] + common)
        #expect(text.standardOutput.contains("#2  scale  succeeded"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("delta=1") && text.standardOutput.contains(#"scalable_entity_name="web""#), "\(text.standardOutput)")
        // Still an install of the deployment: it stays installed, and a later apply has nothing to do.
        let status = try BluevirtProcess.run(["status", "--json"] + common)
        #expect(status.standardOutput.contains("\"web-2\""), "\(status.standardOutput)")
        let again = try BluevirtProcess.run(["run", "install"] + common)
        #expect(again.standardOutput.contains("deployment 'lab' is unchanged: nothing to do"), "\(again.standardOutput)")
    }

    /// A scale by 0 scales nothing, as Cloudify's (which logs why and ends), and is recorded as
    /// a `scale` that succeeded with no step: it was recorded nowhere. The deployment's status
    /// stays as it was, here `failed`, which a recorded scale that succeeded would have made
    /// `installed`.
    @Test func aScaleByZeroIsRecordedWithNoStepAndChangesNothing() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-run-\(UUID().uuidString)").path
        let common = ["-d", "lab", "--state-dir", state]
        try #require(try BluevirtProcess.run(["apply", Self.blueprint, "--simulate"] + common).status == 0)
        let scaled = try BluevirtProcess.run(["run", "scale", "-p", "scalable_entity_name=web", "-p", "delta=0"] + common)
        #expect(scaled.status == 0, "\(scaled.standardError)")
        #expect(scaled.standardError.contains("note     delta parameter is 0, so no scaling will take place"), "\(scaled.standardError)")
        #expect(Self.lines(scaled.standardOutput).contains("workflow 'scale' of deployment 'lab' completed: 0 operations run"), "\(scaled.standardOutput)")

        let history = try BluevirtProcess.run(["history", "--json"] + common)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["workflow"] as? String } == ["install", "scale"])
        #expect(entries.last?["status"] as? String == "succeeded")
        #expect((entries.last?["parameters"] as? [String: Any])?["delta"] as? Int == 0)
        #expect((entries.last?["steps"] as? [[String: Any]])?.isEmpty == true)
        let text = try BluevirtProcess.run(["history"] + common)
        #expect(text.standardOutput.contains("    note: delta parameter is 0, so no scaling will take place\n"), "\(text.standardOutput)")
        let status = try BluevirtProcess.run(["status", "--json"] + common)
        #expect(!status.standardOutput.contains("\"web-2\""), "\(status.standardOutput)")

        // A deployment whose last apply failed stays `failed`: nothing was installed.
        let store = try StateStore(location: StateLocation(directory: URL(fileURLWithPath: state), source: .option))
        try store.finishExecution(try store.startExecution(deployment: "lab", workflow: .install).id, status: .failed, error: "cut short by the test")
        try #require(try BluevirtProcess.run(["run", "scale", "-p", "scalable_entity_name=web", "-p", "delta=0"] + common).status == 0)
        let list = try BluevirtProcess.run(["list"] + common.dropFirst(2))
        #expect(list.standardOutput.contains("lab  failed"), "\(list.standardOutput)")
    }

    @Test func aKeptCountThePlannerRefusesIsPrintedWithThePlannersReasonAndTheWayBack() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-run-\(UUID().uuidString)").path
        let common = ["-d", "lab", "--state-dir", state]
        try #require(try BluevirtProcess.run(["apply", Self.blueprint, "--simulate"] + common).status == 0)
        // What an older bluevirt left: a scale's count saved before it was planned.
        let store = try StateStore(location: .init(directory: URL(fileURLWithPath: state), source: .option))
        try store.saveScaledCounts(["web": ScaledCount(count: 100_004, declared: 1)], deployment: "lab")
        for command in [["plan", Self.blueprint, "--simulate"], ["apply", Self.blueprint, "--simulate"], ["run", "restart"]] {
            let refused = try BluevirtProcess.run(command + common)
            #expect(refused.status == 1, "\(command): \(refused.standardError)")
            let text = refused.standardError
            #expect(Self.lines(text).contains("error: deployment 'lab' keeps the instance count 100004 for 'web' from an earlier scale, which bluevirt cannot plan [BV0887]"),
                    "\(command): \(text)")
            // The planner's reason, at the count in the blueprint (file:line:column), and what to do.
            #expect(text.contains("two-vms-one-network.yaml:") && text.contains("note: 'web' brings the blueprint to more than 100000 node instances"), "\(text)")
            #expect(text.contains("bluevirt run scale -d lab -p scalable_entity_name=web -p delta=-100003"), "\(text)")
            #expect(text.contains("bluevirt destroy -d lab"), "\(text)")
            #expect(!text.contains("has no plan"), "\(text)")
        }
        let repaired = try BluevirtProcess.run(["run", "scale", "-p", "scalable_entity_name=web", "-p", "delta=-100003"] + common)
        #expect(repaired.status == 0, "\(repaired.standardError)")
        let unchanged = try BluevirtProcess.run(["plan", Self.blueprint, "--simulate"] + common)
        #expect(unchanged.status == 0 && unchanged.standardOutput.contains("No changes"), "\(unchanged.standardOutput)\(unchanged.standardError)")
    }

    @Test func unknownWorkflowsAndParametersAreRefusedWithWhatIsThere() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-run-\(UUID().uuidString)").path
        let common = ["-d", "lab", "--state-dir", state]
        _ = try BluevirtProcess.run(["apply", Self.blueprint, "--simulate"] + common)

        // The example does not import the utilities plugin: its workflows are not there.
        let backup = try BluevirtProcess.run(["run", "backup"] + common)
        #expect(backup.status == 1)
        #expect(backup.standardError.contains("the blueprint has no workflow 'backup' [BV0870]"), "\(backup.standardError)")
        #expect(backup.standardError.contains("import plugin:cloudify-utilities-plugin"))

        let heal = try BluevirtProcess.run(["run", "heal", "-p", "node_instance_id=web-9"] + common)
        #expect(heal.status == 1)
        #expect(heal.standardError.contains("[BV0876]") && heal.standardError.contains("did you mean 'web-1'?"), "\(heal.standardError)")

        let malformed = try BluevirtProcess.run(["run", "heal", "-p", "node_instance_id"] + common)
        #expect(malformed.status == 2, "\(malformed.standardError)")
        #expect(malformed.standardError.contains("[BV0875]"))

        let scaledOut = try BluevirtProcess.run(["run", "scale", "-p", "scalable_entity_name=web", "-p", "delta=2", "--json"] + common)
        #expect(scaledOut.status == 0, "\(scaledOut.standardError)")
        let afterOut = try BluevirtProcess.run(["status", "--json"] + common)
        #expect(["web-1", "web-2", "web-3"].allSatisfy { afterOut.standardOutput.contains("\"\($0)\"") }, "\(afterOut.standardOutput)")
        let scaledIn = try BluevirtProcess.run(["run", "scale", "-p", "scalable_entity_name=web", "-p", "delta=-2"] + common)
        #expect(scaledIn.status == 0, "\(scaledIn.standardError)")
        let afterIn = try BluevirtProcess.run(["status", "--json"] + common)
        #expect(afterIn.standardOutput.contains("\"web-1\"") && !afterIn.standardOutput.contains("\"web-2\""), "\(afterIn.standardOutput)")
        let belowZero = try BluevirtProcess.run(["run", "scale", "-p", "scalable_entity_name=web", "-p", "delta=-5"] + common)
        #expect(belowZero.status == 1, "\(belowZero.standardError)")
        #expect(Self.lines(belowZero.standardError).contains { $0.hasPrefix("error: a delta of -5 would take 'web' from 1 to -4 instances") }
                    && belowZero.standardError.contains("[BV0886]") && belowZero.standardError.contains("give a delta of at least -1"),
                "\(belowZero.standardError)")
        for delta in ["9223372036854775807", "100000"] {
            let tooMany = try BluevirtProcess.run(["run", "scale", "-p", "scalable_entity_name=web", "-p", "delta=\(delta)"] + common)
            #expect(tooMany.status == 1, "\(tooMany.standardError)")
            #expect(tooMany.standardError.contains("[BV0881]") && tooMany.standardError.contains("give a smaller delta"), "\(tooMany.standardError)")
        }
        let unchanged = try BluevirtProcess.run(["plan", Self.blueprint, "--simulate"] + common)
        #expect(unchanged.status == 0 && unchanged.standardOutput.contains("No changes"), "\(unchanged.standardOutput)\(unchanged.standardError)")

        // Every command that takes -d names the deployments there are.
        for command in [["run", "stop"], ["outputs"], ["status"], ["ssh", "web-1"]] {
            let unknown = try BluevirtProcess.run(command + ["-d", "nope", "--state-dir", state])
            #expect(unknown.status == 1, "\(command)")
            #expect(unknown.standardError.contains("there is no deployment 'nope' in \(state) (there are: lab)"), "\(command): \(unknown.standardError)")
        }
    }

    /// As Cloudify's install, every instance ends `started` whatever lifecycle operations its node
    /// has (none, create only, a compute without any), so execute_operation, suspend and resume
    /// act on them; destroy leaves them `deleted`, and a workflow that then has nothing to do says
    /// why. Instances an older bluevirt left `uninitialized` or `created` are taken as started.
    @Test func instancesWithoutLifecycleOperationsAreStartedAndWorkflowsActOnThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("scripts/ping.sh").path
        try "#!/bin/sh\nctx logger info \"pinged $1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let path = folder.appendingPathComponent("eo.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
              - plugin:cloudify-utilities-plugin
            node_templates:
              a:
                type: cloudify.nodes.Root
                interfaces: { maint: { ping: scripts/ping.sh } }
              c:
                type: cloudify.nodes.Compute
                properties: { agent_config: { install_method: none } }
              d:
                type: cloudify.nodes.Root
                interfaces: { cloudify.interfaces.lifecycle: { create: scripts/ping.sh } }
              s:
                type: cloudify.nodes.Root
                interfaces: { cloudify.interfaces.lifecycle: { suspend: scripts/ping.sh, resume: scripts/ping.sh } }

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let stateDirectory = folder.appendingPathComponent("state")
        let common = ["-d", "eo", "--state-dir", stateDirectory.path]
        func bluevirt(_ arguments: [String]) throws -> BluevirtProcess.Result { try BluevirtProcess.run(arguments + common) }
        func states() throws -> [String: NodeInstanceState] {
            let store = try StateStore(location: .init(directory: stateDirectory, source: .option), access: .look)
            return Dictionary(uniqueKeysWithValues: try store.nodeInstances(deployment: "eo").map { ($0.instanceID, $0.state) })
        }
        let applied = try bluevirt(["apply", path, "--simulate"])
        try #require(applied.status == 0, "\(applied.standardError)")
        #expect(try states() == ["a-1": .started, "c-1": .started, "d-1": .started, "s-1": .started])

        let pinged = try bluevirt(["run", "execute_operation", "-p", "operation=maint.ping"])
        #expect(pinged.status == 0, "\(pinged.standardError)")
        #expect(pinged.standardOutput.contains("completed: 1 operation run"), "\(pinged.standardOutput)")
        #expect(pinged.standardError.contains("[info] pinged"), "\(pinged.standardError)")
        for workflow in ["suspend", "resume"] {
            let ran = try bluevirt(["run", workflow])
            #expect(ran.standardOutput.contains("workflow '\(workflow)' of deployment 'eo' completed: 1 operation run"), "\(ran.standardOutput)")
        }

        // What an older bluevirt left after the same install.
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))
        try store.setState(.uninitialized, deployment: "eo", instances: ["a-1", "c-1", "s-1"])
        try store.setState(.created, deployment: "eo", instances: ["d-1"])
        let suspended = try bluevirt(["run", "suspend"])
        #expect(suspended.standardOutput.contains("completed: 1 operation run"), "\(suspended.standardOutput)")
        #expect(try states() == ["a-1": .started, "c-1": .started, "d-1": .started, "s-1": .started])

        let healed = try bluevirt(["run", "heal", "-p", "node_instance_id=d-1"])
        #expect(healed.standardOutput.contains("completed: 1 operation run"), "\(healed.standardOutput)")
        #expect(try states()["d-1"] == .started)

        let destroyed = try bluevirt(["destroy"])
        #expect(destroyed.status == 0, "\(destroyed.standardError)")
        #expect(try states() == ["a-1": .deleted, "c-1": .deleted, "d-1": .deleted, "s-1": .deleted])
        let nothing = try bluevirt(["run", "suspend"])
        #expect(nothing.standardOutput.contains("completed: 0 operations run"), "\(nothing.standardOutput)")
        #expect(nothing.standardError.contains("the instances that implement its operations (s-1) were never made or are deleted"),
                "\(nothing.standardError)")
        let statistics = try bluevirt(["run", "statistics"])
        #expect(statistics.standardError.contains("no instance of deployment 'eo' implements its operations"), "\(statistics.standardError)")
    }
}
