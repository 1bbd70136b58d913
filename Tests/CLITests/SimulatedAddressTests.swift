import Foundation
import Testing
import TestSupport

/// The addresses the simulated DHCP gives (`--simulate`) across the commands of a deployment:
/// each process loads the world again, and the test driver numbers its domains afresh.
@Suite struct SimulatedAddressTests {
    static let blueprint = BluevirtProcess.repositoryRoot.appendingPathComponent("blueprints/scaled-cluster.yaml").path

    /// Each domain's address as `status --json` shows it, by instance.
    private func addresses(_ common: [String]) throws -> [String: String] {
        let status = try BluevirtProcess.run(["status", "--json"] + common)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [[String: Any]])
        var found: [String: String] = [:]
        for row in rows where row["kind"] as? String == "domain" && row["state"] as? String == "started" {
            found[row["instance"] as? String ?? ""] = (row["addresses"] as? [String])?.first
        }
        return found
    }

    @Test func runningDomainsNeverShareAnAddressAndKeepTheirsAcrossCommands() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-addresses-\(UUID().uuidString)").path
        let common = ["-d", "scaled-cluster", "--state-dir", state]
        try #require(try BluevirtProcess.run(["apply", Self.blueprint, "--simulate"] + common).status == 0)
        var before = try addresses(common)
        let steps: [(command: [String], restarted: Set<String>)] = [
            (["run", "restart"], ["head-1", "worker-1", "worker-2", "worker-3"]),
            (["run", "heal", "-p", "node_instance_id=worker-2"], ["worker-2"]),
            (["run", "scale", "-p", "scalable_entity_name=worker", "-p", "delta=2"], ["worker-4", "worker-5"]),
            (["run", "heal", "-p", "node_instance_id=head-1"], ["head-1"]),
        ]
        for step in steps {
            let ran = try BluevirtProcess.run(step.command + common)
            try #require(ran.status == 0, "\(step.command): \(ran.standardError)")
            let now = try addresses(common)
            #expect(now.count == before.count + step.restarted.subtracting(before.keys).count, "\(step.command): \(now)")
            #expect(Set(now.values).count == now.count, "\(step.command): two running domains share an address: \(now)")
            #expect(now.values.allSatisfy { $0.hasPrefix("10.77.0.") && $0.hasSuffix("/24") }, "\(now)")
            for (instance, address) in before where !step.restarted.contains(instance) {
                #expect(now[instance] == address, "\(step.command): \(instance), which kept running, changed address")
            }
            for instance in step.restarted where before[instance] != nil {
                #expect(now[instance] != before[instance], "\(step.command): \(instance) started again with its old lease")
            }
            before = now
        }
    }
}
