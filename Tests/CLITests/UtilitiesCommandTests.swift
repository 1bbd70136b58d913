import Foundation
import Testing
import TestSupport

/// A blueprint in the shape of the libvirt plugin's vm_centos example (the utilities plugin's
/// RSAKey and CloudInit.CloudConfig feeding a seed image) through the built binary: validate,
/// dry-run, apply and destroy on the simulated hypervisor.
@Suite struct UtilitiesCommandTests {
    static let blueprint = BluevirtProcess.repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/utilities-cloud-init.yaml").path

    @Test func validateDryRunApplyAndDestroy() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-utilities-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }

        let validate = try BluevirtProcess.run(["validate", Self.blueprint])
        #expect(validate.status == 0, "\(validate.standardOutput)\(validate.standardError)")
        #expect(validate.standardOutput.contains("valid") && !validate.standardOutput.contains("warning"))

        let dryRun = try BluevirtProcess.run(["dry-run", Self.blueprint, "-d", "lab"])
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        for step in ["create login_key-1", "create user_data-1", "configure user_data-1", "start user_data-1", "delete login_key-1"] {
            #expect(dryRun.standardOutput.contains(step), "dry-run lacks '\(step)'")
        }

        let apply = try BluevirtProcess.run(["apply", Self.blueprint, "-d", "lab", "--simulate", "--state-dir", state.path])
        #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")
        #expect(apply.standardError.contains("generated a 2048-bit RSA key for login_key-1"))
        #expect(!(apply.standardOutput + apply.standardError).contains("PRIVATE KEY"))

        let outputs = try BluevirtProcess.run(["outputs", "-d", "lab", "--state-dir", state.path, "--json"])
        #expect(outputs.status == 0, "\(outputs.standardError)")
        let parsed = try JSONSerialization.jsonObject(with: Data(outputs.standardOutput.utf8)) as? [String: Any]
        let publicKey = try #require(parsed?["public_key"] as? String)
        let userData = try #require(parsed?["user_data"] as? String)
        #expect(publicKey.hasPrefix("ssh-rsa AAAA"))
        #expect(userData.hasPrefix("#cloud-config\nhostname: lab\nusers:\n- name: centos\n"))
        #expect(userData.contains("  ssh_authorized_keys:\n  - \(publicKey)\n"))

        let destroy = try BluevirtProcess.run(["destroy", "-d", "lab", "--state-dir", state.path])
        #expect(destroy.status == 0, "\(destroy.standardOutput)\(destroy.standardError)")
        #expect(destroy.standardOutput.contains("destroyed"))
    }
}
