import Foundation
import StateStore
import Testing
import TestSupport

/// `bluevirt run` on a deployment applied with inputs, through the built binary on --simulate:
/// as Cloudify's deployments keep their inputs, run needs none; inputs given that bind
/// otherwise are refused naming each input with both values (masked when a secret's); a
/// deployment an older bluevirt applied (no inputs recorded) takes them given again.
@Suite struct RunWithAppliedInputsTests {
    static let blueprint = WorkflowCommandTests.blueprint

    struct Deployment {
        var state: String
        var common: [String]
    }

    /// The example applied as `app` with its memory_size other than the default.
    static func applied() throws -> Deployment {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-run-inputs-\(UUID().uuidString)").path
        let common = ["-d", "app", "--state-dir", state]
        let apply = try BluevirtProcess.run(["apply", blueprint, "--simulate", "--input", "memory_size=1048576"] + common)
        try #require(apply.status == 0, "\(apply.standardError)")
        return Deployment(state: state, common: common)
    }

    @Test func everyWorkflowRunsWithTheInputsOfApplyWhenGivenNone() throws {
        let app = try Self.applied()
        let restart = try BluevirtProcess.run(["run", "restart"] + app.common)
        #expect(restart.status == 0, "\(restart.standardError)")
        #expect(restart.standardOutput.contains("workflow 'restart' of deployment 'app' completed"), "\(restart.standardOutput)")
        // The same inputs given again are fine too.
        let given = try BluevirtProcess.run(["run", "stop", "--input", "memory_size=1048576"] + app.common)
        #expect(given.status == 0, "\(given.standardError)")

        // A scale is an update with the inputs of apply: the new machine gets their memory, and
        // the deployment still matches the blueprint with those inputs.
        let scale = try BluevirtProcess.run(["run", "scale", "-p", "scalable_entity_name=web"] + app.common)
        #expect(scale.status == 0, "\(scale.standardError)")
        let plan = try BluevirtProcess.run(["plan", Self.blueprint, "--simulate", "--input", "memory_size=1048576"] + app.common)
        #expect(plan.status == 0 && plan.standardOutput.contains("No changes"), "\(plan.standardOutput)\(plan.standardError)")
        let world = try FileManager.default.subpathsOfDirectory(atPath: app.state + "/simulated").filter { $0.hasSuffix(".xml") }
            .map { try String(contentsOfFile: app.state + "/simulated/" + $0, encoding: .utf8) }.joined()
        #expect(world.contains("<name>app-web-2</name>"), "no web-2 in the simulated world")
        #expect(world.components(separatedBy: "<currentMemory unit='KiB'>1048576</currentMemory>").count == 4 && !world.contains("524288"),
                "a machine has the default memory, not the one applied: \(world)")
    }

    @Test func inputsThatBindOtherwiseAreRefusedNamingEachWithBothValues() throws {
        let app = try Self.applied()
        for workflow in [["restart"], ["scale", "-p", "scalable_entity_name=web"]] {
            let refused = try BluevirtProcess.run(["run"] + workflow + ["--input", "vcpu=2"] + app.common)
            #expect(refused.status == 1, "\(workflow): \(refused.standardError)")
            let lines = WorkflowCommandTests.lines(refused.standardError)
            #expect(lines.contains("error: the inputs given differ from those deployment 'app' was applied with, so workflow '\(workflow[0])' cannot act on it [BV0879]"),
                    "\(refused.standardError)")
            // memory_size falls back to its default: the note is at the default in the blueprint.
            #expect(lines.contains { $0.hasSuffix("two-vms-one-network.yaml:24:14: note: input 'memory_size': applied 1048576, given 524288 (its default)") },
                    "\(refused.standardError)")
            #expect(lines.contains("note: input 'vcpu': applied 1 (its default), given 2"), "\(refused.standardError)")
            #expect(lines.contains { $0.hasPrefix("note: leave out --inputs and --input to run with the inputs the deployment was applied with") },
                    "\(refused.standardError)")
            #expect(!refused.standardError.contains("<command line>:1:1"), "\(refused.standardError)")
        }
        // A value from an --inputs file is shown at its key there.
        let file = app.state + "-inputs.yaml"
        try "memory_size: 2097152\n".write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try BluevirtProcess.run(["run", "restart", "--inputs", file] + app.common)
        #expect(fromFile.status == 1)
        #expect(fromFile.standardError.contains("\(file):1:1: note: input 'memory_size': applied 1048576, given 2097152"), "\(fromFile.standardError)")
        let history = try BluevirtProcess.run(["history", "--json"] + app.common)
        #expect(!history.standardOutput.contains("restart"), "a refused run ran: \(history.standardOutput)")
    }

    @Test func aSecretsValueOrAHiddenInputIsNotShown() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-run-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("tokens.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_4
            imports:
              - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
            inputs:
              token: { type: string, default: { get_secret: api_token } }
              label: { type: string, default: plain }
              pin: { type: string, default: "0000", hidden: true }
            node_templates:
              app:
                type: cloudify.nodes.Root
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let secret = "tok-5f1e-93ab-c2d7"
        let common = ["-d", "tokens", "--state-dir", folder.appendingPathComponent("state").path, "--secret", "api_token=\(secret)"]
        let apply = try BluevirtProcess.run(["apply", path, "--simulate", "--input", "label=\(secret)", "--input", "pin=4321"] + common)
        try #require(apply.status == 0, "\(apply.standardError)")
        #expect(try BluevirtProcess.run(["run", "restart"] + common).status == 0)

        let refused = try BluevirtProcess.run(["run", "restart", "--input", "label=other", "--input", "pin=9876"] + common)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("note: input 'label': applied \"${get_secret: api_token}\", given \"other\""), "\(refused.standardError)")
        #expect(refused.standardError.contains("note: input 'pin': the value given differs from the one applied (the blueprint declares it hidden: neither is shown)"),
                "\(refused.standardError)")
        for value in [secret, "4321", "9876"] {
            #expect(!refused.standardError.contains(value) && !refused.standardOutput.contains(value), "'\(value)' shown: \(refused.standardError)")
        }
    }

    @Test func aDeploymentAnOlderBluevirtAppliedTakesItsInputsGivenAgainUntilAppliedAgain() throws {
        let app = try Self.applied()
        // What an older bluevirt recorded: the digests, no inputs.
        let store = try StateStore(location: .init(directory: URL(fileURLWithPath: app.state), source: .option))
        let recorded = try #require(try store.deployment(named: "app"))
        try store.saveDeployment(name: "app", blueprintPath: recorded.blueprintPath, blueprintDigest: recorded.blueprintDigest,
                                 inputsDigest: recorded.inputsDigest)

        let without = try BluevirtProcess.run(["run", "restart"] + app.common)
        #expect(without.status == 1)
        #expect(WorkflowCommandTests.lines(without.standardError).contains(
            "error: the blueprint, its inputs or the connections differ from what deployment 'app' was applied with, so workflow 'restart' cannot act on it [BV0879]"),
                "\(without.standardError)")
        #expect(without.standardError.contains("note: give run the same blueprint, --inputs, --input and --connect as apply"), "\(without.standardError)")
        let given = try BluevirtProcess.run(["run", "restart", "--input", "memory_size=1048576"] + app.common)
        #expect(given.status == 0, "\(given.standardError)")

        // An apply with nothing to change records them.
        let again = try BluevirtProcess.run(["apply", Self.blueprint, "--simulate", "--input", "memory_size=1048576"] + app.common)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try store.deployment(named: "app")?.appliedInputs == ["memory_size": .integer(1_048_576)])
        let after = try BluevirtProcess.run(["run", "restart"] + app.common)
        #expect(after.status == 0, "\(after.standardError)")
    }
}
