import Foundation
import Testing
import TestSupport

/// What a user of the libvirt plugin runs on blueprints in the shapes of its examples
/// (Tests/EngineTests/Fixtures/plugin-runtime): validate, dry-run, apply --simulate, status and
/// destroy through the built binary, each exiting 0, and destroy leaving nothing behind.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "the fixtures' scripts need python3"))
struct PluginExampleShapeTests {
    static let folder = BluevirtProcess.repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/plugin-runtime")

    @Test(arguments: ["vm-centos-shape.yaml", "vm-seed-volume-shape.yaml"])
    func validateDryRunApplyStatusDestroy(_ file: String) throws {
        let blueprint = Self.folder.appendingPathComponent(file).path
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-plugin-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let deployment = "shape"
        for arguments in [["validate", blueprint], ["dry-run", blueprint, "-d", deployment],
                          ["apply", blueprint, "-d", deployment, "--simulate", "--state-dir", state.path],
                          ["status", "-d", deployment, "--state-dir", state.path],
                          ["destroy", "-d", deployment, "--state-dir", state.path]] {
            let run = try BluevirtProcess.run(arguments)
            #expect(run.status == 0, "bluevirt \(arguments[0]) \(file): \(run.standardOutput)\(run.standardError)")
            if arguments[0] == "destroy" { #expect(run.standardOutput.contains("deployment '\(deployment)' destroyed")) }
        }
        let world = try String(contentsOf: state.appendingPathComponent("simulated/\(deployment)/qemu~3A~2F~2F~2Fsystem.xml"), encoding: .utf8)
        #expect(!world.contains("shape-"), "destroy left objects: \(world)")
    }
}
