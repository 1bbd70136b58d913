import Foundation
import StateStore
import Testing
@testable import Engine

/// Debian's openssh-client (scripts/setup.sh installs it) reads what SSHKeyPair writes.
private let sshKeygenInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen")

@Suite("SSH key pairs in OpenSSH's formats")
struct SSHKeyFormatTests {
    @Test(.enabled(if: sshKeygenInstalled, "needs ssh-keygen (Debian openssh-client) as the independent reader"))
    func sshKeygenDerivesTheSamePublicKeyFromThePrivateKeyFile() throws {
        let directory = try KeyDirectory()
        let pair = SSHKeyPair()
        let privateFile = try directory.write("id", pair.openSSHPrivateKey(comment: "bluevirt-lab"), mode: 0o600)
        let derived = try runTool("/usr/bin/ssh-keygen", ["-y", "-f", privateFile])
        #expect(derived.status == 0, "\(derived.output)")
        #expect(derived.output.trimmingCharacters(in: .newlines) == pair.publicKeyLine(comment: "bluevirt-lab"))
    }

    @Test(.enabled(if: sshKeygenInstalled, "needs ssh-keygen (Debian openssh-client) as the independent reader"))
    func sshKeygenPrintsTheSameFingerprint() throws {
        let directory = try KeyDirectory()
        let pair = SSHKeyPair()
        let publicFile = try directory.write("id.pub", pair.publicKeyLine(comment: "a comment") + "\n", mode: 0o644)
        let listed = try runTool("/usr/bin/ssh-keygen", ["-l", "-f", publicFile])
        #expect(listed.status == 0, "\(listed.output)")
        // "256 SHA256:… a comment (ED25519)"
        #expect(listed.output.trimmingCharacters(in: .newlines) == "256 \(pair.fingerprint) a comment (ED25519)")
    }

    @Test(.enabled(if: sshKeygenInstalled, "needs ssh-keygen (Debian openssh-client) to make a key"))
    func aKeyMadeBySSHKeygenReadsBackWithItsPublicKey() throws {
        let directory = try KeyDirectory()
        let file = directory.url.appendingPathComponent("made").path
        let made = try runTool("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "made here", "-f", file])
        #expect(made.status == 0, "\(made.output)")
        let pair = try SSHKeyPair(openSSHPrivateKey: String(contentsOfFile: file, encoding: .utf8))
        let publicLine = try String(contentsOfFile: file + ".pub", encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(pair.publicKeyLine(comment: "made here") == publicLine)
    }

    @Test func aWrittenPrivateKeyReadsBackAsTheSameKey() throws {
        let pair = SSHKeyPair()
        let text = pair.openSSHPrivateKey(comment: "x")
        #expect(text.hasPrefix("-----BEGIN OPENSSH PRIVATE KEY-----\n"))
        #expect(text.hasSuffix("\n-----END OPENSSH PRIVATE KEY-----\n"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 70 })
        let read = try SSHKeyPair(openSSHPrivateKey: text)
        #expect(read.fingerprint == pair.fingerprint)
        #expect(read.publicKeyLine(comment: "x") == pair.publicKeyLine(comment: "x"))
        #expect(pair.fingerprint.hasPrefix("SHA256:") && !pair.fingerprint.hasSuffix("="))
        #expect(SSHKeyPair().fingerprint != pair.fingerprint)
    }

    @Test(arguments: [
        "not a key",
        "-----BEGIN OPENSSH PRIVATE KEY-----\n!!!!\n-----END OPENSSH PRIVATE KEY-----\n",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
    ])
    func aDamagedPrivateKeyIsRefusedWithAReason(text: String) {
        #expect {
            _ = try SSHKeyPair(openSSHPrivateKey: text)
        } throws: { error in
            guard case .malformedPrivateKey(let reason)? = error as? SSHKeyError else { return false }
            return !reason.isEmpty && "\(error)".contains("destroy and apply")
        }
    }

    @Test func aKeyWhosePublicPartWasSwappedIsRefused() throws {
        let first = SSHKeyPair().openSSHPrivateKey(comment: "c"), second = SSHKeyPair().openSSHPrivateKey(comment: "c")
        // The 32 bytes of the outer public key (after the magic, cipher, kdf, options, key count
        // and the blob's headers) taken from another key.
        let decode = { (text: String) -> Data in
            Data(base64Encoded: text.split(separator: "\n").dropFirst().dropLast().joined())!
        }
        var spliced = decode(first)
        spliced.replaceSubrange(62..<94, with: decode(second)[62..<94])
        let text = "-----BEGIN OPENSSH PRIVATE KEY-----\n\(spliced.base64EncodedString())\n-----END OPENSSH PRIVATE KEY-----\n"
        #expect(throws: SSHKeyError.malformedPrivateKey("its public key does not belong to its private key")) {
            _ = try SSHKeyPair(openSSHPrivateKey: text)
        }
    }
}

@Suite("bluevirt.nodes.SSHKey operations")
struct SSHKeyOperationTests {
    @Test func createStoresThePrivateKeyAsASecretAndReturnsThePublicParts() async throws {
        let state = try KeyState()
        let properties = try await SSHKeyOperations.create(state.context())
        #expect(Set(properties.keys) == ["public_key", "fingerprint", "user"])
        #expect(properties["user"] == .string("root"))
        let secret = try #require(try state.store.secret(deployment: "lab", instance: "key-1", name: SSHKeyOperations.privateKeySecret))
        let pair = try SSHKeyPair(openSSHPrivateKey: secret)
        #expect(properties["public_key"] == .string(pair.publicKeyLine(comment: "bluevirt-lab")))
        #expect(properties["fingerprint"] == .string(pair.fingerprint))
        #expect(!JSONValue.object(properties).jsonText().contains("PRIVATE KEY"))
        #expect(!state.logged.lines.contains { $0.contains("PRIVATE") || $0.contains(secret) })
    }

    @Test func anEmptyCommentMeansTheDefault() async throws {
        let state = try KeyState()
        let properties = try await SSHKeyOperations.create(state.context(properties: ["user": .string("root"), "comment": .string("")]))
        guard case .string(let line)? = properties["public_key"] else { Issue.record("no public_key"); return }
        #expect(line.hasSuffix(" bluevirt-lab"))
    }

    @Test func createAgainReusesTheStoredKey() async throws {
        let state = try KeyState()
        let first = try await SSHKeyOperations.create(state.context())
        let stored = try state.store.secret(deployment: "lab", instance: "key-1", name: SSHKeyOperations.privateKeySecret)
        let second = try await SSHKeyOperations.create(state.context())
        #expect(first == second)
        #expect(try state.store.secret(deployment: "lab", instance: "key-1", name: SSHKeyOperations.privateKeySecret) == stored)
        // Another instance of the node gets a key of its own.
        let other = try await SSHKeyOperations.create(state.context(instance: "key-2"))
        #expect(other["fingerprint"] != first["fingerprint"])
    }

    @Test func userAndCommentComeFromTheNodeProperties() async throws {
        let state = try KeyState()
        let properties = try await SSHKeyOperations.create(state.context(properties: ["user": .string("debian"), "comment": .string("ops@lab")]))
        #expect(properties["user"] == .string("debian"))
        guard case .string(let line)? = properties["public_key"] else { Issue.record("no public_key"); return }
        #expect(line.hasPrefix("ssh-ed25519 AAAA") && line.hasSuffix(" ops@lab"))
    }

    @Test(arguments: [
        (["user": JSONValue.string("")], "user"), (["user": .string("a b")], "user"), (["user": .integer(0)], "user"),
        (["comment": .string("two\nlines")], "comment"),
    ])
    func anUnusablePropertyIsRefusedBeforeAKeyIsMade(properties: [String: JSONValue], property: String) async throws {
        let state = try KeyState()
        await #expect {
            _ = try await SSHKeyOperations.create(state.context(properties: properties))
        } throws: { error in
            guard case .invalidProperty(let node, let named, _)? = error as? SSHKeyError else { return false }
            return node == "key" && named == property
        }
        #expect(try state.store.secret(deployment: "lab", instance: "key-1", name: SSHKeyOperations.privateKeySecret) == nil)
    }

    @Test func deleteRemovesTheSecretAndMayRunTwice() async throws {
        let state = try KeyState()
        _ = try await SSHKeyOperations.create(state.context())
        try await SSHKeyOperations.delete(state.context())
        try await SSHKeyOperations.delete(state.context())
        #expect(try state.store.secret(deployment: "lab", instance: "key-1", name: SSHKeyOperations.privateKeySecret) == nil)
    }
}

/// A state with deployment `lab`, in a temporary directory removed afterwards.
private final class KeyState: Sendable {
    let directory: KeyDirectory
    let store: StateStore
    let logged = KeyOperationLog()

    init() throws {
        directory = try KeyDirectory()
        store = try StateStore(location: StateLocation(directory: directory.url.appendingPathComponent("state"), source: .option))
        try store.saveDeployment(name: "lab", blueprintPath: "/lab.yaml", blueprintDigest: "b", inputsDigest: "i")
    }

    func context(instance: String = "key-1", properties: [String: JSONValue] = [:]) -> OperationContext {
        let logged = self.logged
        return OperationContext(
            deployment: "lab", blueprintDirectory: directory.url, nodeName: "key", nodeType: SSHKeyOperations.nodeType,
            instanceID: instance, operation: "cloudify.interfaces.lifecycle.create", nodeProperties: properties,
            inputs: [:], runtimeProperties: [:], timeout: nil, store: store, log: { logged.append($0) })
    }
}

private final class KeyOperationLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}

private final class KeyDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-ssh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ text: String, mode: Int) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }
}

/// Runs a tool, its standard output and error together into a file (no pipe to fill).
private func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-ssh-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    let handle = try FileHandle(forWritingTo: output)
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8))
}
