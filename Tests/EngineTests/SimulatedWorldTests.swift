import Blueprint
@testable import Engine
import Foundation
import LibvirtBackend
import Planner
import StateStore
import Testing
import TestSupport
import YAMLSource

/// Issue 11: a simulated world as durable as the real thing, reconciled with the state; destroy
/// in the recorded order; honest outputs and status after destroy; relationships to one target
/// told apart.
@Suite struct SimulatedWorldTests {
    static let example = Paths.repositoryRoot.appendingPathComponent("blueprints/two-vms-one-network.yaml").path

    // MARK: world file names

    @Test func worldFileNamesAreDistinctForDistinctDeploymentsAndURIs() {
        let names = ["x y", "x_y", "x~20y", "x%20y", "x/y", ".", "..", ".hidden", "", "~", "web", "wéb", "w\u{00E9}b2"]
        let mapped = names.map(SimulatedWorlds.fileName(for:))
        #expect(Set(mapped).count == names.count, "\(mapped)")
        // Plain names keep their file (worlds made before stay where they were).
        #expect(SimulatedWorlds.fileName(for: "two-vms_1.2") == "two-vms_1.2")
        for name in mapped {
            #expect(!name.isEmpty && !name.contains("/") && !name.contains("%") && name != "." && name != "..", "\(name)")
        }
        let state = URL(fileURLWithPath: "/tmp/state")
        #expect(SimulatedWorlds(stateDirectory: state, deployment: "x y").directory
                != SimulatedWorlds(stateDirectory: state, deployment: "x_y").directory)
        let worlds = SimulatedWorlds(stateDirectory: state, deployment: "demo")
        #expect(worlds.testURI(for: "qemu:///system") != worlds.testURI(for: "qemu:/system"))
        #expect(worlds.testURI(for: "qemu:///system") != worlds.testURI(for: "qemu___system"))
    }

    @Test func twoDeploymentsWhoseNamesDifferOnlyInPunctuationKeepTheirOwnObjects() async throws {
        let stateDirectory = try temporaryStateDirectory()
        #expect(try await apply(Self.example, deployment: "x y", stateDirectory: stateDirectory).result == .applied)
        #expect(try await apply(Self.example, deployment: "x_y", stateDirectory: stateDirectory).result == .applied)
        // Each is still whole: a second apply of each finds it unchanged.
        #expect(try await apply(Self.example, deployment: "x y", stateDirectory: stateDirectory).result == .unchanged)
        #expect(try await apply(Self.example, deployment: "x_y", stateDirectory: stateDirectory).result == .unchanged)
        #expect(try worldFile(stateDirectory, deployment: "x y") != worldFile(stateDirectory, deployment: "x_y"))
        #expect(try !worldText(stateDirectory, deployment: "x y").contains("x_y-"))
        #expect(try worldText(stateDirectory, deployment: "x_y").contains("x_y-web-1"))
    }

    // MARK: reconciling state and world

    @Test func aDeletedWorldIsMadeAgainOnApplyAndLetsDestroyFinish() async throws {
        let stateDirectory = try temporaryStateDirectory()
        #expect(try await apply(Self.example, deployment: "gone", stateDirectory: stateDirectory).result == .applied)
        let file = try worldFile(stateDirectory, deployment: "gone")
        try FileManager.default.removeItem(atPath: file)

        let notes = ProgressEventLog()
        let again = try await apply(Self.example, deployment: "gone", stateDirectory: stateDirectory, events: notes)
        #expect(again.result == .applied, "\(again.failures)")
        #expect(again.ran == 9)
        #expect(notes.messages.contains { $0.contains("is missing") })
        let world = try worldText(stateDirectory, deployment: "gone")
        #expect(world.contains("gone-web-1") && world.contains("gone-db-1") && world.contains("gone-lan-1"))

        try FileManager.default.removeItem(atPath: file)
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))
        let destroyed = try await DeploymentRunner(store: store).destroy(deployment: "gone")
        #expect(destroyed.result == .destroyed, "\(destroyed.failures)")
        #expect(try store.deployment(named: "gone")?.status == .uninstalled)
    }

    /// A run killed before it wrote its world whole leaves the world's journal: with the world
    /// file gone, opening it opens the journal's world, objects and all. The note said they
    /// were gone and the world started as a fresh host, then the apply found them all there.
    @Test func aDeletedWorldWithAJournalLeftIsTheJournalsWorldAndSaysSo() async throws {
        let stateDirectory = try temporaryStateDirectory()
        #expect(try await apply(Self.example, deployment: "journal", stateDirectory: stateDirectory).result == .applied)
        let file = try worldFile(stateDirectory, deployment: "journal")
        let parts = try await LibvirtConnection.open("test://" + file).testWorldParts()
        try TestWorldJournal.start(worldPath: file, with: parts)
        try FileManager.default.removeItem(atPath: file)

        let notes = ProgressEventLog()
        let again = try await apply(Self.example, deployment: "journal", stateDirectory: stateDirectory, events: notes)
        #expect(again.result == .unchanged, "\(again.failures)")
        #expect(notes.messages.contains { $0.contains("\(file) is missing, but the journal beside it") && $0.contains("written again from that journal") },
                "\(notes.messages)")
        #expect(!notes.messages.contains { $0.contains("are gone") || $0.contains("fresh host") }, "\(notes.messages)")
        // The file holds that world again, not a fresh host's.
        let world = try String(contentsOfFile: file, encoding: .utf8)
        #expect(world.contains("journal-web-1") && world.contains("journal-lan-1"), "\(world)")
    }

    @Test func aTruncatedWorldIsKeptAsideAndItsObjectsMadeAgain() async throws {
        let stateDirectory = try temporaryStateDirectory()
        _ = try await apply(Self.example, deployment: "cut", stateDirectory: stateDirectory)
        let file = try worldFile(stateDirectory, deployment: "cut")
        let whole = try String(contentsOfFile: file, encoding: .utf8)
        try String(whole.prefix(whole.count / 2)).write(toFile: file, atomically: true, encoding: .utf8)

        let again = try await apply(Self.example, deployment: "cut", stateDirectory: stateDirectory)
        #expect(again.result == .applied, "\(again.failures)")
        #expect(again.ran == 9)
        #expect(try worldText(stateDirectory, deployment: "cut").contains("cut-web-1"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path)
        #expect(kept.contains { $0.contains(".unreadable-") }, "\(kept)")
    }

    @Test func aMovedStateDirectoryDestroysTheObjectsOfItsOwnWorld() async throws {
        let original = try temporaryStateDirectory()
        #expect(try await apply(Self.example, deployment: "moved", stateDirectory: original).result == .applied)
        let moved = try temporaryStateDirectory()
        try FileManager.default.removeItem(at: moved)
        try FileManager.default.moveItem(at: original, to: moved)

        let store = try StateStore(location: .init(directory: moved, source: .option))
        let uris = try store.nodeInstances(deployment: "moved").compactMap(\.connectionURI)
        #expect(!uris.isEmpty && uris.allSatisfy { $0.hasPrefix("test://" + moved.path + "/simulated/") }, "\(uris)")
        let destroyed = try await DeploymentRunner(store: store).destroy(deployment: "moved")
        #expect(destroyed.result == .destroyed, "\(destroyed.failures)")
        #expect(destroyed.ran == 7)
        let world = try worldText(moved, deployment: "moved")
        #expect(!world.contains("moved-web-1") && !world.contains("moved-lan-1"), "\(world)")
        // Nothing was made where the state directory used to be.
        #expect(!FileManager.default.fileExists(atPath: original.path))
    }

    @Test func anObjectMissingFromTheWorldIsForgottenAndMadeAgain() async throws {
        let stateDirectory = try temporaryStateDirectory()
        _ = try await apply(Self.example, deployment: "hole", stateDirectory: stateDirectory)
        let file = try worldFile(stateDirectory, deployment: "hole")
        // Remove db's domain from the world, as a kill before the world was written would have.
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let start = try #require(text.range(of: "<domain type='qemu'>\n  <name>hole-db-1</name>"))
        let end = try #require(text.range(of: "</domain>", range: start.upperBound..<text.endIndex))
        try (String(text[..<start.lowerBound]) + String(text[end.upperBound...])).write(toFile: file, atomically: true, encoding: .utf8)

        let again = try await apply(Self.example, deployment: "hole", stateDirectory: stateDirectory)
        #expect(again.result == .applied, "\(again.failures)")
        // db-1's steps run again; nothing else.
        let holeRun = try #require(dryRun(Self.example, deployment: "hole"))
        let plan = try #require(holeRun.plan)
        let dbSteps = plan.install.steps.filter { $0.instanceId == "db-1" }.count
        #expect(dbSteps >= 3)
        #expect(again.ran == dbSteps, "\(again.ran) ran, \(again.skipped) skipped")
        #expect(again.skipped == plan.install.steps.count - dbSteps)
        #expect(try worldText(stateDirectory, deployment: "hole").contains("<name>hole-db-1</name>"))
    }

    // MARK: the recorded uninstall order

    @Test func destroyRunsTheStepsOfThePrintedUninstallPlanInItsOrder() async throws {
        let stateDirectory = try temporaryStateDirectory()
        _ = try await apply(Self.example, deployment: "order", stateDirectory: stateDirectory)
        let run = try #require(dryRun(Self.example, deployment: "order"))
        let plan = WorkGraph(try #require(run.plan).uninstall)
        #expect(plan.steps.count == 7)

        let events = ProgressEventLog()
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))
        let report = try await DeploymentRunner(store: store, progress: { events.add($0) }).destroy(deployment: "order")
        #expect(report.result == .destroyed)
        #expect(report.ran == plan.steps.count)
        let started = events.steps(.started)
        let finished = events.steps(.finished)
        #expect(Set(started) == Set(plan.steps.map(\.key)), "\(started)")
        #expect(Set(finished) == Set(plan.steps.map(\.key)))
        for step in plan.steps {
            let begins = try #require(events.position(of: step.key, .started))
            for dependency in step.dependencies {
                let key = plan.steps[dependency].key
                let ends = try #require(events.position(of: key, .finished))
                #expect(ends < begins, "\(key) must finish before \(step.key) starts")
            }
        }
    }

    @Test func recordedOrderFallsBackToKindsForStatesWithoutIt() {
        let old = [
            NodeInstanceRecord(deployment: "d", instanceID: "web-1", nodeName: "web", type: "t", connectionURI: "test:///default",
                               objectKind: "domain", objectName: "w", state: .started),
            NodeInstanceRecord(deployment: "d", instanceID: "lan-1", nodeName: "lan", type: "t", connectionURI: "test:///default",
                               objectKind: "network", objectName: "l", state: .started),
        ]
        #expect(DeploymentRunner.recordedUninstallGraph(old) == nil)
        var recorded = old
        recorded[0].dependsOn = ["lan-1"]
        recorded[0].uninstallSteps = [.init(key: "web-1/stop", operation: "stop", description: "stop web-1"),
                                      .init(key: "web-1/delete", operation: "delete", description: "delete web-1")]
        recorded[1].dependsOn = []
        recorded[1].uninstallSteps = [.init(key: "lan-1/delete", operation: "delete", description: "delete lan-1")]
        let graph = DeploymentRunner.recordedUninstallGraph(recorded)
        let keys = graph?.steps.map(\.key) ?? []
        #expect(keys == ["web-1/stop", "web-1/delete", "lan-1/delete"])
        // The network's delete waits for the domain's delete.
        #expect(graph?.steps[2].dependencies == [1])
    }

    @Test func aStepStartsOnlyAfterItsStartIsRecorded() async {
        // A kill between a step's first libvirt call and the record of its start would leave an
        // object no state knows of; the executor records starts first.
        let steps = (0..<12).map { WorkStep(key: "s\($0)", instance: "i\($0)", operation: .create, description: "s\($0)", dependencies: []) }
        let recorded = RecordedStarts()
        let outcome = await Executor(parallelism: 4).run(
            WorkGraph(steps: steps), alreadyFinished: [], runtimeProperties: [:],
            perform: { step, _ in
                recorded.performed(step.key)
                return [:]
            },
            record: { records in
                for case .started(let step) in records { recorded.started(step.key) }
            })
        #expect(outcome.succeeded && outcome.ran == 12)
        #expect(recorded.performedBeforeStart.isEmpty, "\(recorded.performedBeforeStart)")
    }

    // MARK: after destroy

    @Test func afterDestroyOutputsRefuseAndStatusShowsNothingExisting() async throws {
        let stateDirectory = try temporaryStateDirectory()
        _ = try await apply(Self.example, deployment: "done", stateDirectory: stateDirectory)
        let destroy = try BluevirtProcess.run(["destroy", "-d", "done", "--state-dir", stateDirectory.path])
        #expect(destroy.status == 0, "\(destroy.standardError)")

        let outputs = try BluevirtProcess.run(["outputs", "-d", "done", "--state-dir", stateDirectory.path])
        #expect(outputs.status != 0)
        #expect(outputs.standardError.contains("was destroyed"), "\(outputs.standardError)")
        #expect(!outputs.standardOutput.contains("192.168.150."))

        let status = try BluevirtProcess.run(["status", "-d", "done", "--json", "--state-dir", stateDirectory.path])
        #expect(status.status == 0, "\(status.standardError)")
        guard case .array(let instances) = try JSONValue(jsonText: status.standardOutput) else {
            Issue.record("status --json is no array: \(status.standardOutput)")
            return
        }
        #expect(instances.count == 3)
        for case .object(let instance) in instances {
            #expect(instance["exists"] == .bool(false), "\(instance)")
            #expect(instance["addresses"] == .array([]), "\(instance)")
            #expect(instance["state"] == .string("deleted"))
        }
        let text = try BluevirtProcess.run(["status", "-d", "done", "--state-dir", stateDirectory.path])
        #expect(!text.standardOutput.contains("192.168.150."), "\(text.standardOutput)")
    }

    // MARK: relationships to one target

    @Test func twoRelationshipsToOneTargetKeepTheirOwnInputsAndRetries() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              db:
                type: cloudify.nodes.Root
              web:
                type: cloudify.nodes.Root
                relationships:
                  - type: cloudify.relationships.depends_on
                    target: db
                    source_interfaces:
                      cloudify.interfaces.relationship_lifecycle:
                        establish:
                          implementation: scripts/first.sh
                          inputs: { tag: first }
                          max_retries: 2
                  - type: cloudify.relationships.connected_to
                    target: db
                    source_interfaces:
                      cloudify.interfaces.relationship_lifecycle:
                        establish:
                          implementation: scripts/second.sh
                          inputs: { tag: second }
                          max_retries: 5
            """), files: ["scripts/first.sh": "#!/bin/sh\n", "scripts/second.sh": "#!/bin/sh\n"])
        let loaded = BlueprintLoader.load(path: path, inputs: [])
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        let run = DryRun(blueprint: blueprint, deployment: "rel")
        let plan = try #require(run.plan, "\(describe(run.diagnostics))")
        let establishes = plan.install.steps.filter { $0.kind.operationName == "establish" && $0.instanceId == "web-1" }
        #expect(establishes.count == 2)
        #expect(establishes.map(\.templateRelationshipIndex) == [0, 1])
        let inputs = establishes.map { OperationLookup.definition(of: $0, in: blueprint)?.inputs["tag"]?.stringLiteral }
        #expect(inputs == ["first", "second"])
        let graph = WorkGraph(plan.install, blueprint: blueprint)
        let retries = graph.steps.filter { $0.key.hasPrefix("web-1/establish/") }.map(\.retry.maxRetries)
        #expect(retries == [2, 5])
        let scripts = graph.steps.filter { $0.key.hasPrefix("web-1/establish/") }.map(\.operation)
        #expect(scripts == [.script("scripts/first.sh"), .script("scripts/second.sh")])
    }

    // MARK: durability

    @Test func onlyRunsWhollyInSimulatedWorldsCommitWithoutSyncing() async throws {
        let stateDirectory = try temporaryStateDirectory()
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))
        #expect(try store.synchronousSetting() == 2)
        #expect(try await apply(Self.example, deployment: "rehearsal", store: store).result == .applied)
        #expect(try store.synchronousSetting() == 1)

        #expect(SimulatedWorlds.holdAll(["test://\(stateDirectory.path)/a.xml", "test://\(stateDirectory.path)/b.xml"]))
        #expect(!SimulatedWorlds.holdAll([]))
        #expect(!SimulatedWorlds.holdAll(["test:///default"]))
        #expect(!SimulatedWorlds.holdAll(["test://\(stateDirectory.path)/a.xml", "qemu:///system"]))
    }

    // MARK: helpers

    private func apply(_ path: String, deployment: String, stateDirectory: URL, events: ProgressEventLog? = nil) async throws -> RunReport {
        try await apply(path, deployment: deployment, store: try StateStore(location: .init(directory: stateDirectory, source: .option)),
                        events: events)
    }

    private func apply(_ path: String, deployment: String, store: StateStore, events: ProgressEventLog? = nil) async throws -> RunReport {
        let loaded = BlueprintLoader.load(path: path, inputs: [])
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        let run = DryRun(blueprint: blueprint, deployment: deployment)
        try #require(!run.diagnostics.hasErrors, "\(describe(run.diagnostics))")
        let runner = DeploymentRunner(store: store, progress: { event in events?.add(event) })
        return try await runner.apply(blueprint: blueprint, blueprintPath: path, run: run, inputsText: "", connections: .init(simulate: true))
    }

    private func worldFile(_ stateDirectory: URL, deployment: String) throws -> String {
        let uri = SimulatedWorlds(stateDirectory: stateDirectory, deployment: deployment).testURI(for: "qemu:///system")
        return try #require(SimulatedWorlds.worldPath(of: uri))
    }

    private func worldText(_ stateDirectory: URL, deployment: String) throws -> String {
        try String(contentsOfFile: try worldFile(stateDirectory, deployment: deployment), encoding: .utf8)
    }

    private func temporaryStateDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-world-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

/// Which steps ran before their start was recorded.
private final class RecordedStarts: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: Set<String> = []
    private var early: [String] = []

    func started(_ key: String) {
        lock.lock()
        starts.insert(key)
        lock.unlock()
    }

    func performed(_ key: String) {
        lock.lock()
        if !starts.contains(key) { early.append(key) }
        lock.unlock()
    }

    var performedBeforeStart: [String] {
        lock.lock()
        defer { lock.unlock() }
        return early
    }
}
