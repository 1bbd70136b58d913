import Foundation
import Testing
import TestSupport

/// The libvirt plugin's six examples, each in a blueprint of bluevirt's own in its shape
/// (Tests/Fixtures/plugin-example-shapes, secrets in a `NAME.secrets.yaml` sidecar), through the
/// built binary as a user runs them: validate, dry-run, apply --simulate, status and destroy each
/// exit 0, status lists the ssh operations (fabric, terminal) as skipped on --simulate, and
/// destroy leaves no object of the deployment in the simulated hosts.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "the fixtures' scripts need python3"))
struct PluginExampleShapesCITests {
    static let folder = BluevirtProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/plugin-example-shapes")

    /// One example's shape: its file and, per node, the operations that reach a machine over ssh
    /// and so are skipped on --simulate.
    struct Shape: CustomTestStringConvertible, Sendable {
        var file: String
        var skippedOnSimulate: [String: [String]]
        /// Whether the blueprint takes its boot image as an `appliance_image` address.
        var takesApplianceImage = false
        var testDescription: String { file }
    }

    static let shapes: [Shape] = [
        Shape(file: "fortigate.yaml", skippedOnSimulate: ["set_password": ["create"]], takesApplianceImage: true),
        Shape(file: "vm_ubuntu_arm64.yaml", skippedOnSimulate: ["example_node": ["start"]]),
        Shape(file: "vm_centos_amd64.yaml", skippedOnSimulate: ["example_node": ["create"]]),
        Shape(file: "vm_agent.yaml", skippedOnSimulate: ["vm_download": ["create", "configure"], "disk_clone": ["configure"],
                                                         "floating_ip": ["create"], "qemu_vm": ["configure"]]),
        Shape(file: "cluster.yaml", skippedOnSimulate: ["vm_download": ["create", "configure"], "disk_clone": ["configure"],
                                                        "floating_ip": ["create"], "qemu_vm": ["start"]]),
        Shape(file: "cluster_fortinet.yaml", skippedOnSimulate: ["floating_ip": ["create"], "fortinet_vm": ["start"]],
              takesApplianceImage: true),
    ]

    @Test(arguments: shapes)
    func validateDryRunApplyStatusDestroy(_ shape: Shape) throws {
        try Self.run(shape)
    }

    static func run(_ shape: Shape) throws {
        let blueprint = Self.folder.appendingPathComponent(shape.file).path
        let secrets = Self.folder.appendingPathComponent(shape.file.replacingOccurrences(of: ".yaml", with: ".secrets.yaml")).path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-example-shapes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let state = scratch.appendingPathComponent("state"), images = scratch.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        // The scripts' stand-ins make their files here; an appliance image is a small local file.
        var inputs = ["--secrets", secrets]
        if shape.takesApplianceImage {
            let image = images.appendingPathComponent("appliance.qcow2")
            #expect(FileManager.default.createFile(atPath: image.path, contents: Data(count: 64 * 1024)))
            inputs += ["--input", "appliance_image=\(image.absoluteString)"]
        } else {
            inputs += ["--input", "image_folder=\(images.path)"]
        }
        let deployment = "shape" + shape.file.replacingOccurrences(of: ".yaml", with: "").replacingOccurrences(of: "_", with: "")
        var status = ""
        for arguments in [["validate", blueprint] + inputs, ["dry-run", blueprint, "-d", deployment] + inputs,
                          ["apply", blueprint, "-d", deployment, "--simulate", "--state-dir", state.path] + inputs,
                          ["status", "-d", deployment, "--state-dir", state.path],
                          ["destroy", "-d", deployment, "--state-dir", state.path]] {
            let run = try BluevirtProcess.run(arguments)
            #expect(run.status == 0, "bluevirt \(arguments[0]) \(shape.file): \(run.standardOutput)\(run.standardError)")
            if arguments[0] == "status" { status = run.standardOutput }
            if arguments[0] == "destroy" { #expect(run.standardOutput.contains("deployment '\(deployment)' destroyed")) }
        }
        #expect(!status.contains("DRIFT"), "\(status)")
        for (node, operations) in shape.skippedOnSimulate {
            let line = status.split(separator: "\n").first { $0.contains("  \(node)-") }
            #expect(line?.hasSuffix("skipped on --simulate: " + operations.joined(separator: ", ")) == true,
                    "status of \(node) in \(shape.file): \(status)")
        }
        let worlds = state.appendingPathComponent("simulated/\(deployment)")
        let hosts = try FileManager.default.contentsOfDirectory(atPath: worlds.path).filter { $0.hasSuffix(".xml") }
        #expect(!hosts.isEmpty, "no simulated host in \(worlds.path)")
        for host in hosts {
            let world = try String(contentsOf: worlds.appendingPathComponent(host), encoding: .utf8)
            #expect(!world.contains("\(deployment)-"), "destroy left objects in \(host): \(world)")
        }
    }
}
