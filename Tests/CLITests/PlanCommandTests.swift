import Foundation
import StateStore
import Testing
import TestSupport

/// `bluevirt plan` and updates through the built binary: plan reads a state without changing
/// it, `--json` is one document with a summary, apply refuses to replace a volume without
/// `--allow-replace`, and status names a drifted field.
@Suite struct PlanCommandTests {
    static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
          - plugin:cloudify-libvirt-plugin
        inputs:
          count: { type: integer, default: 1 }
          disk_size: { type: integer, default: 1 }
        node_templates:
          images:
            type: cloudify.libvirt.pool
            properties:
              params: { path: /var/lib/bluevirt-plan-test }
          disk:
            type: cloudify.libvirt.volume
            properties:
              params: { pool: { get_attribute: [ images, resource_id ] }, format: qcow2, capacity: { get_input: disk_size } }
            relationships:
              - { type: cloudify.relationships.depends_on, target: images }
          vm:
            type: cloudify.libvirt.domain
            instances: { deploy: { get_input: count } }
            properties:
              agent_config: { install_method: none }
              params: { domain_type: qemu, vcpu: 1, memory_size: 262144, wait_for_ip: false }
        """

    @Test func planShowsTheUpdateAndApplyMakesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("app.yaml").path
        try Self.blueprint.write(toFile: path, atomically: true, encoding: .utf8)
        let state = ["--state-dir", folder.appendingPathComponent("state").path]
        func bluevirt(_ arguments: [String]) throws -> BluevirtProcess.Result { try BluevirtProcess.run(arguments + state) }

        // Before any apply everything is a create, and nothing is written.
        let first = try bluevirt(["plan", path, "--simulate"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("Plan: 3 to create, 0 unchanged."), "\(first.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("state").path))

        #expect(try bluevirt(["apply", path, "--simulate"]).status == 0)
        func recorded() throws -> ([NodeInstanceRecord], [Execution]) {
            let store = try StateStore(location: .init(directory: folder.appendingPathComponent("state"), source: .option), access: .look)
            return (try store.nodeInstances(deployment: "app"), try store.executions(deployment: "app"))
        }
        let before = try recorded()
        let plan = try bluevirt(["plan", path, "--simulate", "--input", "count=2", "--json"])
        #expect(plan.status == 0, "\(plan.standardError)")
        let json = try JSONValue(jsonText: plan.standardOutput)
        guard case .object(let fields) = json, case .object(let summary)? = fields["summary"] else {
            Issue.record("no summary in \(plan.standardOutput)")
            return
        }
        #expect(summary["create"] == .integer(1) && summary["unchanged"] == .integer(3))
        let after = try recorded()
        #expect(after.0 == before.0 && after.1 == before.1, "plan changed the state")

        let scaled = try bluevirt(["apply", path, "--simulate", "--input", "count=2"])
        #expect(scaled.status == 0, "\(scaled.standardError)")
        #expect(try bluevirt(["status", "-d", "app"]).standardOutput.contains("vm-2  started"))

        let refused = try bluevirt(["apply", path, "--simulate", "--input", "count=2", "--input", "disk_size=2"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("--allow-replace"), "\(refused.standardError)")
        let replaced = try bluevirt(["apply", path, "--simulate", "--input", "count=2", "--input", "disk_size=2", "--allow-replace"])
        #expect(replaced.status == 0, "\(replaced.standardError)")
        let unchanged = try bluevirt(["plan", path, "--simulate", "--input", "count=2", "--input", "disk_size=2"])
        #expect(unchanged.standardOutput.contains("No changes"), "\(unchanged.standardOutput)")

        // Without --simulate every object would move to the real connection: plan and apply
        // refuse that, and apply touches nothing.
        let real = try bluevirt(["plan", path, "--input", "count=2", "--input", "disk_size=2", "--connect", "qemu:///system"])
        #expect(real.status == 1, "\(real.standardOutput)")
        #expect(real.standardError.contains("deployment 'app' was applied with --simulate") && real.standardError.contains("Give --simulate"),
                "\(real.standardError)")
        let forgotten = try bluevirt(["apply", path, "--input", "count=2", "--input", "disk_size=2", "--connect", "qemu:///system"])
        #expect(forgotten.status == 1)
        #expect(forgotten.standardError.contains("was applied with --simulate"), "\(forgotten.standardError)")
        #expect(!forgotten.standardOutput.contains("update:") && !forgotten.standardOutput.contains("started"), "\(forgotten.standardOutput)")
        #expect(try bluevirt(["status", "-d", "app"]).standardOutput.contains("vm-2  started"))
    }

    /// Plan names each input bound otherwise than at the last apply with both values, given then
    /// or now, and shows them as run's refusal does: a secret's value masked, a hidden input's
    /// neither.
    @Test func planNamesEachChangedInputWithItsValuesMaskedAsRunShowsThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-plan-\(UUID().uuidString)")
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
              count: { type: integer, default: 1 }
            node_templates:
              app:
                type: cloudify.nodes.Root
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let secret = "tok-5f1e-93ab-c2d7"
        let common = ["-d", "tokens", "--state-dir", folder.appendingPathComponent("state").path, "--secret", "api_token=\(secret)"]
        let apply = try BluevirtProcess.run(["apply", path, "--simulate", "--input", "label=\(secret)", "--input", "pin=4321", "--input", "count=3"] + common)
        try #require(apply.status == 0, "\(apply.standardError)")

        let changed = ["--input", "label=other", "--input", "pin=9876", "--input", "token=x"]
        let plan = try BluevirtProcess.run(["plan", path, "--simulate"] + changed + common)
        #expect(plan.status == 0, "\(plan.standardError)")
        let lines = WorkflowCommandTests.lines(plan.standardOutput)
        #expect(lines.contains("  - input count: 3 → 1 (its default)"), "\(plan.standardOutput)")
        #expect(lines.contains(#"  ~ input label: "${get_secret: api_token}" → "other""#), "\(plan.standardOutput)")
        #expect(lines.contains("  ~ input pin: given otherwise than at the last apply (the blueprint declares it hidden: neither is shown)"),
                "\(plan.standardOutput)")
        #expect(lines.contains(#"  + input token: its default → "x""#), "\(plan.standardOutput)")
        #expect(!plan.standardOutput.contains("~ inputs:"), "\(plan.standardOutput)")

        let json = try JSONValue(jsonText: try BluevirtProcess.run(["plan", path, "--simulate", "--json"] + changed + common).standardOutput)
        guard case .object(let fields) = json, case .array(let inputs)? = fields["inputs"] else { Issue.record("no inputs: \(json)"); return }
        #expect(inputs.count == 4)
        #expect(inputs.contains(.object(["name": .string("label"), "hidden": .bool(false), "old": .string("${get_secret: api_token}"),
                                         "old_is_default": .bool(false), "new": .string("other"), "new_is_default": .bool(false)])), "\(inputs)")
        #expect(inputs.contains(.object(["name": .string("pin"), "hidden": .bool(true), "old": .null,
                                         "old_is_default": .bool(false), "new": .null, "new_is_default": .bool(false)])), "\(inputs)")
        let text = plan.standardOutput + json.jsonText()
        for value in [secret, "4321", "9876"] { #expect(!text.contains(value), "'\(value)' shown: \(text)") }

        // What an older bluevirt recorded: the digests, no values to name inputs by.
        let store = try StateStore(location: .init(directory: folder.appendingPathComponent("state"), source: .option))
        let recorded = try #require(try store.deployment(named: "tokens"))
        try store.saveDeployment(name: "tokens", blueprintPath: recorded.blueprintPath, blueprintDigest: recorded.blueprintDigest,
                                 inputsDigest: recorded.inputsDigest)
        let older = try BluevirtProcess.run(["plan", path, "--simulate"] + changed + common)
        #expect(WorkflowCommandTests.lines(older.standardOutput).contains(
            "  ~ inputs: given otherwise than at the last apply (an older bluevirt applied the deployment and kept no values to compare)"),
                "\(older.standardOutput)")
    }

    /// New outputs, inputs or another blueprint file with the same objects: plan names them,
    /// apply records them without running an operation and prints the new outputs, and `outputs`
    /// shows them; only once all are as recorded is the deployment unchanged.
    @Test func applyRecordsNewOutputsInputsAndBlueprintFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("inout.yaml").path
        let header = """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [ http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml ]
            inputs:  { greeting: { default: hello } }
            node_templates: { n: { type: cloudify.nodes.Root } }

            """
        try (header + "outputs: { g: { value: { get_input: greeting } } }\n").write(toFile: path, atomically: true, encoding: .utf8)
        let stateDirectory = folder.appendingPathComponent("state")
        func bluevirt(_ arguments: [String]) throws -> BluevirtProcess.Result {
            try BluevirtProcess.run(arguments + ["--state-dir", stateDirectory.path])
        }
        func executions() throws -> Int {
            try StateStore(location: .init(directory: stateDirectory, source: .option), access: .look).executions(deployment: "inout").count
        }
        #expect(try bluevirt(["apply", path, "--simulate"]).standardOutput.contains("g: hello"))

        let plan = try bluevirt(["plan", path, "--simulate", "--input", "greeting=bye"])
        #expect(plan.status == 0, "\(plan.standardError)")
        #expect(plan.standardOutput.contains("~ output g: hello → bye") && plan.standardOutput.contains(#"+ input greeting: its default → "bye""#)
                && !plan.standardOutput.contains("No changes"), "\(plan.standardOutput)")
        #expect(plan.standardOutput.contains("Plan: 1 unchanged, 1 output changed, inputs changed."), "\(plan.standardOutput)")
        let json = try JSONValue(jsonText: try bluevirt(["plan", path, "--simulate", "--input", "greeting=bye", "--json"]).standardOutput)
        guard case .object(let fields) = json else { Issue.record("not an object: \(json)"); return }
        #expect(fields["outputs"] == .array([.object(["name": .string("g"), "old": .string("hello"), "new": .string("bye")])]))
        #expect(fields["inputs_changed"] == .bool(true))

        let applied = try bluevirt(["apply", path, "--simulate", "--input", "greeting=bye"])
        #expect(applied.status == 0, "\(applied.standardError)")
        #expect(applied.standardError.contains("update: 1 unchanged, 1 output changed, inputs changed"), "\(applied.standardError)")
        #expect(applied.standardOutput.contains("applied: 0 operations run") && applied.standardOutput.contains("g: bye"),
                "\(applied.standardOutput)")
        #expect(try bluevirt(["outputs", "-d", "inout"]).standardOutput.contains("g: bye"))

        // The blueprint edited: another value and a new output.
        try (header + "outputs: { g: { value: { concat: [ { get_input: greeting }, '!' ] } }, h: { value: 2 } }\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let edited = try bluevirt(["plan", path, "--simulate", "--input", "greeting=bye"])
        #expect(edited.standardOutput.contains("~ output g: bye → bye!") && edited.standardOutput.contains("+ output h: 2")
                && edited.standardOutput.contains("No object changes: apply records the new outputs without running an operation."),
                "\(edited.standardOutput)")
        #expect(try bluevirt(["apply", path, "--simulate", "--input", "greeting=bye"]).standardOutput.contains("h: 2"))
        #expect(try bluevirt(["outputs", "-d", "inout"]).standardOutput.contains("g: bye!"))

        // The same file named otherwise is no change; another file is recorded for run and destroy.
        let recorded = try executions()
        let again = try bluevirt(["apply", folder.path + "/./inout.yaml", "--simulate", "--input", "greeting=bye", "-d", "inout"])
        #expect(again.standardOutput.contains("is unchanged: nothing to do"), "\(again.standardOutput)")
        #expect(try executions() == recorded)
        let copy = folder.appendingPathComponent("copy.yaml").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        #expect(try bluevirt(["plan", copy, "--simulate", "--input", "greeting=bye", "-d", "inout"]).standardOutput
            .contains("~ blueprint file: \(copy) (was \(path))"))
        #expect(try bluevirt(["apply", copy, "--simulate", "--input", "greeting=bye", "-d", "inout"]).status == 0)
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option), access: .look)
        #expect(try store.deployment(named: "inout")?.blueprintPath == copy)
    }
}
