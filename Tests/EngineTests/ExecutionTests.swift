import Blueprint
import Engine
import Foundation
import StateStore
import Testing
import TestSupport
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

        // Runtime properties as the plugin records them.
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))
        let db = try #require(try store.nodeInstance(deployment: "pair", instanceID: "db-1"))
        #expect(db.state == .started)
        #expect(db.runtimeProperties["resource_id"] == .string("pair-db-1"))
        guard case .string(let ip)? = db.runtimeProperties["ip"], case .array(let interfaces)? = db.runtimeProperties["interfaces"],
              case .object(let first)? = interfaces.first, case .object(let params)? = db.runtimeProperties["params"],
              case .array(let networks)? = params["networks"], case .object(let network)? = networks.first else {
            Issue.record("runtime properties of db-1 incomplete: \(db.runtimeProperties)")
            return
        }
        #expect(first["mac"] == .string("52:54:00:00:15:02"))
        #expect(first["addrs"] == .array([.string(ip + "/24")]))
        #expect(network["network"] == .string("pair-lan-1"))

        let outputs = try runBluevirt(["outputs", "-d", "pair", "--state-dir", stateDirectory.path, "--json"])
        #expect(outputs.status == 0)
        #expect(outputs.standardOutput.contains("\"web_ssh\":\"ssh debian@192.168.150."))

        let destroy = try runBluevirt(["destroy", "-d", "pair", "--state-dir", stateDirectory.path])
        #expect(destroy.status == 0, "\(destroy.standardError)")
        // The uninstall plan dry-run prints: stop, unlink, delete of each machine, delete of the network.
        #expect(destroy.standardOutput.contains("destroyed: 7 operations run"))
        let after = try worldText(stateDirectory, deployment: "pair")
        // What a fresh host has (libvirt's default network) and nothing else.
        #expect(!after.contains("<domain") && after.components(separatedBy: "<network").count == 2 && after.contains("<name>default</name>"), "\(after)")
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
        // The domain is defined at configure, as in the plugin.
        #expect(failure.instance == "web-1" && failure.step == "web-1/configure")
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

    @Test func statusShowsAddressesAndDriftWhenObjectsDisappearOutsideBluevirt() async throws {
        let stateDirectory = try temporaryStateDirectory()
        _ = try await apply(Self.example, deployment: "watched", stateDirectory: stateDirectory)
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))
        let before = await InstanceStatus.inspect(try store.nodeInstances(deployment: "watched"))
        #expect(before.count == 3)
        #expect(before.allSatisfy { $0.drift == nil }, "\(before.map(\.drift))")
        #expect(before.first { $0.record.instanceID == "web-1" }?.addresses.first?.hasPrefix("192.168.150.") == true)

        // Everything removed behind bluevirt's back.
        let uri = SimulatedWorlds(stateDirectory: stateDirectory, deployment: "watched").testURI(for: "qemu:///system")
        try "<node>\n</node>\n".write(toFile: try #require(SimulatedWorlds.worldPath(of: uri)), atomically: true, encoding: .utf8)
        let after = await InstanceStatus.inspect(try store.nodeInstances(deployment: "watched"))
        #expect(after.map(\.drift) == ["object missing", "object missing", "object missing"])

        let process = try runBluevirt(["status", "-d", "watched", "--state-dir", stateDirectory.path])
        #expect(process.status == 0)
        #expect(process.standardOutput.contains("web-1  started  domain watched-web-1") && process.standardOutput.contains("DRIFT: object missing"))

        // Objects already gone are fine for destroy.
        let destroyed = try await DeploymentRunner(store: store).destroy(deployment: "watched")
        #expect(destroyed.result == .destroyed && destroyed.ran == 7)
    }

    /// use_external_resource: the network is adopted (checked, used, never deleted).
    @Test func anAdoptedNetworkIsUsedAndOutlivesDestroy() async throws {
        let stateDirectory = try temporaryStateDirectory()
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
            .replacingOccurrences(of: "  lan:\n    type: cloudify.libvirt.network\n    properties:\n",
                                  with: "  lan:\n    type: cloudify.libvirt.network\n    properties:\n      use_external_resource: true\n      resource_id: shared-lan\n")
        let blueprint = try temporaryBlueprint(text, name: "adopt.yaml")
        let missing = try await apply(blueprint, deployment: "adopt", stateDirectory: stateDirectory)
        #expect(missing.result == .failed)
        #expect(missing.failures.first?.message.contains("use_external_resource is true, but there is no network 'shared-lan'") == true)

        let uri = SimulatedWorlds(stateDirectory: stateDirectory, deployment: "adopt").testURI(for: "qemu:///system")
        try """
            <node><network><name>shared-lan</name><bridge name='shared0'/><ip address='192.168.160.1' netmask='255.255.255.0'>\
            <dhcp><range start='192.168.160.10' end='192.168.160.99'/></dhcp></ip></network></node>
            """.write(toFile: try #require(SimulatedWorlds.worldPath(of: uri)), atomically: true, encoding: .utf8)
        let adopted = try await apply(blueprint, deployment: "adopt", stateDirectory: stateDirectory)
        #expect(adopted.result == .applied, "\(adopted.failures)")
        guard case .object(let outputs)? = adopted.outputs, case .string(let web)? = outputs["web_ssh"] else {
            Issue.record("no web_ssh output: \(String(describing: adopted.outputs))")
            return
        }
        #expect(web.hasPrefix("ssh debian@192.168.160."))
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))
        #expect(try store.nodeInstance(deployment: "adopt", instanceID: "lan-1")?.adopted == true)

        let destroyed = try await DeploymentRunner(store: store).destroy(deployment: "adopt")
        #expect(destroyed.result == .destroyed)
        let world = try worldText(stateDirectory, deployment: "adopt")
        #expect(world.contains("<name>shared-lan</name>") && !world.contains("<domain"))
    }

    /// The state file is lost: destroy with the blueprint finds the domains and network by the
    /// metadata bluevirt wrote into them, and leaves another deployment's domain alone.
    @Test func destroyAfterALostStateFindsObjectsByTheirMetadata() async throws {
        let stateDirectory = try temporaryStateDirectory()
        _ = try await apply(Self.example, deployment: "lost", stateDirectory: stateDirectory)
        let uri = SimulatedWorlds(stateDirectory: stateDirectory, deployment: "lost").testURI(for: "qemu:///system")
        let worldFile = try #require(SimulatedWorlds.worldPath(of: uri))
        let foreign = """
            <domain type='test'><name>other-web-1</name><metadata><bluevirt:instance xmlns:bluevirt="https://bluevirt.dev/xmlns/instance/1" \
            deployment="other" node="web" instance="web-1"/></metadata><memory>65536</memory><os><type>hvm</type></os></domain>
            """
        try (try String(contentsOfFile: worldFile, encoding: .utf8)).replacingOccurrences(of: "<node>", with: "<node>\n" + foreign)
            .write(toFile: worldFile, atomically: true, encoding: .utf8)
        for file in try FileManager.default.contentsOfDirectory(atPath: stateDirectory.path) where file.hasPrefix("state.sqlite") {
            try FileManager.default.removeItem(at: stateDirectory.appendingPathComponent(file))
        }

        let destroy = try runBluevirt(["destroy", Self.example, "-d", "lost", "--simulate", "--state-dir", stateDirectory.path])
        #expect(destroy.status == 0, "\(destroy.standardError)")
        #expect(destroy.standardError.contains("found 3 of its domains and networks by their metadata"))
        let after = try worldText(stateDirectory, deployment: "lost")
        #expect(!after.contains("lost-web-1") && !after.contains("lost-db-1") && !after.contains("lost-lan-1"), "\(after)")
        #expect(after.contains("<name>other-web-1</name>"))
    }

    /// A deployment never applied in this state directory with --simulate: there is no world to
    /// search, so nothing is found (and libvirt's complaint about the missing file is not shown).
    @Test func destroyOfAnUnknownSimulatedDeploymentFindsNothing() throws {
        let stateDirectory = try temporaryStateDirectory()
        let destroy = try runBluevirt(["destroy", Self.example, "-d", "never", "--simulate", "--state-dir", stateDirectory.path])
        #expect(destroy.status == 0, "\(destroy.standardError)")
        #expect(destroy.standardError.contains("found 0 of its domains and networks by their metadata"))
        #expect(!destroy.standardError.contains("I/O warning") && !destroy.standardError.contains("XML error"), "\(destroy.standardError)")
        #expect(!FileManager.default.fileExists(atPath: stateDirectory.appendingPathComponent("simulated/never").path))
    }

    /// A deployment the state does not know, on a host that cannot be reached: the error says
    /// that the state lacks it and where destroy looked, and what to give instead.
    @Test func destroyOfAnUnknownDeploymentOnAnUnreachableHostSaysWhereItLooked() throws {
        let stateDirectory = try temporaryStateDirectory()
        // Port 1 of loopback: refused at once.
        let unreachable = "qemu+tcp://127.0.0.1:1/system"
        let destroy = try runBluevirt(["destroy", Self.example, "-d", "nowhere", "--connect", unreachable, "--state-dir", stateDirectory.path])
        #expect(destroy.status == 1)
        #expect(destroy.standardError.contains("there is no deployment 'nowhere' in \(stateDirectory.path), so destroy looked for its domains and networks on \(unreachable)"),
                "\(destroy.standardError)")
        #expect(destroy.standardError.contains("give --state-dir; with --simulate, give --simulate"))
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

    @Test func aCompletionIsRecordedInTheSameCallAsTheStartsItReleasesAndBeforeThem() async throws {
        // a → b → c, one at a time: each call holds the last completion, then the next start.
        let graph = WorkGraph(steps: [
            WorkStep(key: "a", instance: "a", operation: .create, description: "a", dependencies: []),
            WorkStep(key: "b", instance: "b", operation: .create, description: "b", dependencies: [0]),
            WorkStep(key: "c", instance: "c", operation: .create, description: "c", dependencies: [1]),
        ])
        let log = StepLog()
        let outcome = await Executor(parallelism: 1).run(
            graph, alreadyFinished: [], runtimeProperties: [:], perform: { _, _ in [:] }, record: { records in log.add(records) })
        #expect(outcome.succeeded)
        #expect(log.calls == [["started a"], ["finished a", "started b"], ["finished b", "started c"], ["finished c"]])
    }

    @Test func aFailedRecordStopsTheRunBeforeTheStepsItWouldHaveStarted() async throws {
        let graph = WorkGraph(steps: [
            WorkStep(key: "a", instance: "a", operation: .create, description: "a", dependencies: []),
            WorkStep(key: "b", instance: "b", operation: .create, description: "b", dependencies: [0]),
        ])
        let ran = AttemptCounter()
        let outcome = await Executor(parallelism: 1).run(
            graph, alreadyFinished: [], runtimeProperties: [:],
            perform: { step, _ in _ = ran.next(step.key); return [:] },
            record: { records in
                if records.contains(where: { if case .finished = $0 { true } else { false } }) { throw StoreRefused() }
            })
        #expect(!outcome.succeeded)
        #expect(ran.count("a") == 1 && ran.count("b") == 0)
    }

    @Test func aFailedStepIsRetriedUpToItsMaxRetries() async throws {
        let graph = WorkGraph(steps: [
            WorkStep(key: "flaky", instance: "flaky", operation: .create, description: "flaky", dependencies: [],
                     retry: RetryPolicy(maxRetries: 2, interval: .milliseconds(1))),
            WorkStep(key: "fragile", instance: "fragile", operation: .create, description: "fragile", dependencies: [],
                     retry: RetryPolicy(maxRetries: 1, interval: .milliseconds(1))),
        ])
        let attempts = AttemptCounter()
        let retries = AttemptCounter()
        let outcome = await Executor().run(
            graph, alreadyFinished: [], runtimeProperties: [:],
            perform: { step, _ in
                // Each fails on its first two tries.
                if attempts.next(step.key) <= 2 { throw OperationFailure(instance: step.instance, step: step.key, object: nil, message: "busy") }
                return [:]
            },
            record: { _ in },
            retrying: { step, _, _ in _ = retries.next(step.key) })
        #expect(outcome.failures.map(\.step) == ["fragile"])
        #expect(attempts.count("flaky") == 3 && attempts.count("fragile") == 2)
        #expect(retries.count("flaky") == 2 && retries.count("fragile") == 1)
    }

    /// Ctrl-C during a long apply: nothing new starts, the run is recorded as cancelled and
    /// exits 130, and the next apply resumes it to the end.
    @Test func anInterruptedApplyStopsCleanlyAndResumes() async throws {
        let stateDirectory = try temporaryStateDirectory()
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
            .replacingOccurrences(of: "  web:\n    type: cloudify.libvirt.domain\n", with: "  web:\n    type: cloudify.libvirt.domain\n    instances:\n      deploy: 400\n")
            // A DHCP range with an address for each of the 401 domains (a /22).
            .replacingOccurrences(of: "netmask: 255.255.255.0", with: "netmask: 255.255.252.0")
            .replacingOccurrences(of: "end: 192.168.150.99", with: "end: 192.168.151.254")
        let blueprint = try temporaryBlueprint(text, name: "many.yaml")
        let process = Process()
        process.executableURL = BluevirtProcess.binary
        process.arguments = ["apply", blueprint, "--simulate", "--parallelism", "2", "--state-dir", stateDirectory.path, "--json"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first event means the run is under way; then Ctrl-C.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("\"event\":\"started\"") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        kill(process.processIdentifier, SIGINT)
        let rest = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: seen + rest, as: UTF8.self)
        #expect(process.terminationStatus == 130)
        #expect(lines.contains("\"result\":\"interrupted\""))

        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))
        #expect(try store.lastExecution(deployment: "many")?.status == .cancelled)
        let resumed = try await apply(blueprint, deployment: "many", stateDirectory: stateDirectory)
        #expect(resumed.result == .applied)
        // lan-1 create, then create, configure, start, establish for each of 400 web and one db.
        #expect(resumed.skipped > 0 && resumed.ran + resumed.skipped == 1 + 4 * 401)
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

    /// Runs the built `bluevirt` as a separate process, in the repository root.
    private func runBluevirt(_ arguments: [String]) throws -> BluevirtProcess.Result {
        try BluevirtProcess.run(arguments)
    }
}

/// What the executor recorded, in order.
private final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [Executor.StepRecord] = []
    private var callList: [[String]] = []

    func add(_ new: [Executor.StepRecord]) {
        lock.lock()
        records += new
        callList.append(new.map { record in
            switch record {
            case .started(let step): "started \(step.key)"
            case .finished(let step, _, _): "finished \(step.key)"
            case .failed(let step, _, _, _): "failed \(step.key)"
            }
        })
        lock.unlock()
    }

    /// Each call of `record`, as "started a", "finished a", ...
    var calls: [[String]] {
        lock.lock()
        defer { lock.unlock() }
        return callList
    }

    var started: [String] {
        lock.lock()
        defer { lock.unlock() }
        return records.compactMap { if case .started(let step) = $0 { step.key } else { nil } }
    }

    var finished: [String] {
        lock.lock()
        defer { lock.unlock() }
        return records.compactMap { if case .finished(let step, _, _) = $0 { step.key } else { nil } }
    }
}

private struct StoreRefused: Error {}

/// Counts calls per key, from any task.
private final class AttemptCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func next(_ key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        counts[key, default: 0] += 1
        return counts[key]!
    }

    func count(_ key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return counts[key] ?? 0
    }
}
