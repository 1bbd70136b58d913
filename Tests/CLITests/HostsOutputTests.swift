import Engine
import Foundation
import TestSupport
import Testing
@testable import bluevirt

/// Each object's host in what bluevirt shows: progress rows, status, list and outputs --hosts.
@Suite struct HostsOutputTests {
    @Test func progressRowsNameRemoteHostsOnly() {
        var board = ProgressBoard()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        board.record(ProgressEvent(time: start, kind: .started, instance: "web-1", step: "web-1/create", message: "", host: "10.203.0.1"))
        board.record(ProgressEvent(time: start, kind: .started, instance: "db-1", step: "db-1/create", message: "", host: "localhost"))
        #expect(board.frame(now: start.addingTimeInterval(2), width: 120) == [
            "  web-1  creating  2s  on 10.203.0.1",
            "  db-1   creating  2s",
        ])
    }

    @Test func statusListAndOutputsNameTheHostOfEachObject() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-hosts-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state").path
        let blueprint = BluevirtProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/qemu/two-hosts.yaml").path
        let apply = try BluevirtProcess.run([
            "apply", blueprint, "-d", "lab", "--simulate", "--state-dir", state, "--jobs-per-host", "1",
            "--input", "host_a_uri=qemu+ssh://root@10.203.0.1/system", "--input", "host_b_uri=qemu+tcp://10.203.0.2/system",
            "--input", "kernel=/k", "--input", "initrd=/i",
        ])
        #expect(apply.status == 0, "\(apply.standardError)")

        let outputs = try BluevirtProcess.run(["outputs", "-d", "lab", "--hosts", "--json", "--state-dir", state])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(outputs.standardOutput.utf8)) as? [String: Any])
        // --simulate sends every host to a test world on this machine.
        #expect(answer["hosts"] as? [String: String] == ["web-1": "localhost", "db-1": "localhost", "lan_a-1": "localhost", "lan_b-1": "localhost"])
        #expect((answer["outputs"] as? [String: Any])?.keys.sorted() == ["db_ip", "web_ip"])
        let plain = try BluevirtProcess.run(["outputs", "-d", "lab", "--json", "--state-dir", state])
        #expect((try JSONSerialization.jsonObject(with: Data(plain.standardOutput.utf8)) as? [String: Any])?.keys.sorted() == ["db_ip", "web_ip"])

        let status = try BluevirtProcess.run(["status", "-d", "lab", "--json", "--state-dir", state])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.count == 4 && rows.allSatisfy { $0["host"] as? String == "localhost" })
        let list = try BluevirtProcess.run(["list", "--json", "--state-dir", state])
        let deployments = try #require(try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        #expect(deployments.first?["hosts"] as? [String] == ["localhost"])
    }

    @Test func hostOptionsAreChecked() throws {
        let result = try BluevirtProcess.run(["apply", "x.yaml", "--jobs-per-host", "0"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("--jobs-per-host must be a positive number (1 or more), not 0"))
    }

    /// `-1` after an option that takes a number is its value, whether written `--parallelism -1`
    /// or `--parallelism=-1`, and refused as a number (not "Missing value", as for an option).
    @Test(arguments: [["apply", "x.yaml"], ["destroy", "-d", "lab"], ["run", "heal", "-d", "lab"]])
    func aNegativeCountIsRefusedAsANumber(command: [String]) throws {
        for given in [["--parallelism", "-1"], ["--parallelism=-1"]] {
            let result = try BluevirtProcess.run(command + given)
            #expect(result.status == 2)
            #expect(result.standardError.contains("--parallelism must be a positive number (1 or more), not -1"), "\(given): \(result.standardError)")
        }
        guard command[0] != "run" else { return }
        let hosts = try BluevirtProcess.run(command + ["--jobs-per-host", "-2"])
        #expect(hosts.standardError.contains("--jobs-per-host must be a positive number (1 or more), not -2"), "\(hosts.standardError)")
        let keepalive = try BluevirtProcess.run(command + ["--keepalive-interval", "-5"])
        #expect(keepalive.standardError.contains("--keepalive-interval must be 0 or more seconds, not -5"), "\(keepalive.standardError)")
    }
}
