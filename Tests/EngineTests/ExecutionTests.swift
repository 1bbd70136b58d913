import Blueprint
import Engine
import Foundation
import StateStore
import Testing
import YAMLSource

/// apply and destroy against libvirt's real test driver (`--simulate`), in process and through
/// the built binary; no mocks.
@Suite struct ExecutionTests {
    static let example = Paths.repositoryRoot.appendingPathComponent("blueprints/two-vms-one-network.yaml").path

    @Test func simulatedApplyGivesAddressesFromTheDHCPRangeAndASeparateDestroyLeavesNothing() async throws {
        let stateDirectory = try temporaryStateDirectory()
        let report = try await apply(Self.example, deployment: "pair", stateDirectory: stateDirectory)
        #expect(report.result == .applied)
        #expect(report.ran == 9)
        for name in ["web_ssh", "db_ssh"] {
            guard case .object(let outputs)? = report.outputs, case .string(let command)? = outputs[name] else {
                Issue.record("output \(name) missing: \(String(describing: report.outputs))")
                continue
            }
            let address = command.replacingOccurrences(of: "ssh debian@", with: "")
            let parts = address.split(separator: ".").compactMap { Int($0) }
            #expect(parts.count == 4 && address.hasPrefix("192.168.150.") && (10...99).contains(parts[3]), "\(name) = \(command)")
        }
        let world = try worldText(stateDirectory, deployment: "pair")
        #expect(world.contains("<name>pair-web-1</name>") && world.contains("<name>pair-lan-1</name>"))

        let outputs = try runBluevirt(["outputs", "-d", "pair", "--state-dir", stateDirectory.path, "--json"])
        #expect(outputs.status == 0)
        #expect(outputs.standardOutput.contains("\"web_ssh\":\"ssh debian@192.168.150."))

        let destroy = try runBluevirt(["destroy", "-d", "pair", "--state-dir", stateDirectory.path])
        #expect(destroy.status == 0, "\(destroy.standardError)")
        #expect(destroy.standardOutput.contains("destroyed: 5 operations run"))
        let after = try worldText(stateDirectory, deployment: "pair")
        #expect(!after.contains("<domain") && !after.contains("<network"), "\(after)")
        #expect(try StateStore(location: .init(directory: stateDirectory, source: .option)).deployment(named: "pair")?.status == .uninstalled)
    }

    @Test func reapplyingAnUnchangedDeploymentDoesNothing() async throws {
        let stateDirectory = try temporaryStateDirectory()
        let first = try await apply(Self.example, deployment: "again", stateDirectory: stateDirectory)
        #expect(first.result == .applied)
        let second = try await apply(Self.example, deployment: "again", stateDirectory: stateDirectory)
        #expect(second.result == .unchanged)
        #expect(second.ran == 0)
        #expect(second.outputs == first.outputs)
        let process = try runBluevirt(["apply", Self.example, "-d", "again", "--simulate", "--state-dir", stateDirectory.path])
        #expect(process.status == 0)
        #expect(process.standardOutput.contains("deployment 'again' is unchanged: nothing to do"))
    }

    @Test func aSecondWriterIsRefusedWithTheHolder() throws {
        let stateDirectory = try temporaryStateDirectory()
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))
        let lock = try store.acquireWriterLock(deployment: "busy", command: "bluevirt apply held-by-test.yaml")
        defer { lock.release() }
        let process = try runBluevirt(["apply", Self.example, "-d", "busy", "--simulate", "--state-dir", stateDirectory.path])
        #expect(process.status == 1)
        #expect(process.standardError.contains("deployment 'busy' is being changed by another bluevirt"))
        #expect(process.standardError.contains("held-by-test.yaml"))
        #expect(try store.deployment(named: "busy") == nil)
    }

    /// A domain libvirt's world already has under the name web would get: the apply fails at
    /// web-1's create, records everything, and a re-apply with another name completes it.
    @Test func aFailedApplyLeavesAConsistentStateThatAReapplyCompletes() async throws {
        let stateDirectory = try temporaryStateDirectory()
        // The example with web's domain named by an input.
        var text = try String(contentsOfFile: Self.example, encoding: .utf8)
            .replacingOccurrences(of: "  ssh_user:", with: "  web_name:\n    type: string\n    default: web-machine\n\n  ssh_user:")
        let webParams = try #require(text.range(of: "      params:\n        domain_type: qemu"))
        text.replaceSubrange(webParams, with: "      params:\n        name: { get_input: web_name }\n        domain_type: qemu")
        let blueprint = try temporaryBlueprint(text, name: "resume.yaml")
        // Someone else's domain named 'taken' in the simulated host.
        let worlds = SimulatedWorlds(stateDirectory: stateDirectory, deployment: "resume")
        try FileManager.default.createDirectory(at: worlds.directory, withIntermediateDirectories: true)
        let worldFile = try #require(SimulatedWorlds.worldPath(of: worlds.testURI(for: "qemu:///system")))
        try """
            <node><domain type='test'><name>taken</name><memory>65536</memory><os><type>hvm</type></os></domain></node>
            """.write(toFile: worldFile, atomically: true, encoding: .utf8)

        let failed = try await apply(blueprint, deployment: "resume", stateDirectory: stateDirectory, inputs: ["web_name=taken"])
        #expect(failed.result == .failed)
        let failure = try #require(failed.failures.first)
        #expect(failure.instance == "web-1" && failure.step == "web-1/create")
        #expect(failure.message.contains("domain 'taken'") && failure.message.contains("already exists"))
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))
        #expect(try store.deployment(named: "resume")?.status == .failed)
        #expect(try store.nodeInstance(deployment: "resume", instanceID: "web-1")?.state == .failed)
        #expect(try store.nodeInstance(deployment: "resume", instanceID: "lan-1")?.state == .created)
        #expect(try store.resumePoint(deployment: "resume", workflow: .install).isFinished("lan-1/create"))

        let fixed = try await apply(blueprint, deployment: "resume", stateDirectory: stateDirectory, inputs: ["web_name=web-ok"])
        #expect(fixed.result == .applied, "\(fixed.failures)")
        #expect(fixed.skipped >= 1)
        #expect(fixed.ran + fixed.skipped == 9)
        #expect(try store.deployment(named: "resume")?.status == .installed)
        #expect(try worldText(stateDirectory, deployment: "resume").contains("<name>web-ok</name>"))

        let destroy = try runBluevirt(["destroy", "-d", "resume", "--state-dir", stateDirectory.path])
        #expect(destroy.status == 0, "\(destroy.standardError)")
        let after = try worldText(stateDirectory, deployment: "resume")
        // Only the foreign domain is left.
        #expect(after.contains("<name>taken</name>"))
        #expect(!after.contains("web-ok") && !after.contains("resume-db-1") && !after.contains("<network"))
    }

    @Test func theExecutorNeverStartsAStepBeforeItsDependenciesAndStopsAfterAFailure() async throws {
        // A chain a → b → c beside an independent d; b fails.
        let graph = WorkGraph(steps: [
            WorkStep(key: "a", instance: "a", operation: .create, description: "a", dependencies: []),
            WorkStep(key: "b", instance: "b", operation: .create, description: "b", dependencies: [0]),
            WorkStep(key: "c", instance: "c", operation: .create, description: "c", dependencies: [1]),
            WorkStep(key: "d", instance: "d", operation: .create, description: "d", dependencies: []),
        ])
        let log = StepLog()
        let outcome = await Executor(parallelism: 2).run(
            graph, alreadyFinished: [], runtimeProperties: [:],
            perform: { step, _ in
                if step.key == "b" { throw OperationFailure(instance: "b", step: "b", object: nil, message: "refused") }
                return ["resource_id": .string(step.key)]
            },
            record: { records in log.add(records) })
        #expect(!outcome.succeeded)
        #expect(outcome.failures.map(\.step) == ["b"])
        let finished = log.finished
        #expect(Set(finished) == ["a", "d"])
        #expect(!log.started.contains("c"))
        #expect(outcome.runtimeProperties["a"]?["resource_id"] == .string("a"))

        // Resumed with a and d done, only b and c run.
        let resumed = await Executor(parallelism: 2).run(
            graph, alreadyFinished: ["a", "d"], runtimeProperties: [:],
            perform: { _, _ in [:] }, record: { _ in })
        #expect(resumed.succeeded && resumed.ran == 2 && resumed.skipped == 2)
    }

    // MARK: helpers

    private func apply(_ path: String, deployment: String, stateDirectory: URL, inputs: [String] = []) async throws -> RunReport {
        let provided = inputs.compactMap { ProvidedInput.parse(assignment: $0).0 }
        let loaded = BlueprintLoader.load(path: path, inputs: provided)
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        let run = DryRun(blueprint: blueprint, deployment: deployment)
        try #require(!run.diagnostics.hasErrors, "\(describe(run.diagnostics))")
        let runner = DeploymentRunner(store: try StateStore(location: .init(directory: stateDirectory, source: .option)))
        return try await runner.apply(blueprint: blueprint, blueprintPath: path, run: run, inputsText: inputs.joined(separator: "\n"),
                                      connections: .init(simulate: true))
    }

    private func worldText(_ stateDirectory: URL, deployment: String) throws -> String {
        let uri = SimulatedWorlds(stateDirectory: stateDirectory, deployment: deployment).testURI(for: "qemu:///system")
        return try String(contentsOfFile: try #require(SimulatedWorlds.worldPath(of: uri)), encoding: .utf8)
    }

    private func temporaryStateDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs the built `bluevirt` (beside the test bundle) as a separate process.
    private func runBluevirt(_ arguments: [String]) throws -> (status: Int32, standardOutput: String, standardError: String) {
        let products = Bundle.main.bundleURL
        let candidates = [products.appendingPathComponent("bluevirt"), products.deletingLastPathComponent().appendingPathComponent("bluevirt")]
        let binary = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = Paths.repositoryRoot
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-exec-out-\(UUID().uuidString)")
        let err = out.appendingPathExtension("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }
}

/// What the executor recorded, in order.
private final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [Executor.StepRecord] = []

    func add(_ new: [Executor.StepRecord]) {
        lock.lock()
        records += new
        lock.unlock()
    }

    var started: [String] {
        lock.lock()
        defer { lock.unlock() }
        return records.compactMap { if case .started(let step) = $0 { step.key } else { nil } }
    }

    var finished: [String] {
        lock.lock()
        defer { lock.unlock() }
        return records.compactMap { if case .finished(let step, _) = $0 { step.key } else { nil } }
    }
}
