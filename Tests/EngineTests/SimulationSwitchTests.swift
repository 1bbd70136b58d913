import Blueprint
@testable import Engine
import Foundation
import LibvirtBackend
import StateStore
import Testing
import YAMLSource

/// apply and plan refuse to move a deployment between the simulated hypervisor and libvirt
/// before touching anything: a forgotten or stray --simulate would otherwise delete every object
/// where it is and make it again on the other side.
@Suite struct SimulationSwitchTests {
    @Test func aSimulatedDeploymentIsNotTornDownByAnApplyWithoutSimulate() async throws {
        // The tutorial's blueprint: domains and a network, which an update would replace.
        let path = Paths.repositoryRoot.appendingPathComponent("blueprints/two-vms-one-network.yaml").path
        let blueprint = try #require(BlueprintLoader.load(path: path, inputs: []).blueprint)
        let run = DryRun(blueprint: blueprint, deployment: "tvn")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-switch-\(UUID().uuidString)")
        let store = try StateStore(location: .init(directory: state, source: .option))
        let events = UpdateTests.Events()
        let runner = DeploymentRunner(store: store, progress: { events.add($0) })
        func apply(simulate: Bool) async throws -> RunReport {
            try await runner.apply(blueprint: blueprint, blueprintPath: path, run: run, inputsText: "",
                                   connections: .init(simulate: simulate), allowReplace: true)
        }
        try #require(try await apply(simulate: true).result == .applied)
        let before = try store.nodeInstances(deployment: "tvn")
        let world = SimulatedWorlds.worldPath(of: try #require(before.first?.connectionURI)).flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        events.clear()

        await #expect(throws: DeploymentProblem.simulationSwitch(deployment: "tvn", appliedSimulated: true, place: state.path)) {
            try await apply(simulate: false)
        }
        await #expect(throws: DeploymentProblem.self) {
            try await runner.plan(blueprint: blueprint, run: run, connections: .init(simulate: false))
        }
        // Nothing was stopped or deleted: the world and the state are as apply left them.
        #expect(events.all.isEmpty, "\(events.all.map(\.message))")
        #expect(SimulatedWorlds.worldPath(of: before[0].connectionURI!).flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } == world)
        #expect(try store.nodeInstances(deployment: "tvn").map(\.state) == before.map(\.state))
        #expect(try await apply(simulate: true).result == .unchanged)
    }

    @Test func aDeploymentOnLibvirtIsNotTornDownByAnApplyWithSimulate() async throws {
        let name = "real-\(UUID().uuidString.prefix(8).lowercased())"
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              lan:
                type: cloudify.libvirt.network
                properties:
                  params: { dev: bv\(name.suffix(8)), forwards: [], ips: [ { address: 10.251.77.1, netmask: 255.255.255.0 } ] }
            """))
        let blueprint = try #require(BlueprintLoader.load(path: path, inputs: []).blueprint)
        let run = DryRun(blueprint: blueprint, deployment: name, connect: "test:///default")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-switch-\(UUID().uuidString)")
        let store = try StateStore(location: .init(directory: state, source: .option))
        let runner = DeploymentRunner(store: store)
        let applied = try await runner.apply(blueprint: blueprint, blueprintPath: path, run: run, inputsText: "",
                                             connections: .init(connect: "test:///default"))
        try #require(applied.result == .applied, "\(applied.failures)")

        await #expect(throws: DeploymentProblem.simulationSwitch(deployment: name, appliedSimulated: false, place: "test:///default")) {
            try await runner.apply(blueprint: blueprint, blueprintPath: path, run: run, inputsText: "",
                                   connections: .init(connect: "test:///default", simulate: true))
        }
        await #expect(throws: DeploymentProblem.self) {
            try await runner.plan(blueprint: blueprint, run: run, connections: .init(connect: "test:///default", simulate: true))
        }
        // The network is still there, and still the deployment's.
        let connection = try await runner.backend.connections.connection(for: "test:///default")
        #expect(try await connection.network(named: "\(name)-lan-1").isActive())
        #expect(try store.nodeInstance(deployment: name, instanceID: "lan-1")?.connectionURI == "test:///default")
        #expect(try await runner.destroy(deployment: name).result == .destroyed)
    }
}
