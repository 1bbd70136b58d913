import Blueprint
@testable import Engine
import Foundation
import LibvirtBackend
import StateStore
import Testing
import TestSupport
import YAMLSource

/// Issue 12: `bluevirt run` with Cloudify's built-in workflows and the utilities plugin's, on
/// a simulated deployment; every run recorded for `bluevirt history`.
@Suite struct WorkflowTests {
    static let fixture = Paths.fixture("workflows/app.yaml")

    // MARK: the utilities plugin's workflows

    @Test func backupRestoreAndRemoveBackupUseLibvirtSnapshotsAndKeptCopies() async throws {
        let bench = try await Bench()
        let backup = try await bench.run("backup", ["snapshot_name": .string("first")])
        #expect(backup.result == .completed, "\(backup.failures)")
        #expect(backup.ran == 2)
        // The domain's snapshot outlives the process: it is in the simulated world.
        #expect(try bench.world().contains("<name>vm-1-first</name>"))
        let domain = try await bench.domain()
        #expect(try await domain.snapshotNames() == ["vm-1-first"])
        // The network's incremental backup is its XML, kept in the runtime property `backups`.
        guard case .object(let backups)? = try bench.record("lan-1").runtimeProperties["backups"] else {
            Issue.record("no backups recorded for lan-1")
            return
        }
        #expect(backups.keys.sorted() == ["lan-1-first"])
        // The raw disk is left out, as the domain's definition says.
        #expect(try await domain.xmlDescription(inactive: true).contains("<disk type='file' device='disk' snapshot='no'>"))

        let again = try await bench.run("backup", ["snapshot_name": .string("first")])
        #expect(again.result == .failed)
        #expect(again.failures.first?.message.contains("Snapshot lan-1-first already exists.") == true, "\(again.failures)")
        // The plugin's message said only that it exists: now also how to go on.
        #expect(again.failures.first?.message.contains("Remove it first (bluevirt run remove_backup -d wf -p snapshot_name=first)") == true,
                "\(again.failures)")

        let restore = try await bench.run("restore", ["snapshot_name": .string("first")])
        #expect(restore.result == .completed, "\(restore.failures)")
        #expect(bench.events.messages.contains { $0.contains("Reverted to: vm-1-first") })

        let removed = try await bench.run("remove_backup", ["snapshot_name": .string("first")])
        #expect(removed.result == .completed, "\(removed.failures)")
        #expect(try await bench.domain().snapshotNames().isEmpty)
        #expect(try !bench.world().contains("vm-1-first"))
        let missing = try await bench.run("remove_backup", ["snapshot_name": .string("first")])
        #expect(missing.failures.first?.message.contains("No snapshots found with name: lan-1-first.") == true, "\(missing.failures)")
        #expect(missing.failures.first?.message.contains("A backup made with -p snapshot_incremental=false is restored and removed with -p snapshot_incremental=false too") == true,
                "\(missing.failures)")
        // A failed backup task leaves the instance's state alone: the network is there.
        #expect(try bench.record("lan-1").state == .started)
    }

    /// A user's template that does not mark a raw disk `snapshot="no"`: libvirt would refuse
    /// the snapshot with "disk 'vdb' must use snapshot mode 'internal'"; the failure says why
    /// and what to do instead.
    @Test func aWritableRawDiskTheDomainDoesNotLeaveOutOfSnapshotsIsNamedWithTheWayOut() {
        let disk = """
            <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/srv/d.raw'/><target dev='vdb' bus='virtio'/></disk>
            """
        let unmarked = "<domain><devices>\(disk)</devices></domain>"
        #expect(LibvirtObjectBackend.writableDiskLibvirtKeepsInSnapshots(unmarked)?.target == "vdb")
        let marked = unmarked.replacingOccurrences(of: "device='disk'>", with: "device='disk' snapshot='no'>")
        #expect(LibvirtObjectBackend.writableDiskLibvirtKeepsInSnapshots(marked) == nil)
        let readonly = unmarked.replacingOccurrences(of: "</disk>", with: "<readonly/></disk>")
        #expect(LibvirtObjectBackend.writableDiskLibvirtKeepsInSnapshots(readonly) == nil)
    }

    @Test func aNetworkIsRestoredFromItsXMLBackupFileAfterItWasRemovedBehindBluevirtsBack() async throws {
        let bench = try await Bench()
        let backup = try await bench.run("backup", ["snapshot_name": .string("files"), "snapshot_incremental": .bool(false)])
        #expect(backup.result == .completed, "\(backup.failures)")
        let file = bench.blueprintDirectory.appendingPathComponent("backups/files/wf-lan-1.xml")
        #expect(try String(contentsOf: file, encoding: .utf8).contains("<name>wf-lan-1</name>"))
        #expect(FileManager.default.fileExists(atPath: bench.blueprintDirectory.appendingPathComponent("backups/files/wf-vm-1.xml").path))

        let connection = try await bench.connection()
        let network = try await connection.network(named: "wf-lan-1")
        try await network.destroy()
        try await network.undefine()
        try await SimulatedWorlds.save([bench.uri], connections: bench.pool)

        let restore = try await bench.run("restore", ["snapshot_name": .string("files"), "snapshot_incremental": .bool(false)])
        #expect(restore.result == .completed, "\(restore.failures)")
        #expect(try await bench.connection().network(named: "wf-lan-1").isActive())
        #expect(try bench.world().contains("<name>wf-lan-1</name>"))

        let removed = try await bench.run("remove_backup", ["snapshot_name": .string("files"), "snapshot_incremental": .bool(false)])
        #expect(removed.result == .completed, "\(removed.failures)")
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func aFullDumpSavesTheDomainsMemoryAndRestoresItKeepingItsDefinition() async throws {
        let bench = try await Bench()
        let kwargs = JSONValue.object(["snapshot_name": .string("dump"), "snapshot_incremental": .bool(false),
                                       "params": .object(["full_dump": .bool(true)])])
        func task(_ operation: String) async throws -> RunReport {
            try await bench.run("execute_operation", ["operation": .string("cloudify.interfaces.snapshot.\(operation)"),
                                                      "operation_kwargs": kwargs, "node_ids": .array([.string("vm")])])
        }
        #expect(try await task("create").result == .completed)
        let dump = bench.blueprintDirectory.appendingPathComponent("backups/dump/wf-vm-1_raw")
        #expect(FileManager.default.fileExists(atPath: dump.path))
        #expect(try await bench.domain().state().state == .running)
        #expect(try await task("create").failures.first?.message.contains("Backup dump already exists") == true)

        #expect(try await task("apply").result == .completed)
        let domain = try await bench.domain()
        #expect(try await domain.state().state == .running)
        #expect(try await domain.isPersistent())
        #expect(try await task("delete").result == .completed)
        #expect(!FileManager.default.fileExists(atPath: dump.path))
    }

    @Test func restoreWithoutASnapshotNameIsRefusedBeforeAnythingRuns() async throws {
        let bench = try await Bench()
        await #expect(throws: WorkflowRefused.self) { try await bench.run("restore", [:]) }
        let executions = try bench.store.executions(deployment: "wf")
        #expect(executions.map(\.workflow) == [.install])
    }

    @Test func suspendResumeAndStatisticsActOnTheDomain() async throws {
        let bench = try await Bench()
        #expect(try await bench.run("suspend", [:]).result == .completed)
        #expect(try await bench.domain().state().state == .paused)
        #expect(try await bench.run("resume", [:]).result == .completed)
        #expect(try await bench.domain().state().state == .running)

        #expect(try await bench.run("statistics", [:]).result == .completed)
        guard case .object(let stat)? = try bench.record("vm-1").runtimeProperties["stat"] else {
            Issue.record("no stat runtime property")
            return
        }
        // 512.0 MiB: stored as JSON, a whole number reads back as an integer.
        #expect([JSONValue.number(512), .integer(512)].contains(stat["memory"]), "\(stat)")
        #expect(stat["cpu"] != nil)
    }

    // MARK: Cloudify's built-in workflows

    @Test func stopStartAndRestartFollowTheLifecycle() async throws {
        let bench = try await Bench()
        let stopped = try await bench.run("stop", [:])
        #expect(stopped.result == .completed, "\(stopped.failures)")
        #expect(try await bench.domain().state().state == .shutOff)
        #expect(try bench.record("vm-1").state == .stopped)
        // Stopped on purpose: status calls it neither drift nor gone.
        let status = try #require(await InstanceStatus.inspect([try bench.record("vm-1")], connections: bench.pool).first)
        #expect(status.drift == nil, "\(status.drift ?? "")")
        #expect(status.exists)
        let started = try await bench.run("start", ["node_ids": .array([.string("vm")])])
        #expect(started.result == .completed)
        #expect(started.ran == 1)
        #expect(try await bench.domain().state().state == .running)
        #expect(try bench.record("vm-1").state == .started)
        let restarted = try await bench.run("restart", [:])
        #expect(restarted.ran == 2)
        #expect(try bench.record("vm-1").state == .started)
        let steps = try bench.history().entries.last?.steps.map(\.key)
        #expect(steps == ["vm-1/stop", "vm-1/start"])
    }

    @Test func aStoppedDomainStaysStoppedThroughAnUnchangedApplyAndIsDestroyed() async throws {
        let bench = try await Bench()
        #expect(try await bench.run("stop", ["node_ids": .array([.string("vm")])]).result == .completed)
        let (blueprint, run) = try Bench.plan(bench.blueprintPath, inputs: [])
        let again = try await bench.runner().apply(blueprint: blueprint, blueprintPath: bench.blueprintPath, run: run, inputsText: "",
                                                   connections: .init(simulate: true))
        #expect(again.result == .unchanged, "\(again.failures)")
        #expect(try bench.record("vm-1").state == .stopped)
        #expect(try await bench.domain().state().state == .shutOff)
        let destroyed = try await bench.runner().destroy(deployment: "wf")
        #expect(destroyed.result == .destroyed, "\(destroyed.failures)")
        #expect(try !bench.world().contains("<name>wf-vm-1</name>"))
    }

    @Test func aStoppedDomainWhoseDocumentChangesIsDefinedAgainAndStartedByTheUpdate() async throws {
        let bench = try await Bench()
        #expect(try await bench.run("stop", ["node_ids": .array([.string("vm")])]).result == .completed)
        let (blueprint, run) = try Bench.plan(bench.blueprintPath, inputs: [ProvidedInput.parse(assignment: "memory_size=262144").0].compactMap { $0 })
        // plan says so first.
        let planned = try await bench.runner().plan(blueprint: blueprint, run: run, connections: .init(simulate: true))
        let change = try #require(planned.changes.first { $0.instance == "vm-1" }, "\(planned.text())")
        #expect(change.action == .redefine && change.reasons.contains("it is stopped: the update defines it again and starts it"), "\(planned.text())")
        let updated = try await bench.runner().apply(blueprint: blueprint, blueprintPath: bench.blueprintPath, run: run, inputsText: "memory_size=262144",
                                                     connections: .init(simulate: true))
        #expect(updated.result == .applied, "\(updated.failures)")
        #expect(try bench.record("vm-1").state == .started)
        #expect(try await bench.domain().state().state == .running)
        #expect(try await bench.domain().usage().memoryKiB == 262144)
    }

    @Test func executeOperationRunsAnyOperationWithItsKwargsOnTheSelectedInstances() async throws {
        let bench = try await Bench()
        let updated = try await bench.run("execute_operation", [
            "operation": .string("cloudify.interfaces.lifecycle.update"),
            "operation_kwargs": .object(["params": .object(["memory_size": .integer(262144)])]),
            "node_instance_ids": .array([.string("vm-1")]),
        ])
        #expect(updated.result == .completed, "\(updated.failures)")
        #expect(try await bench.domain().usage().memoryKiB == 262144)

        await #expect(throws: WorkflowRefused.self) {
            try await bench.run("execute_operation", ["operation": .string("cloudify.interfaces.freeze.suspnd")])
        }
        // Without a near miss, or without its interface, the note names what to give (it listed
        // the operations, or gave an example the deployment may not have).
        for (operation, step) in [("lab.nothing", "give -p operation= one of the selected nodes' operations: "),
                                  ("suspend", "give -p operation= one of the deployment's operations: ")] {
            do {
                _ = try await bench.run("execute_operation", ["operation": .string(operation)])
                Issue.record("operation '\(operation)' was accepted")
            } catch let refused as WorkflowRefused {
                #expect(refused.diagnostics.first?.code == .operationNotFound)
                let notes = refused.diagnostics.first?.notes.map(\.message) ?? []
                #expect(notes.contains { $0.hasPrefix(step) && $0.contains("cloudify.interfaces.lifecycle.create") }, "\(operation): \(notes)")
            }
        }
        do {
            _ = try await bench.run("start", ["node_ids": .array([.string("vn")])])
            Issue.record("an unknown node id was accepted")
        } catch let refused as WorkflowRefused {
            #expect(refused.diagnostics.first?.code == .unknownWorkflowTarget)
            #expect(refused.diagnostics.first?.notes.contains { $0.message.contains("did you mean 'vm'?") } == true)
        }
    }

    @Test func healMakesADomainUndefinedBehindBluevirtsBackAgain() async throws {
        let bench = try await Bench()
        let domain = try await bench.domain()
        try await domain.destroy()
        try await domain.undefine()
        try await SimulatedWorlds.save([bench.uri], connections: bench.pool)

        let healed = try await bench.run("heal", ["node_instance_id": .string("vm-1")])
        #expect(healed.result == .completed, "\(healed.failures)")
        #expect(try await bench.domain().state().state == .running)
        #expect(try bench.world().contains("<name>wf-vm-1</name>"))
        #expect(try bench.record("vm-1").state == .started)
        let steps = try bench.history().entries.last?.steps.map(\.key) ?? []
        #expect(steps.first == "vm-1/stop")
        #expect(steps.contains("vm-1/create") && steps.last == "vm-1/establish/target/0/lan-1", "\(steps)")
        // The network is not part of the domain's subgraph.
        #expect(!steps.contains { $0.hasPrefix("lan-1/") })
    }

    @Test func outputsFollowTheAddressesARestartOrHealGives() async throws {
        let bench = try await Bench()
        func recorded() throws -> (output: JSONValue?, ip: JSONValue?) {
            guard case .object(let outputs)? = try bench.store.outputs(deployment: "wf") else { return (nil, nil) }
            return (outputs["vm_address"], try bench.record("vm-1").runtimeProperties["ip"])
        }
        var seen: [JSONValue?] = [try recorded().output]
        for (workflow, parameters) in [("restart", [:]), ("heal", ["node_instance_id": JSONValue.string("vm-1")])] {
            let report = try await bench.run(workflow, parameters)
            #expect(report.result == .completed, "\(report.failures)")
            let now = try recorded()
            #expect(now.output != nil && now.output == now.ip, "\(workflow)")
            // The simulated DHCP gives the domain a new lease each time it starts.
            #expect(!seen.contains(now.output), "\(workflow): \(seen)")
            seen.append(now.output)
        }
    }

    @Test func healingANetworkRelinksTheDomainsConnectedToIt() async throws {
        let bench = try await Bench()
        let network = try await bench.connection().network(named: "wf-lan-1")
        try await network.destroy()
        try await network.undefine()
        let healed = try await bench.run("heal", ["node_instance_id": .string("lan-1")])
        #expect(healed.result == .completed, "\(healed.failures)")
        #expect(try await bench.connection().network(named: "wf-lan-1").isActive())
        let steps = try bench.history().entries.last?.steps.map(\.key) ?? []
        // The domain is not reinstalled; only its relationship to the network is unlinked and established again.
        #expect(steps.contains { $0.hasPrefix("vm-1/unlink/") } && steps.contains { $0.hasPrefix("vm-1/establish/") }, "\(steps)")
        #expect(!steps.contains("vm-1/create") && steps.contains("lan-1/create"), "\(steps)")
    }

    /// As the plugin's delete tasks: a network made again (heal, or destroy then apply) starts
    /// with no XML backups, so a backup of the same name is not "already exists".
    @Test func aNetworkMadeAgainKeepsNoBackupsOfTheOneDeleted() async throws {
        let bench = try await Bench()
        let parameters: [String: JSONValue] = ["operation": .string("cloudify.interfaces.snapshot.create"), "node_ids": .array([.string("lan")]),
                                               "operation_kwargs": .object(["snapshot_name": .string("n1"), "snapshot_incremental": .bool(true)])]
        let backup = try await bench.run("execute_operation", parameters)
        #expect(backup.result == .completed, "\(backup.failures)")
        #expect(try bench.record("lan-1").runtimeProperties["backups"] != .object([:]))
        let healed = try await bench.run("heal", ["node_instance_id": .string("lan-1")])
        #expect(healed.result == .completed, "\(healed.failures)")
        #expect(try bench.record("lan-1").runtimeProperties["backups"] == .object([:]))
        let again = try await bench.run("execute_operation", parameters)
        #expect(again.result == .completed, "\(again.failures)")
    }

    @Test func operationKwargsThatRedefineDeclaredInputsNeedConsent() async throws {
        let bench = try await Bench()
        let parameters: [String: JSONValue] = [
            "operation": .string("cloudify.interfaces.lifecycle.create"),
            "operation_kwargs": .object(["template_content": .string("")]),
            "node_ids": .array([.string("lan")]),
        ]
        do {
            _ = try await bench.run("execute_operation", parameters)
            Issue.record("a redefined input was accepted")
        } catch let refused as WorkflowRefused {
            #expect(refused.diagnostics.map(\.code) == [.kwargsRedefineInputs])
            #expect(refused.diagnostics.first?.message.contains("template_content") == true)
        }
        var allowed = parameters
        allowed["allow_kwargs_override"] = .bool(true)
        #expect(try await bench.run("execute_operation", allowed).result == .completed)
    }

    @Test func aScriptWorkflowRunsWithItsParametersAsInputs() async throws {
        let bench = try await Bench()
        let target = bench.blueprintDirectory.appendingPathComponent("greeting.txt").path
        let report = try await bench.run("greet", ["target": .string(target)], scripts: ScriptRunner(ctxExecutable: BluevirtProcess.binary))
        #expect(report.result == .completed, "\(report.failures)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "hello\n")
        #expect(bench.events.messages.contains("[info] greet says hello"), "\(bench.events.messages)")
        let last = try #require(try bench.history().entries.last)
        #expect(last.execution.workflow.rawValue == "greet")
        #expect(last.execution.parameters == .object(["greeting": .string("hello"), "target": .string(target)]))
        #expect(last.steps.map(\.status) == ["finished"])
    }

    @Test func theScriptPluginsWorkflowTaskRunsTheScriptItsParameterNames() async throws {
        let bench = try await Bench()
        let target = bench.blueprintDirectory.appendingPathComponent("greeting.txt").path
        let report = try await bench.run("greet_explicitly", ["target": .string(target)], scripts: ScriptRunner(ctxExecutable: BluevirtProcess.binary))
        #expect(report.result == .completed, "\(report.failures)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "hi\n")
    }

    @Test func aFailedScriptWorkflowIsTheWorkflowsFailureNotAnInstances() async throws {
        let bench = try await Bench()
        // The script's last command, writing into a folder that does not exist, fails.
        let target = bench.blueprintDirectory.appendingPathComponent("no-such-folder/greeting.txt").path
        let report = try await bench.run("greet", ["target": .string(target)], scripts: ScriptRunner(ctxExecutable: BluevirtProcess.binary))
        #expect(report.result == .failed)
        let failure = try #require(report.failures.first)
        #expect(failure.instance == nil)
        #expect(failure.step == "workflow/greet")
        #expect("\(failure)".hasPrefix("workflow 'greet' failed: script 'scripts/greet.sh' exited with status"), "\(failure)")
    }

    // MARK: parameters

    @Test func parametersAreCheckedAgainstTheWorkflowsDeclaration() throws {
        let blueprint = try #require(BlueprintLoader.load(path: Self.fixture, inputs: []).blueprint)
        let (given, problems) = WorkflowCall.parse(assignments: ["snapshot_nme=x", "delta=2", "node_ids=[a, b]", "broken"])
        #expect(problems.map(\.code) == [.malformedWorkflowParameter])
        #expect(given.first { $0.name == "delta" }?.value == .integer(2))
        #expect(given.first { $0.name == "node_ids" }?.value == .array([.string("a"), .string("b")]))

        let unknownParameter = WorkflowCall.resolve("backup", given: [given[0]], in: blueprint)
        #expect(unknownParameter.call == nil)
        #expect(unknownParameter.diagnostics.first?.code == .unknownWorkflowParameter)
        #expect(unknownParameter.diagnostics.first?.notes.map(\.message).contains("did you mean 'snapshot_name'?") == true)

        let unknownWorkflow = WorkflowCall.resolve("bakup", given: [], in: blueprint)
        #expect(unknownWorkflow.diagnostics.first?.code == .unknownWorkflow)
        #expect(unknownWorkflow.diagnostics.first?.notes.first?.message == "did you mean 'backup'?")

        #expect(WorkflowCall.resolve("heal", given: [], in: blueprint).diagnostics.first?.code == .missingWorkflowParameter)
        #expect(WorkflowCall.resolve("scale", given: [], in: blueprint).diagnostics.first?.code == .missingWorkflowParameter)
        #expect(WorkflowCall.resolve("check_drift", given: [], in: blueprint).diagnostics.first?.code == .workflowNotRunnable)
        let typed = WorkflowCall.parse(assignments: ["ignore_failure=maybe"]).given
        #expect(WorkflowCall.resolve("uninstall", given: typed, in: blueprint).diagnostics.first?.code == .workflowParameterType)
        let count = WorkflowCall.parse(assignments: ["scalable_entity_name=web", "delta=two"]).given
        let notAnInteger = WorkflowCall.resolve("scale", given: count, in: blueprint).diagnostics.first
        #expect(notAnInteger?.code == .workflowParameterType)
        #expect(notAnInteger?.message.contains("must be an integer, not \"two\"") == true, "\(String(describing: notAnInteger?.message))")

        let defaults = try #require(WorkflowCall.resolve("backup", given: [], in: blueprint).call)
        #expect(defaults.parameters == ["snapshot_name": .string(""), "snapshot_incremental": .bool(true),
                                        "snapshot_type": .string("irregular"), "snapshot_rotation": .integer(1)])
    }

    @Test func aWorkflowRefusesADeploymentAppliedWithOtherInputs() async throws {
        let bench = try await Bench()
        do {
            _ = try await bench.run("stop", [:], inputs: [ProvidedInput.parse(assignment: "memory_size=262144").0!])
            Issue.record("a changed deployment was accepted")
        } catch let refused as WorkflowRefused {
            #expect(refused.diagnostics.map(\.code) == [.deploymentChangedSinceApply])
        }
    }
}

/// A deployment of the fixture applied on a simulated host in a fresh state directory, with
/// its blueprint copied next to it (backups are written beside the blueprint).
private struct Bench {
    let store: StateStore
    let blueprintDirectory: URL
    let blueprintPath: String
    let pool = LibvirtConnectionPool()
    let events = ProgressEventLog()
    var uri: String { SimulatedWorlds(stateDirectory: store.location.directory, deployment: "wf").testURI(for: "qemu:///system") }

    init() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-workflows-\(UUID().uuidString)")
        blueprintDirectory = root.appendingPathComponent("blueprint")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: WorkflowTests.fixture).deletingLastPathComponent(), to: blueprintDirectory)
        blueprintPath = blueprintDirectory.appendingPathComponent("app.yaml").path
        store = try StateStore(location: .init(directory: root.appendingPathComponent("state"), source: .option))
        let (blueprint, run) = try Self.plan(blueprintPath, inputs: [])
        let report = try await runner().apply(blueprint: blueprint, blueprintPath: blueprintPath, run: run, inputsText: "",
                                              connections: .init(simulate: true))
        try #require(report.result == .applied, "\(report.failures)")
    }

    func runner(scripts: ScriptRunner = ScriptRunner()) -> DeploymentRunner {
        let events = self.events
        return DeploymentRunner(store: store, backend: LibvirtObjectBackend(connections: pool), scripts: scripts,
                                progress: { events.add($0) })
    }

    static func plan(_ path: String, inputs: [ProvidedInput]) throws -> (Blueprint, DryRun) {
        let loaded = BlueprintLoader.load(path: path, inputs: inputs)
        let blueprint = try #require(loaded.blueprint, "\(loaded.diagnostics)")
        let run = DryRun(blueprint: blueprint, deployment: "wf")
        try #require(!run.diagnostics.hasErrors, "\(run.diagnostics)")
        return (blueprint, run)
    }

    /// Runs workflow `name` with `parameters` given as `-p` would give them.
    func run(_ name: String, _ parameters: [String: JSONValue], inputs: [ProvidedInput] = [],
             scripts: ScriptRunner = ScriptRunner()) async throws -> RunReport {
        let (blueprint, run) = try Self.plan(blueprintPath, inputs: inputs)
        let range = WorkflowCall.commandLineRange
        let given = parameters.map { WorkflowCall.Given(name: $0.key, value: $0.value, range: range) }
        let resolved = WorkflowCall.resolve(name, given: given, in: blueprint)
        let call = try #require(resolved.call, "\(resolved.diagnostics)")
        return try await runner(scripts: scripts).run(call, blueprint: blueprint, blueprintPath: blueprintPath, run: run,
                                                      inputsText: "", connect: nil)
    }

    func connection() async throws -> LibvirtConnection { try await pool.connection(for: uri) }
    func domain() async throws -> LibvirtDomain { try await connection().domain(named: "wf-vm-1") }
    func record(_ instance: String) throws -> NodeInstanceRecord { try #require(try store.nodeInstance(deployment: "wf", instanceID: instance)) }
    func history() throws -> ExecutionHistory { try ExecutionHistory.read(deployment: "wf", store: store) }
    func world() throws -> String { try String(contentsOfFile: try #require(SimulatedWorlds.worldPath(of: uri)), encoding: .utf8) }
}
