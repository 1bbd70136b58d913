import Foundation
import StateStore
import Testing
import TestSupport

/// `bluevirt ssh` on states written through the StateStore API. For the runs that reach ssh,
/// PATH starts with a folder holding a fake `ssh` script that stands in for the remote host:
/// it records its arguments and the key file it was given, and exits with a chosen status.
@Suite struct SSHCommandTests {
    static let privateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key-\(UUID().uuidString)\n-----END OPENSSH PRIVATE KEY-----\n"
    static let otherKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nthe-other-key\n-----END OPENSSH PRIVATE KEY-----\n"

    /// A state directory, a record folder and the fake ssh, all removed afterwards.
    final class World: Sendable {
        let root: URL
        let store: StateStore
        var stateDir: String { store.location.directory.path }
        var record: URL { root.appendingPathComponent("record") }
        var fakeBin: URL { root.appendingPathComponent("bin") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-ssh-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("record"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("bin"), withIntermediateDirectories: true)
            store = try StateStore(location: StateLocation(directory: root.appendingPathComponent("state"), source: .option))
            let script = """
                #!/bin/sh
                record="$BVTEST_SSH_RECORD"
                printf '%s\\n' "$@" > "$record/args"
                key="$2"
                stat -c %a "$key" > "$record/key-mode"
                stat -c %a "$(dirname "$key")" > "$record/dir-mode"
                cat "$key" > "$record/key"
                grep '^SigIgn:' /proc/$$/status > "$record/sigign"
                if [ -n "$BVTEST_SSH_INTERRUPT" ]; then kill -INT "$PPID"; fi
                exit "${BVTEST_SSH_STATUS:-0}"
                """
            let ssh = root.appendingPathComponent("bin/ssh")
            try script.write(to: ssh, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: ssh.path)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// Deployment `lab` with the given instances (id, node, type, ip) and secrets (instance, key).
        func deployment(_ instances: [(String, String, String, String?)], keys: [(String, String)] = [], userOfKey: String? = nil) throws {
            try store.saveDeployment(name: "lab", blueprintPath: "/lab.yaml", blueprintDigest: "b", inputsDigest: "i")
            try store.registerNodeInstances(instances.map { id, node, type, ip in
                var properties: [String: JSONValue] = [:]
                if let ip { properties["ip"] = .string(ip) }
                if type == "bluevirt.nodes.SSHKey", let userOfKey { properties["user"] = .string(userOfKey) }
                return NodeInstanceRecord(deployment: "lab", instanceID: id, nodeName: node, type: type, state: .started, runtimeProperties: properties)
            })
            for (instance, key) in keys {
                try store.saveSecret(deployment: "lab", instance: instance, name: "ssh_private_key", value: key)
            }
        }

        func run(_ arguments: [String], environment: [String: String] = [:]) throws -> BluevirtProcess.Result {
            let path = fakeBin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            return try BluevirtProcess.run(
                // Before the arguments: after `--` it would be part of the remote command.
                ["ssh", "--state-dir", stateDir] + arguments,
                environment: ["PATH": path, "BVTEST_SSH_RECORD": record.path].merging(environment) { $1 })
        }

        func recorded(_ name: String) throws -> String {
            try String(contentsOf: record.appendingPathComponent(name), encoding: .utf8)
        }
    }

    static let web = ("web-1", "web", "cloudify.libvirt.domain", Optional("192.0.2.10"))
    static let key = ("key-1", "key", "bluevirt.nodes.SSHKey", String?.none)

    @Test func runsSSHWithThePrivateKeyInAPrivateFileRemovedAfterwards() throws {
        let world = try World()
        try world.deployment([Self.web, Self.key], keys: [("key-1", Self.privateKey)], userOfKey: "debian")
        let result = try world.run(["web-1", "-d", "lab", "--", "echo", "a b"], environment: ["BVTEST_SSH_STATUS": "7"])
        #expect(result.status == 7, "ssh's exit status is bluevirt's: \(result.standardError)")
        let arguments = try world.recorded("args").split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let knownHosts = URL(fileURLWithPath: world.stateDir).appendingPathComponent("known-hosts/lab").path
        #expect(arguments.count == 14)
        guard arguments.count == 14 else { return }
        #expect(arguments[0] == "-i")
        #expect(Array(arguments[2...]) == [
            "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile=\(knownHosts)",
            "-o", "HashKnownHosts=no", "--", "debian@192.0.2.10", "echo", "a b",
        ])
        #expect(try world.recorded("key") == Self.privateKey)
        #expect(try world.recorded("key-mode") == "600\n")
        #expect(try world.recorded("dir-mode") == "700\n")
        #expect(!FileManager.default.fileExists(atPath: arguments[1]), "the key file is removed")
        #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: arguments[1]).deletingLastPathComponent().path))
        #expect(!result.standardOutput.contains("not-a-real-key") && !result.standardError.contains("not-a-real-key"))
    }

    @Test func aKeyLeftByAKilledRunIsRemovedByTheNextOne() throws {
        let world = try World()
        try world.deployment([Self.web, Self.key], keys: [("key-1", Self.privateKey)], userOfKey: "debian")
        // As a bluevirt killed with SIGKILL leaves it: a process id that no longer exists.
        let keys = URL(fileURLWithPath: world.stateDir).appendingPathComponent("ssh-keys")
        let leftover = keys.appendingPathComponent("2147483646-abcdef")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try "old key".write(to: leftover.appendingPathComponent("id_ed25519"), atomically: true, encoding: .utf8)
        #expect(try world.run(["web-1", "-d", "lab"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: leftover.path), "the dead run's key is gone")
        let arguments = try world.recorded("args").split(separator: "\n").map(String.init)
        #expect(arguments[1].hasPrefix(keys.path + "/"), "the key file lives in the state directory: \(arguments[1])")
        #expect(try FileManager.default.contentsOfDirectory(atPath: keys.path).isEmpty, "this run's key is gone too")
    }

    @Test func aUserThatSSHWouldReadAsAnOptionIsRefusedBeforeSSHRuns() throws {
        let world = try World()
        try world.deployment([Self.web, Self.key], keys: [("key-1", Self.privateKey)])
        let result = try world.run(["web", "-d", "lab", "--user=-oProxyCommand=touch /tmp/bv-pwned"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("is not a user name ssh can log in as"))
        #expect((try? world.recorded("args")) == nil, "ssh must not have run")
    }

    @Test func aNodeNameWithOneInstanceAndUserOverrideWork() throws {
        let world = try World()
        try world.deployment([Self.web, Self.key], keys: [("key-1", Self.privateKey)])
        #expect(try world.run(["web", "-d", "lab"]).status == 0)
        #expect(try world.recorded("args").hasSuffix("\nroot@192.0.2.10\n"), "the default user is root")
        #expect(try world.run(["web", "-d", "lab", "--user", "alice"]).status == 0)
        #expect(try world.recorded("args").hasSuffix("\nalice@192.0.2.10\n"))
    }

    @Test func ctrlCReachesSSHAndBluevirtStillRemovesTheKey() throws {
        let world = try World()
        try world.deployment([Self.web, Self.key], keys: [("key-1", Self.privateKey)])
        // The fake ssh sends SIGINT to bluevirt, as a terminal's Ctrl-C reaches both.
        let result = try world.run(["web-1", "-d", "lab"], environment: ["BVTEST_SSH_INTERRUPT": "1", "BVTEST_SSH_STATUS": "3"])
        #expect(result.status == 3, "bluevirt outlived the SIGINT and forwarded ssh's status: \(result.standardError)")
        let keyFile = try world.recorded("args").split(separator: "\n")[1]
        #expect(!FileManager.default.fileExists(atPath: String(keyFile)))
        // ssh itself starts with SIGINT handled normally, not ignored (SigIgn bit 2 is clear).
        let mask = try world.recorded("sigign").split(separator: "\t").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        let ignored = try #require(UInt64(mask, radix: 16))
        #expect(ignored & (1 << (SIGINT - 1)) == 0)
    }

    @Test func withSeveralKeysKeyChoosesOne() throws {
        let world = try World()
        let admin = ("admin-1", "admin", "bluevirt.nodes.SSHKey", String?.none)
        try world.deployment([Self.web, Self.key, admin], keys: [("key-1", Self.privateKey), ("admin-1", Self.otherKey)])
        let ambiguous = try world.run(["web-1", "-d", "lab"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.standardError.contains("several ssh keys (admin-1, key-1); choose one with --key NODE"))
        #expect(try world.run(["web-1", "-d", "lab", "--key", "admin"]).status == 0)
        #expect(try world.recorded("key") == Self.otherKey)
        let unknown = try world.run(["web-1", "-d", "lab", "--key", "web"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("has no ssh key node 'web'; its ssh keys are: admin-1, key-1"))
    }

    @Test func anUnknownDeploymentIsNamed() throws {
        let world = try World()
        let result = try world.run(["web-1", "-d", "nope"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("there is no deployment 'nope'"))
    }

    @Test func anUnknownInstanceListsTheKnownOnes() throws {
        let world = try World()
        try world.deployment([Self.web, Self.key], keys: [("key-1", Self.privateKey)])
        let result = try world.run(["db-1", "-d", "lab"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no node instance or node named 'db-1'; its instances are: key-1, web-1 (192.0.2.10)"))
        #expect(!FileManager.default.fileExists(atPath: world.record.appendingPathComponent("args").path), "ssh did not run")
    }

    @Test func aNodeWithSeveralInstancesAsksForOne() throws {
        let world = try World()
        try world.deployment([Self.web, ("web-2", "web", "cloudify.libvirt.domain", "192.0.2.11"), Self.key], keys: [("key-1", Self.privateKey)])
        let result = try world.run(["web", "-d", "lab"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("node 'web' of deployment 'lab' has 2 instances (web-1, web-2); name one of them"))
    }

    @Test func anInstanceWithoutAnAddressIsReported() throws {
        let world = try World()
        try world.deployment([("web-1", "web", "cloudify.libvirt.domain", nil), Self.key], keys: [("key-1", Self.privateKey)])
        let result = try world.run(["web-1", "-d", "lab"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("node instance 'web-1' of deployment 'lab' has no address yet"))
        #expect(result.standardError.contains("`bluevirt status -d lab --state-dir '\(world.stateDir)'`"), "the hint keeps the state directory given")
    }

    @Test func aSimulatedDeploymentIsRefusedAtOnceWithoutRunningSSH() throws {
        let world = try World()
        try world.deployment([Self.key], keys: [("key-1", Self.privateKey)])
        try world.store.registerNodeInstances([NodeInstanceRecord(
            deployment: "lab", instanceID: "web-1", nodeName: "web", type: "cloudify.libvirt.domain",
            connectionURI: "test://\(world.stateDir)/simulated/lab/qemu~3A~2F~2F~2Fsystem.xml", objectKind: "domain", objectName: "web-1",
            state: .started, runtimeProperties: ["ip": .string("192.168.122.2")])])
        let started = ContinuousClock().now
        let result = try world.run(["web-1", "-d", "lab"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("deployment 'lab' was applied with --simulate"), "\(result.standardError)")
        #expect(result.standardError.contains("apply without --simulate"))
        #expect(!FileManager.default.fileExists(atPath: world.record.appendingPathComponent("args").path), "ssh never ran")
        #expect(ContinuousClock().now - started < .seconds(10))
    }

    @Test func anInstanceWithoutAnObjectOfASimulatedDeploymentIsRefusedAsSimulated() throws {
        // A simulated apply that failed before the instance's step: it has no connection, no address.
        let world = try World()
        try world.deployment([("prep-1", "prep", "cloudify.nodes.Root", nil), Self.key], keys: [("key-1", Self.privateKey)])
        try world.store.registerNodeInstances([NodeInstanceRecord(
            deployment: "lab", instanceID: "web-1", nodeName: "web", type: "cloudify.libvirt.domain",
            connectionURI: "test://\(world.stateDir)/simulated/lab/qemu~3A~2F~2F~2Fsystem.xml", objectKind: "domain", objectName: "lab-web-1",
            state: .uninitialized)])
        let result = try world.run(["prep-1", "-d", "lab"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("deployment 'lab' was applied with --simulate: instance 'prep-1'"), "\(result.standardError)")
        #expect(!result.standardError.contains("no address yet"))
    }

    @Test func aDeploymentWithoutAKeyNodeSaysHowToAddOne() throws {
        let world = try World()
        try world.deployment([Self.web])
        let result = try world.run(["web-1", "-d", "lab"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("deployment 'lab' has no ssh key: add a node of type bluevirt.nodes.SSHKey"))
    }

    @Test func aKeyNodeNotYetAppliedIsReported() throws {
        let world = try World()
        try world.deployment([Self.web, Self.key])
        let result = try world.run(["web-1", "-d", "lab"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("the ssh key of node instance 'key-1' has not been made yet"))
    }

    @Test func statusAndOutputsNeverShowTheSecret() throws {
        let world = try World()
        try world.deployment([Self.web, Self.key], keys: [("key-1", Self.privateKey)])
        try world.store.saveOutputs(.object(["address": .string("192.0.2.10")]), deployment: "lab")
        for arguments in [["status", "-d", "lab", "--json"], ["status", "-d", "lab"], ["outputs", "-d", "lab", "--json"], ["list"]] {
            let result = try BluevirtProcess.run(arguments + ["--state-dir", world.stateDir])
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            #expect(!(result.standardOutput + result.standardError).contains("not-a-real-key"), "\(arguments)")
        }
    }

    @Test func helpShowsAnExample() throws {
        let result = try BluevirtProcess.run(["ssh", "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("bluevirt ssh web -d lab --user debian -- uptime"))
    }
}
