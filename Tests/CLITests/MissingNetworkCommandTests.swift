import Foundation
import Testing
import TestSupport

/// The tutorial's blueprint with its machines' network written as the name another deployment
/// gave it: validate and dry-run warn, and apply stops at the first machine's start with the
/// network it could not find and the deployment's own, instead of waiting for an address.
@Suite struct MissingNetworkCommandTests {
    @Test func aNetworkNameFromAnotherDeploymentIsWarnedAboutAndStopsApplyAtOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-network-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tutorial = try String(contentsOf: BluevirtProcess.repositoryRoot.appendingPathComponent("blueprints/two-vms-one-network.yaml"), encoding: .utf8)
        // A bounded wait: without the check, apply would fail after it for want of an address.
        let hardcoded = tutorial.replacingOccurrences(of: "network: { get_attribute: [ lan, resource_id ] }", with: "network: tvnx-lan-1")
            .replacingOccurrences(of: "        domain_type: qemu\n", with: "        domain_type: qemu\n        wait_for_ip_timeout: 5\n")
        try #require(hardcoded.components(separatedBy: "network: tvnx-lan-1").count == 3)
        let blueprint = folder.appendingPathComponent("tvnx.yaml").path
        try hardcoded.write(toFile: blueprint, atomically: true, encoding: .utf8)

        let validated = try BluevirtProcess.run(["validate", blueprint])
        #expect(validated.status == 0, "\(validated.standardError)")
        #expect(validated.standardError.contains("[BV0850]"), "\(validated.standardError)")
        let dryRun = try BluevirtProcess.run(["dry-run", blueprint, "-d", "tvnq"])
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        #expect(dryRun.standardError.contains("joins the network 'tvnx-lan-1', which is none of this deployment's networks"), "\(dryRun.standardError)")

        let applied = try BluevirtProcess.run(["apply", blueprint, "-d", "tvnq", "--simulate", "--state-dir", folder.appendingPathComponent("state").path])
        #expect(applied.status == 1)
        #expect(applied.standardError.contains("network 'tvnx-lan-1' not found on localhost"), "\(applied.standardError)")
        #expect(applied.standardError.contains("name one of the deployment's networks (the deployment's networks there: 'tvnq-lan-1')"), "\(applied.standardError)")
        #expect(!applied.standardError.contains("DHCP range"), "\(applied.standardError)")
    }
}
