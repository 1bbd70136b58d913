import Blueprint
@testable import Engine
import Foundation
import StateStore
import Testing
import TestSupport

/// A blueprint that imports one file under two namespaces deploys two independent copies of it:
/// the prefixed names reach libvirt's objects, and the copies never share one.
@Suite struct NamespacedDeploymentTests {
    @Test func oneBlueprintImportedUnderTwoNamespacesDeploysTwoCopies() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-namespaces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Without the example's fixed bridge and MAC address, which two copies on one host would
        // share (BV0814, BV0813): libvirt chooses them per copy.
        let example = try String(contentsOf: Paths.repositoryRoot.appendingPathComponent("blueprints/two-vms-one-network.yaml"), encoding: .utf8)
        let copyable = example.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("dev: bvlan0") && !$0.contains("mac: '52:54:00") }.joined(separator: "\n")
        try copyable.write(to: directory.appendingPathComponent("lab.yaml"), atomically: true, encoding: .utf8)
        let main = directory.appendingPathComponent("main.yaml").path
        try "tosca_definitions_version: cloudify_dsl_1_3\nimports:\n  - a--lab.yaml\n  - b--lab.yaml\n".write(toFile: main, atomically: true, encoding: .utf8)

        let loaded = BlueprintLoader.load(path: main)
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        #expect(Set(blueprint.nodeTemplates.names) == ["a--lan", "a--web", "a--db", "b--lan", "b--web", "b--db"])
        let run = DryRun(blueprint: blueprint, deployment: "twice")
        try #require(!run.diagnostics.hasErrors, "\(describe(run.diagnostics))")

        let state = directory.appendingPathComponent("state")
        let runner = DeploymentRunner(store: try StateStore(location: .init(directory: state, source: .option)))
        let report = try await runner.apply(blueprint: blueprint, blueprintPath: main, run: run, inputsText: "", connections: .init(simulate: true))
        #expect(report.result == .applied)
        let uri = SimulatedWorlds(stateDirectory: state, deployment: "twice").testURI(for: "qemu:///system")
        let world = try String(contentsOfFile: try #require(SimulatedWorlds.worldPath(of: uri)), encoding: .utf8)
        for copy in ["a", "b"] {
            for node in ["lan", "web", "db"] { #expect(world.contains("<name>twice-\(copy)--\(node)-1</name>"), "\(copy)--\(node)") }
        }
    }
}
