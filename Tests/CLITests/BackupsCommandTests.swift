import Foundation
import Testing
import TestSupport

/// `bluevirt backups` lists the incremental backups that exist now, on the simulated hypervisor:
/// a domain's libvirt snapshots and a network's kept copies, by the snapshot_name that restore
/// and remove_backup take.
@Suite struct BackupsCommandTests {
    static let blueprint = BluevirtProcess.repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/workflows/app.yaml").path

    static func backups(_ state: URL) throws -> [String: [String]] {
        let listed = try BluevirtProcess.run(["backups", "-d", "wf", "--state-dir", state.path, "--json"])
        #expect(listed.status == 0, "\(listed.standardError)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: entries.compactMap { entry in
            (entry["instance"] as? String).map { ($0, entry["backups"] as? [String] ?? []) }
        })
    }

    @Test func listsTheBackupsMadeAndNotThoseRemoved() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-backups-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let common = ["-d", "wf", "--state-dir", state.path]
        let apply = try BluevirtProcess.run(["apply", Self.blueprint, "--simulate"] + common)
        try #require(apply.status == 0, "\(apply.standardError)")
        #expect(try Self.backups(state) == ["lan-1": [], "vm-1": []])
        let none = try BluevirtProcess.run(["backups"] + common)
        #expect(none.standardOutput == "no backups of deployment 'wf'\n", "\(none.standardOutput)")

        for name in ["weekly", "nightly"] {
            let backup = try BluevirtProcess.run(["run", "backup", "-p", "snapshot_name=\(name)"] + common)
            try #require(backup.status == 0, "\(backup.standardError)")
        }
        #expect(try Self.backups(state) == ["lan-1": ["nightly", "weekly"], "vm-1": ["nightly", "weekly"]])
        let text = try BluevirtProcess.run(["backups"] + common)
        #expect(text.standardOutput == "lan-1  nightly, weekly  (network wf-lan-1)\nvm-1  nightly, weekly  (domain wf-vm-1)\n", "\(text.standardOutput)")

        // The later snapshot first: the plugin refuses to remove one that has children.
        let removed = try BluevirtProcess.run(["run", "remove_backup", "-p", "snapshot_name=nightly"] + common)
        try #require(removed.status == 0, "\(removed.standardError)")
        #expect(try Self.backups(state) == ["lan-1": ["weekly"], "vm-1": ["weekly"]])

        let unknown = try BluevirtProcess.run(["backups", "-d", "nope", "--state-dir", state.path])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("there is no deployment 'nope'"), "\(unknown.standardError)")
    }
}
