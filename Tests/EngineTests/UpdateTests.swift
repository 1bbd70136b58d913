import Blueprint
@testable import Engine
import Foundation
import LibvirtBackend
import StateStore
import Testing
import YAMLSource

/// Issue 12: apply updates a changed deployment (instances added and removed, objects defined
/// again or replaced per kind, relationships established and unlinked), plan shows it first
/// without touching anything, drift is named field by field and restored, scale changes counts.
@Suite struct UpdateTests {
    static func blueprint(vmRelationships: String = "", extraNodes: String = "") -> String {
        pluginBlueprint("""
        inputs:
          count: { type: integer, default: 1 }
          memory: { type: integer, default: 524288 }
          disk_size: { type: integer, default: 1 }
          net: { type: string, default: '192.168.160' }
        node_templates:
          lan:
            type: cloudify.libvirt.network
            properties:
              params:
                forwards: []
                ips:
                  - address: { concat: [ { get_input: net }, '.1' ] }
                    netmask: 255.255.255.0
                    dhcp: { start: { concat: [ { get_input: net }, '.10' ] }, end: { concat: [ { get_input: net }, '.99' ] } }
          images:
            type: cloudify.libvirt.pool
            properties:
              params: { path: /var/lib/bluevirt-update-test }
          disk:
            type: cloudify.libvirt.volume
            properties:
              params:
                pool: { get_attribute: [ images, resource_id ] }
                format: qcow2
                capacity: { get_input: disk_size }
            relationships:
              - { type: cloudify.relationships.depends_on, target: images }
          vm:
            type: cloudify.libvirt.domain
            instances: { deploy: { get_input: count } }
            properties:
              agent_config: { install_method: none }
              params:
                domain_type: qemu
                vcpu: 1
                memory_size: { get_input: memory }
                networks:
                  - network: { get_attribute: [ lan, resource_id ] }
            relationships:
              - { type: cloudify.libvirt.relationships.connected_to, target: lan }
        \(vmRelationships)
        \(extraNodes)
        """)
    }

    /// One deployment in its own state directory, applied and planned with changing inputs.
    final class Deployment: @unchecked Sendable {
        let state: URL
        var path: String
        let name = "upd"
        let events = Events()

        init(_ text: String = UpdateTests.blueprint()) throws {
            state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-update-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            path = try temporaryBlueprint(text)
        }

        func store() throws -> StateStore { try StateStore(location: .init(directory: state, source: .option)) }

        func load(_ inputs: [String]) throws -> (Blueprint, DryRun) {
            let loaded = BlueprintLoader.load(path: path, inputs: inputs.compactMap { ProvidedInput.parse(assignment: $0).0 })
            let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
            let run = DryRun(blueprint: blueprint, deployment: name)
            try #require(!run.diagnostics.hasErrors, "\(describe(run.diagnostics))")
            return (blueprint, run)
        }

        func runner(stop: StopRequest = StopRequest()) throws -> DeploymentRunner {
            let events = self.events
            return DeploymentRunner(store: try store(), stop: stop, progress: { events.add($0) })
        }

        func apply(_ inputs: [String] = [], allowReplace: Bool = false, stop: StopRequest = StopRequest()) async throws -> RunReport {
            let (blueprint, run) = try load(inputs)
            return try await runner(stop: stop).apply(blueprint: blueprint, blueprintPath: path, run: run, inputsText: inputs.joined(separator: "\n"),
                                                      connections: .init(simulate: true), allowReplace: allowReplace)
        }

        func plan(_ inputs: [String] = []) async throws -> DeploymentChanges {
            let (blueprint, run) = try load(inputs)
            let store = try StateStore(location: .init(directory: state, source: .option), access: .look)
            return try await DeploymentRunner(store: store).plan(blueprint: blueprint, run: run, connections: .init(simulate: true))
        }

        func scale(_ entity: String, by delta: Int, compute: Bool = false, inputs: [String] = [],
                   stop: StopRequest = StopRequest()) async throws -> RunReport {
            let (blueprint, run) = try load(inputs)
            // Not told to simulate: the recorded connections say the deployment is simulated.
            return try await runner(stop: stop).scale(blueprint: blueprint, blueprintPath: path, run: run, inputsText: inputs.joined(separator: "\n"),
                                            entity: entity, delta: delta, scaleCompute: compute, connections: .init())
        }

        var uri: String { SimulatedWorlds(stateDirectory: state, deployment: name).testURI(for: "qemu:///system") }
        var world: String { (try? String(contentsOfFile: SimulatedWorlds.worldPath(of: uri)!, encoding: .utf8)) ?? "" }
        func instances() throws -> [String] { try store().nodeInstances(deployment: name).map(\.instanceID) }
        func record(_ id: String) throws -> NodeInstanceRecord { try #require(try store().nodeInstance(deployment: name, instanceID: id)) }

        /// The domain as the simulated world holds it, read through a connection of its own.
        func domainXML(_ object: String) async throws -> String {
            try await LibvirtConnectionPool().connection(for: uri).domain(named: object).xmlDescription(inactive: true)
        }
    }

    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [ProgressEvent] = []
        var onEvent: (@Sendable (ProgressEvent) -> Void)?
        func add(_ event: ProgressEvent) {
            lock.lock(); list.append(event); lock.unlock()
            onEvent?(event)
        }
        var all: [ProgressEvent] { lock.lock(); defer { lock.unlock() }; return list }
        func clear() { lock.lock(); list = []; lock.unlock() }
        var finishedSteps: [String] { all.filter { $0.kind == .finished }.compactMap(\.step) }
    }

    // MARK: instance counts

    @Test func scaleOutAndInKeepsTheIdsOfTheInstancesThatStay() async throws {
        let deployment = try Deployment()
        #expect(try await deployment.apply().result == .applied)
        let first = try deployment.record("vm-1")

        let plan = try await deployment.plan(["count=3"])
        #expect(plan.changes.map { "\($0.action.rawValue) \($0.instance)" } == ["create vm-2", "create vm-3"], "\(plan.text())")
        #expect(plan.text().contains("+ create   vm-2"))
        #expect(plan.text().contains("Plan: 2 to create, 4 unchanged."))
        #expect(try deployment.instances().count == 4, "plan touches nothing")

        deployment.events.clear()
        let out = try await deployment.apply(["count=3"])
        #expect(out.result == .applied, "\(out.failures)")
        #expect(try deployment.instances() == ["disk-1", "images-1", "lan-1", "vm-1", "vm-2", "vm-3"])
        #expect(deployment.world.contains("upd-vm-3"))
        // vm-1 was left alone: none of its steps ran again.
        #expect(!deployment.events.finishedSteps.contains { $0.hasPrefix("vm-1/") }, "\(deployment.events.finishedSteps)")
        #expect(try deployment.record("vm-1").runtimeProperties == first.runtimeProperties)

        let back = try await deployment.apply(["count=1"])
        #expect(back.result == .applied, "\(back.failures)")
        #expect(try deployment.instances() == ["disk-1", "images-1", "lan-1", "vm-1"])
        #expect(!deployment.world.contains("upd-vm-2") && !deployment.world.contains("upd-vm-3"))
        #expect(try await deployment.apply(["count=1"]).result == .unchanged)
    }

    // MARK: changed documents

    @Test func changedMemoryRedefinesTheRunningDomainAndRestartsIt() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        let plan = try await deployment.plan(["memory=1048576"])
        let change = try #require(plan.changes.first { $0.instance == "vm-1" })
        #expect(change.action == .redefine && change.restarts)
        #expect(change.documentDiff.contains("-") && change.documentDiff.contains("1048576"), "\(change.documentDiff)")
        #expect(plan.changes.count == 1, "\(plan.text())")

        deployment.events.clear()
        let macBefore = try await deployment.domainXML("upd-vm-1").components(separatedBy: "<mac address=").dropFirst().first?.prefix(20)
        let report = try await deployment.apply(["memory=1048576"])
        #expect(report.result == .applied, "\(report.failures)")
        // Defined again, it keeps the MAC libvirt gave it (and so its DHCP lease).
        let macAfter = try await deployment.domainXML("upd-vm-1").components(separatedBy: "<mac address=").dropFirst().first?.prefix(20)
        #expect(macBefore != nil && macAfter == macBefore)
        #expect(deployment.events.finishedSteps.contains("update:vm-1/stop"), "\(deployment.events.finishedSteps)")
        let xml = try await deployment.domainXML("upd-vm-1")
        #expect(xml.contains("1048576"), "\(xml)")
        #expect(try await LibvirtConnectionPool().connection(for: deployment.uri).domain(named: "upd-vm-1").isActive())
        #expect(try await deployment.apply(["memory=1048576"]).result == .unchanged)
    }

    @Test func changedNetworkIsDefinedAgainAndItsDomainsRestart() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        let plan = try await deployment.plan(["net=192.168.161"])
        #expect(plan.changes.map { "\($0.action.rawValue) \($0.instance) \($0.restarts)" } == ["redefine lan-1 true", "redefine vm-1 true"], "\(plan.text())")
        let report = try await deployment.apply(["net=192.168.161"])
        #expect(report.result == .applied, "\(report.failures)")
        let network = try await LibvirtConnectionPool().connection(for: deployment.uri).network(named: "upd-lan-1").xmlDescription()
        #expect(network.contains("192.168.161.1"), "\(network)")
    }

    @Test func aChangedVolumeIsReplacedOnlyWithAllowReplace() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        let before = try deployment.record("disk-1").document
        let plan = try await deployment.plan(["disk_size=2"])
        let change = try #require(plan.changes.first { $0.instance == "disk-1" })
        #expect(change.action == .replace && change.losesData)
        #expect(plan.text().contains("needs --allow-replace"))
        await #expect(throws: DeploymentProblem.self) { try await deployment.apply(["disk_size=2"]) }
        #expect(try deployment.record("disk-1").document == before, "a refused update changes nothing")
        #expect(before != nil)
        let report = try await deployment.apply(["disk_size=2"], allowReplace: true)
        #expect(report.result == .applied, "\(report.failures)")
        #expect(try await deployment.apply(["disk_size=2"]).result == .unchanged)
    }

    // MARK: nodes and relationships

    @Test func addedAndRemovedNodesAndRelationshipsInstallAndUninstall() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        let extra = """
              lan2:
                type: cloudify.libvirt.network
                properties:
                  params: { forwards: [], ips: [ { address: 192.168.170.1, netmask: 255.255.255.0 } ] }
            """
        try UpdateTests.blueprint(vmRelationships: "      - { type: cloudify.relationships.depends_on, target: disk }", extraNodes: extra)
            .write(toFile: deployment.path, atomically: true, encoding: .utf8)
        let plan = try await deployment.plan()
        #expect(plan.changes.map { "\($0.action.rawValue) \($0.instance)" }.sorted() == ["create lan2-1", "relink vm-1"], "\(plan.text())")
        #expect(plan.changes.first { $0.instance == "vm-1" }?.establishes == ["disk-1"])
        deployment.events.clear()
        #expect(try await deployment.apply().result == .applied)
        #expect(deployment.world.contains("upd-lan2-1"))
        #expect(try deployment.record("vm-1").dependsOn?.contains("disk-1") == true)

        try UpdateTests.blueprint().write(toFile: deployment.path, atomically: true, encoding: .utf8)
        let back = try await deployment.plan()
        #expect(back.changes.map { "\($0.action.rawValue) \($0.instance)" }.sorted() == ["delete lan2-1", "relink vm-1"], "\(back.text())")
        #expect(back.changes.first { $0.instance == "vm-1" }?.unlinks == ["disk-1"])
        #expect(try await deployment.apply().result == .applied)
        #expect(!deployment.world.contains("upd-lan2-1"))
        #expect(try deployment.instances() == ["disk-1", "images-1", "lan-1", "vm-1"])
        #expect(try deployment.record("vm-1").dependsOn == ["lan-1"])
    }

    /// A relationship whose target changes while its place in the list stays: the new target's
    /// establish runs (its step is not the old target's, already finished), and the old one's
    /// unlink runs.
    @Test func aRelationshipRetargetedAtTheSameIndexIsEstablished() async throws {
        let networks = """
              lan2:
                type: cloudify.libvirt.network
                properties:
                  params: { forwards: [], ips: [ { address: 192.168.170.1, netmask: 255.255.255.0 } ] }
              lan3:
                type: cloudify.libvirt.network
                properties:
                  params: { forwards: [], ips: [ { address: 192.168.180.1, netmask: 255.255.255.0 } ] }
            """
        func blueprint(_ target: String) -> String {
            UpdateTests.blueprint(vmRelationships: "      - { type: cloudify.libvirt.relationships.connected_to, target: \(target) }",
                                  extraNodes: networks)
        }
        let deployment = try Deployment(blueprint("lan2"))
        #expect(try await deployment.apply().result == .applied)
        #expect(deployment.events.finishedSteps.contains { $0.hasPrefix("vm-1/establish/") && $0.hasSuffix("lan2-1") },
                "\(deployment.events.finishedSteps)")

        try blueprint("lan3").write(toFile: deployment.path, atomically: true, encoding: .utf8)
        let plan = try await deployment.plan()
        #expect(plan.changes.first { $0.instance == "vm-1" }?.establishes == ["lan3-1"], "\(plan.text())")
        deployment.events.clear()
        #expect(try await deployment.apply().result == .applied)
        let ran = deployment.events.finishedSteps
        #expect(ran.contains { $0.hasPrefix("vm-1/establish/") && $0.hasSuffix("lan3-1") }, "\(ran)")
        #expect(ran.contains { $0.contains("vm-1/unlink/") && $0.hasSuffix("lan2-1") }, "\(ran)")
        #expect(try deployment.record("vm-1").dependsOn == ["lan-1", "lan3-1"])
    }

    // MARK: drift

    @Test func driftIsNamedFieldByFieldAndApplyRestoresIt() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        // Another hand gives the domain more memory.
        let pool = LibvirtConnectionPool()
        let connection = try await pool.connection(for: deployment.uri)
        let xml = try await connection.domain(named: "upd-vm-1").xmlDescription(inactive: true)
        _ = try await connection.defineDomain(xml: xml.replacingOccurrences(of: "524288", with: "1048576"))
        try await SimulatedWorlds.save([deployment.uri], connections: pool)

        let statuses = await InstanceStatus.inspect(try deployment.store().nodeInstances(deployment: deployment.name))
        let vm = try #require(statuses.first { $0.record.instanceID == "vm-1" })
        #expect(vm.fields == ["currentMemory: defined 524288 KiB, live 1048576 KiB"], "\(vm.fields)")
        #expect(vm.drift?.hasPrefix("configuration differs: ") == true)
        #expect(statuses.filter { $0.record.instanceID != "vm-1" }.allSatisfy { $0.drift == nil }, "\(statuses.map(\.drift))")

        let plan = try await deployment.plan()
        #expect(plan.changes.map { "\($0.action.rawValue) \($0.instance)" } == ["redefine vm-1"], "\(plan.text())")
        #expect(plan.text().contains("drift: currentMemory: defined 524288 KiB, live 1048576 KiB"))
        #expect(try await deployment.apply().result == .applied)
        let after = await InstanceStatus.inspect(try deployment.store().nodeInstances(deployment: deployment.name))
        #expect(after.allSatisfy { $0.drift == nil }, "\(after.map(\.drift))")
        #expect(try await deployment.domainXML("upd-vm-1").contains("524288"))
    }

    @Test func documentDriftLooksOnlyAtWhatWasDefined() {
        let defined = "<domain type='kvm'><name>a</name><memory unit='MiB'>512</memory><os><type machine='pc'>hvm</type></os><devices><interface type='network'><source network='lan'/><target dev='vnet0'/></interface></devices></domain>"
        let live = """
            <domain type='kvm' id='3'><name>a</name><uuid>x</uuid><memory unit='KiB'>524288</memory>
            <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>
            <devices><controller type='usb'/><interface type='network'><mac address='52:54:00:aa:bb:cc'/><source network='lan' bridge='virbr1'/>
            <target dev='vnet7'/></interface></devices></domain>
            """
        #expect(DocumentDrift.differences(defined: defined, live: live) == [])
        let changed = live.replacingOccurrences(of: "network='lan'", with: "network='other'").replacingOccurrences(of: "524288", with: "262144")
        #expect(DocumentDrift.differences(defined: defined, live: changed)
                == ["memory: defined 524288 KiB, live 262144 KiB", "devices/interface/source@network: defined 'lan', live 'other'"])
    }

    /// The libvirt plugin's domain template writes namespace declarations, device aliases and
    /// pty terminals, which libvirt drops when it defines the domain: none of them is drift
    /// (it was, and every apply redefined and restarted such a domain).
    @Test func whatLibvirtDropsFromAPluginStyleDocumentIsNoDrift() async throws {
        let name = "drift-\(UUID().uuidString.prefix(8))"
        let defined = """
            <domain xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0" xmlns="" type="test">
              <name>\(name)</name><memory unit="KiB">131072</memory><os><type>hvm</type></os>
              <devices>
                <console type="pty" tty="/dev/pts/4"><alias name="serial0"/><source path="/dev/pts/4"/><target type="serial" port="0"/></console>
                <serial type="pty"><alias name="serial0"/><source path="/dev/pts/4"/><target port="0"/></serial>
                <memballoon model="virtio"><alias name="balloon0"/></memballoon>
                <controller type="scsi" index="0" model="virtio-scsi"><alias name="ua-disks"/></controller>
              </devices>
            </domain>
            """
        let connection = try await LibvirtConnection.open("test:///default")
        let live = try await connection.defineDomain(xml: defined).xmlDescription(inactive: true)
        #expect(DocumentDrift.differences(defined: defined, live: live) == [], "\(live)")
        // A user alias (`ua-`) libvirt keeps is compared like anything else.
        #expect(DocumentDrift.differences(defined: defined, live: live.replacingOccurrences(of: "ua-disks", with: "ua-other"))
                == ["devices/controller/alias@name: defined 'ua-disks', live 'ua-other'"])
    }

    @Test func aDomainDefinedAgainKeepsItsInterfacesMACAddresses() {
        let previous = "<domain><devices><interface type='network'><mac address='52:54:00:01:02:03'/><source network='a'/></interface>"
            + "<interface type='network'><mac address='52:54:00:04:05:06'/></interface></devices></domain>"
        let document = "<domain><devices>\n<interface type='network'><source network='a'/></interface>\n"
            + "<interface type='network'><mac address='52:54:00:aa:bb:cc'/></interface></devices></domain>"
        #expect(KeptMACAddresses.apply(from: previous, to: document) == "<domain><devices>\n<interface type='network'><mac address='52:54:00:01:02:03'/><source network='a'/></interface>\n"
                + "<interface type='network'><mac address='52:54:00:aa:bb:cc'/></interface></devices></domain>")
    }

    @Test func unifiedDiffShowsChangedLinesWithContext() {
        let diff = UnifiedDiff.of("a\nb\nc\nd\ne\nf\ng\nh", "a\nb\nc\nd\nE\nf\ng\nh")
        #expect(diff == "--- recorded\n+++ planned\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h")
        #expect(UnifiedDiff.of("same", "same").isEmpty)
    }

    // MARK: resuming

    @Test func anInterruptedUpdateResumesWhereItStopped() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        let stop = StopRequest()
        deployment.events.onEvent = { event in if event.kind == .finished { stop.request() } }
        let interrupted = try await deployment.apply(["count=3", "memory=1048576"], stop: stop)
        #expect(interrupted.result == .interrupted)
        deployment.events.onEvent = nil
        let resumed = try await deployment.apply(["count=3", "memory=1048576"])
        #expect(resumed.result == .applied, "\(resumed.failures)")
        #expect(try deployment.instances() == ["disk-1", "images-1", "lan-1", "vm-1", "vm-2", "vm-3"])
        for vm in ["upd-vm-1", "upd-vm-2", "upd-vm-3"] { #expect(try await deployment.domainXML(vm).contains("1048576"), "\(vm)") }
        #expect(try await deployment.apply(["count=3", "memory=1048576"]).result == .unchanged)
    }

    // MARK: scale

    @Test func scaleChangesTheCountAndALaterApplyKeepsIt() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        let out = try await deployment.scale("vm", by: 2)
        #expect(out.result == .completed && out.workflow == "scale", "\(out.failures)")
        #expect(try deployment.instances().filter { $0.hasPrefix("vm-") } == ["vm-1", "vm-2", "vm-3"])
        // The same blueprint applied again keeps the scaled count.
        #expect(try await deployment.apply().result == .unchanged)
        #expect(try await deployment.plan().scaledCounts == ["vm": 3])

        let back = try await deployment.scale("vm", by: -2)
        #expect(back.result == .completed, "\(back.failures)")
        #expect(try deployment.instances().filter { $0.hasPrefix("vm-") } == ["vm-1"])
        #expect(try deployment.store().scaledCounts(deployment: deployment.name).isEmpty)
        await #expect {
            try await deployment.scale("vm", by: -2)
        } throws: { error in
            let diagnostic = (error as? WorkflowRefused)?.diagnostics.first
            return diagnostic?.code == .scaleBelowZero && diagnostic?.range == WorkflowCall.commandLineRange
                && diagnostic?.message.contains("from 1 to -1 instances") == true
                && diagnostic?.notes.contains { $0.message.contains("give a delta of at least -1") } == true
        }
        await #expect(throws: DeploymentProblem.self) { try await deployment.scale("nothing", by: 1) }
    }

    @Test func aScaleBeyondThePlannerLimitIsRefusedAndLeavesTheDeploymentAsItWas() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        await #expect {
            try await deployment.scale("vm", by: 100_000)
        } throws: { error in
            let diagnostic = (error as? WorkflowRefused)?.diagnostics.first
            return diagnostic?.code == .scaleBeyondLimit && diagnostic?.message.contains("from 1 to 100001 instances") == true
                // The planner's reason, at the count in the blueprint.
                && diagnostic?.notes.contains { $0.message.contains("more than 100000 node instances") && $0.range?.file == deployment.path } == true
        }
        // A count that overflows is refused the same way, not a crash.
        await #expect {
            try await deployment.scale("vm", by: Int.max)
        } throws: { ($0 as? WorkflowRefused)?.diagnostics.first?.code == .scaleBeyondLimit }
        // Nothing was kept: the deployment plans, applies and scales as before.
        #expect(try deployment.store().scaledCounts(deployment: deployment.name).isEmpty)
        #expect(try await deployment.apply().result == .unchanged)
        #expect(try await deployment.scale("vm", by: 1).result == .completed)
        #expect(try deployment.instances().filter { $0.hasPrefix("vm-") } == ["vm-1", "vm-2"])
    }

    @Test func aKeptCountThePlannerRefusesIsReportedWithTheWayBack() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        // What an older bluevirt left: a scale's count saved before it was planned.
        try deployment.store().saveScaledCounts(["vm": ScaledCount(count: 100_004, declared: 1)], deployment: deployment.name)
        func isRefusal(_ error: any Error) -> Bool {
            guard let diagnostic = (error as? ScaledCountsRefused)?.diagnostics.first else { return false }
            return diagnostic.code == .unplannableScaledCounts && diagnostic.message.contains("100004 for 'vm'")
                // The planner's reason at the count in the blueprint, then what to do.
                && diagnostic.notes.contains { $0.message.contains("more than 100000 node instances") && $0.range?.file == deployment.path }
                && diagnostic.notes.contains { $0.message.contains("-p scalable_entity_name=vm -p delta=-100003") }
                && diagnostic.notes.contains { $0.message.contains("bluevirt destroy -d upd") }
        }
        await #expect { try await deployment.plan() } throws: { isRefusal($0) }
        await #expect { try await deployment.apply() } throws: { isRefusal($0) }
        await #expect {
            let (blueprint, run) = try deployment.load([])
            let call = try #require(WorkflowCall.resolve("restart", given: [], in: blueprint).call)
            return try await deployment.runner().run(call, blueprint: blueprint,
                                                     blueprintPath: deployment.path, run: run, inputsText: "", connect: nil)
        } throws: { isRefusal($0) }
        // The scale the note gives repairs it.
        let repaired = try await deployment.scale("vm", by: -100_003)
        // Back to the count applied: nothing to change, and a scale recorded with no step.
        #expect(repaired.result == .completed && repaired.ran == 0, "\(repaired.failures)")
        #expect(try deployment.store().lastExecution(deployment: deployment.name)?.workflow == .scale)
        #expect(try deployment.store().scaledCounts(deployment: deployment.name).isEmpty)
        #expect(try await deployment.apply().result == .unchanged)
    }

    /// A scale is recorded as one, with its parameters; stopped, it is resumed by an install,
    /// which runs none of the steps the scale finished.
    @Test func anInterruptedScaleIsRecordedAsAScaleAndAnInstallResumesIt() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        let stop = StopRequest()
        deployment.events.onEvent = { event in if event.kind == .finished { stop.request() } }
        let interrupted = try await deployment.scale("vm", by: 2, stop: stop)
        deployment.events.onEvent = nil
        #expect(interrupted.result == .interrupted && interrupted.workflow == "scale")
        #expect(interrupted.resumedBy == "bluevirt run install -d upd")
        let store = try deployment.store()
        let scale = try #require(try store.executions(deployment: deployment.name).last)
        #expect(scale.workflow == .scale && scale.status == .cancelled)
        #expect(scale.parameters == .object(["scalable_entity_name": .string("vm"), "delta": .integer(2), "scale_compute": .bool(false)]))
        #expect(try store.deployment(named: deployment.name)?.status == .failed)
        let finishedByScale = Set(deployment.events.finishedSteps)
        #expect(!finishedByScale.isEmpty)

        deployment.events.clear()
        let resumed = try await deployment.apply()
        #expect(resumed.result == .applied, "\(resumed.failures)")
        #expect(Set(deployment.events.finishedSteps).isDisjoint(with: finishedByScale), "\(deployment.events.finishedSteps)")
        #expect(try deployment.instances().filter { $0.hasPrefix("vm-") } == ["vm-1", "vm-2", "vm-3"])
        #expect(try store.deployment(named: deployment.name)?.status == .installed)
    }

    @Test func aChangedDeclaredCountWinsOverAScale() async throws {
        let deployment = try Deployment()
        _ = try await deployment.apply()
        _ = try await deployment.scale("vm", by: 1)
        #expect(try deployment.instances().filter { $0.hasPrefix("vm-") }.count == 2)
        let report = try await deployment.apply(["count=4"])
        #expect(report.result == .applied)
        #expect(try deployment.instances().filter { $0.hasPrefix("vm-") }.count == 4)
        #expect(try deployment.store().scaledCounts(deployment: deployment.name).isEmpty)
        #expect(deployment.events.all.contains { $0.message.contains("no longer holds") })
    }

    @Test func scaleOfAScalingGroupAndScaleComputeFindTheirEntity() throws {
        let path = Paths.repositoryRoot.appendingPathComponent("blueprints/vms-from-cloud-image.yaml").path
        let blueprint = try #require(BlueprintLoader.load(path: path, inputs: []).blueprint)
        #expect(try DeploymentRunner.scalableEntity("machine", scaleCompute: false, blueprint: blueprint) == "machine")
        #expect(try DeploymentRunner.scalableEntity("vm", scaleCompute: true, blueprint: blueprint) == "vm")
        #expect(throws: DeploymentProblem.self) { try DeploymentRunner.scalableEntity("nope", scaleCompute: false, blueprint: blueprint) }
    }
}
