import Blueprint
@testable import Engine
import Foundation
import StateStore
import Testing
import TestSupport

/// The utilities plugin's CloudInit.CloudConfig and RSAKey, run by bluevirt: on their own, and
/// in a deployment applied and destroyed on libvirt's test driver (`--simulate`).
@Suite struct UtilitiesPluginTests {
    static let fixture = Paths.fixture("utilities-cloud-init.yaml")

    @Test func aSimulatedApplyRendersTheCloudConfigWithTheKeyAndDestroyCleansUp() async throws {
        let state = try UtilitiesState()
        let loaded = BlueprintLoader.load(path: Self.fixture, inputs: [])
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        #expect(!loaded.diagnostics.hasErrors)
        let run = DryRun(blueprint: blueprint, deployment: "lab")
        try #require(!run.diagnostics.hasErrors, "\(describe(run.diagnostics))")
        let runner = DeploymentRunner(store: state.store)
        let report = try await runner.apply(blueprint: blueprint, blueprintPath: Self.fixture, run: run, inputsText: "",
                                            connections: .init(simulate: true))
        #expect(report.result == .applied, "\(report)")

        let key = try #require(try state.store.nodeInstance(deployment: "lab", instanceID: "login_key-1")).runtimeProperties
        guard case .string(let publicKey)? = key["public_key_export"], case .string(let privateKey)? = key["private_key_export"] else {
            Issue.record("login_key-1 has no key material: \(key.keys.sorted())")
            return
        }
        #expect(publicKey.hasPrefix("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB"))
        #expect(privateKey.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
        #expect(key["secret_key_name"] == nil && key["private_key_path"] == nil)

        let config = try #require(try state.store.nodeInstance(deployment: "lab", instanceID: "user_data-1")).runtimeProperties
        // What PyYAML writes for this configuration: property keys first, then the input's.
        let expected = "#cloud-config\nhostname: lab\nusers:\n- name: centos\n  passwd: $6$rounds=4096$salt$hash.\n  groups: users, admin, wheel\n"
            + "  lock_passwd: false\n  sudo:\n  - ALL=(ALL) NOPASSWD:ALL\n  ssh_authorized_keys:\n  - \(publicKey)\npackages:\n- - epel-release\n"
            + "write_files:\n- path: /etc/motd\n  content: \"lab machine\\n  made by bluevirt\\n\"\n"
        #expect(config["cloud_config"] == .string(expected))
        guard case .string(let json)? = config["json_config"] else { Issue.record("no json_config"); return }
        #expect(json.hasPrefix("{\"hostname\": \"lab\", \"users\": [{\"name\": \"centos\", "))
        guard case .object(let merged)? = config["resource_config"] else { Issue.record("no resource_config"); return }
        #expect(Set(merged.keys) == ["hostname", "users", "packages", "write_files"])

        let machine = try #require(try state.store.nodeInstance(deployment: "lab", instanceID: "machine-1"))
        #expect(machine.state == .started)

        let stored = try #require(try state.store.nodeInstance(deployment: "lab", instanceID: "stored_key-1")).runtimeProperties
        #expect(stored["secret_key_name"] == .string("lab-stored_key-1") && stored["secrets_key_owner"] == .bool(true))
        #expect(try state.store.secrets.names() == ["lab-stored_key-1_private", "lab-stored_key-1_public"])
        #expect(try state.store.secrets.value(named: "lab-stored_key-1_public").map { .string($0) } == stored["public_key_export"])

        let destroyed = try await DeploymentRunner(store: state.store).destroy(deployment: "lab")
        #expect(destroyed.result == .destroyed, "\(destroyed)")
        #expect(try state.store.deployment(named: "lab")?.status == .uninstalled)
        #expect(try state.store.secrets.names().isEmpty)
    }

    // MARK: CloudConfig

    @Test func theInputIsMergedOverThePropertyKeyByKeyAndEncodedWhenAsked() throws {
        let state = try UtilitiesState()
        let property = Value.map([.init(key: "hostname", value: .string("a")), .init(key: "timezone", value: .string("UTC"))])
        let input = Value.map([.init(key: "hostname", value: .string("b")), .init(key: "runcmd", value: .list([.string("true")]))])
        let context = state.context(properties: ["header": .string("#cloud-config"), "encode_base64": .bool(true),
                                                 "resource_config": OutputResolver.json(property)],
                                    inputs: ["resource_config": OutputResolver.json(input)])
        let produced = try CloudConfigOperations.update(context, ordered: .init(property: property, input: input, keyOrder: KeyOrder(hints: [])))
        let text = "#cloud-config\nhostname: b\ntimezone: UTC\nruncmd:\n- 'true'\n"
        #expect(produced["cloud_config"] == .string(Data(text.utf8).base64EncodedString()))
        #expect(produced["json_config"] == .string("{\"hostname\": \"b\", \"timezone\": \"UTC\", \"runcmd\": [\"true\"]}"))
    }

    @Test func anEmptyHeaderIsLeftOutAndTheRuntimePropertyKeepsTheBlueprintsOrder() throws {
        let state = try UtilitiesState()
        // A later operation: the runtime property holds what create merged, in no order; the
        // blueprint's order puts it back.
        let hint = Value.map([.init(key: "zeta", value: .int(1)), .init(key: "alpha", value: .map([.init(key: "y", value: .int(2)), .init(key: "x", value: .int(3))]))])
        let context = state.context(properties: ["header": .string(""), "resource_config": .object([:])],
                                    runtime: ["resource_config": OutputResolver.json(hint)])
        let produced = try CloudConfigOperations.update(context, ordered: .init(property: .map([]), input: nil, keyOrder: KeyOrder(hints: [hint])))
        #expect(produced["cloud_config"] == .string("zeta: 1\nalpha:\n  y: 2\n  x: 3\n"))
    }

    @Test func aFileResourceBecomesTheContentRenderedWithItsVariables() throws {
        let state = try UtilitiesState()
        try "name={{ name }}\n{% for p in ports %}port {{ p }}\n{% endfor %}".write(to: state.directory.appendingPathComponent("motd.j2"), atomically: true, encoding: .utf8)
        try "plain {{ kept }}\n".write(to: state.directory.appendingPathComponent("plain.txt"), atomically: true, encoding: .utf8)
        let files = JSONValue.array([
            .object(["path": .string("/a"), "content": .object(["resource_type": .string("file_resource"), "resource_name": .string("motd.j2"),
                                                                 "template_variables": .object(["name": .string("lab"), "ports": .array([.integer(22), .integer(80)])])])]),
            .object(["path": .string("/b"), "content": .object(["resource_type": .string("file_resource"), "resource_name": .string("plain.txt")])]),
        ])
        let context = state.context(properties: ["resource_config": .object(["write_files": files])])
        let produced = try CloudConfigOperations.update(context, ordered: nil)
        guard case .object(let config)? = produced["resource_config"], case .array(let written)? = config["write_files"],
              case .object(let first)? = written.first, case .object(let second)? = written.last else {
            Issue.record("write_files missing: \(produced)")
            return
        }
        #expect(first["content"] == .string("name=lab\nport 22\nport 80\n"))
        #expect(second["content"] == .string("plain {{ kept }}\n"))
    }

    @Test(arguments: [
        (["resource_config": JSONValue.array([.string("x")])], "must be a mapping"),
        (["resource_config": .object(["write_files": .array([.object(["content": .object(["resource_type": .string("file_resource"), "resource_name": .string("../outside")])])])])],
         "climbs out of the blueprint's folder"),
        (["resource_config": .object(["write_files": .array([.object(["content": .object(["resource_type": .string("file_resource"), "resource_name": .string("missing.txt")])])])])],
         "not a readable file"),
        (["header": .integer(1)], "the property header must be text"),
    ])
    func anUnusableConfigurationIsRefusedWithWhatToDo(properties: [String: JSONValue], problem: String) throws {
        let state = try UtilitiesState()
        #expect { try CloudConfigOperations.update(state.context(properties: properties), ordered: nil) } throws: { error in
            "\(error)".contains(problem) && "\(error)".contains("node 'config'")
        }
    }

    // MARK: RSAKey

    @Test func aKeyKeptInRuntimePropertiesIsOneSSHReads() throws {
        let state = try UtilitiesState()
        let produced = try RSAKeyOperations.create(state.context(properties: ["use_secret_store": .bool(false), "resource_config": Self.keyDefaults],
                                                                 inputs: ["store_private_key_material": .bool(true)]))
        #expect(Set(produced.keys) == ["public_key_export", "private_key_export"])
        guard case .string(let privateKey)? = produced["private_key_export"], case .string(let publicKey)? = produced["public_key_export"] else { return }
        #expect(privateKey.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n") && privateKey.hasSuffix("-----END RSA PRIVATE KEY-----\n"))
        guard sshKeygenInstalled else { return }
        let file = state.directory.appendingPathComponent("id_rsa")
        try Data(privateKey.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let derived = try runTool("/usr/bin/ssh-keygen", ["-y", "-f", file.path])
        #expect(derived.output.trimmingCharacters(in: .newlines) == publicKey)
        let listed = try runTool("/usr/bin/ssh-keygen", ["-l", "-f", file.path])
        #expect(listed.output.hasPrefix("2048 SHA256:") && listed.output.contains("(RSA)"), "\(listed.output)")
    }

    @Test func theSecretStoreKeepsTheKeyUnderItsNameAndDeleteRemovesItWithTheFiles() throws {
        let state = try UtilitiesState()
        let folder = state.directory.appendingPathComponent("keys")
        var config = Self.keyFields
        config["bits"] = .integer(3072)
        config["comment"] = .string("ops@lab")
        config["private_key_path"] = .string(folder.appendingPathComponent("id_rsa").path)
        config["public_key_path"] = .string(folder.appendingPathComponent("id_rsa.pub").path)
        let produced = try RSAKeyOperations.create(state.context(properties: ["use_secret_store": .bool(true), "resource_config": .object(config)]))
        #expect(produced["secret_key_name"] == .string("lab-key-1") && produced["secrets_key_owner"] == .bool(true))
        #expect(produced["private_key_export"] == nil)
        let storedPrivate = try #require(try state.store.secrets.value(named: "lab-key-1_private"))
        let storedPublic = try #require(try state.store.secrets.value(named: "lab-key-1_public"))
        #expect(produced["public_key_export"] == .string(storedPublic) && storedPublic.hasSuffix(" ops@lab"))
        #expect(try String(contentsOf: folder.appendingPathComponent("id_rsa"), encoding: .utf8) == storedPrivate)
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("id_rsa").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        if sshKeygenInstalled {
            let listed = try runTool("/usr/bin/ssh-keygen", ["-l", "-f", folder.appendingPathComponent("id_rsa.pub").path])
            #expect(listed.output.hasPrefix("3072 SHA256:") && listed.output.contains("ops@lab (RSA)"), "\(listed.output)")
        }

        // A second create over the first does nothing, as the plugin's.
        #expect(try RSAKeyOperations.create(state.context(properties: ["resource_config": .object(config)], runtime: produced)).isEmpty)

        try RSAKeyOperations.delete(state.context(runtime: produced))
        #expect(try state.store.secrets.value(named: "lab-key-1_private") == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("id_rsa").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("id_rsa.pub").path))
    }

    @Test func existingSecretsAreUsedWhenAskedAndNotDeletedByThisDeployment() throws {
        let state = try UtilitiesState()
        try state.store.secrets.set("shared_private", to: "PRIVATE")
        try state.store.secrets.set("shared_public", to: "ssh-rsa PUBLIC")
        var config = Self.keyFields
        config["key_name"] = .string("shared")
        let properties: [String: JSONValue] = ["use_secret_store": .bool(true), "use_secrets_if_exist": .bool(true), "resource_config": .object(config)]
        let produced = try RSAKeyOperations.create(state.context(properties: properties))
        #expect(produced["public_key_export"] == .string("ssh-rsa PUBLIC") && produced["secrets_key_owner"] == .bool(false))
        try RSAKeyOperations.delete(state.context(runtime: produced))
        #expect(try state.store.secrets.value(named: "shared_private") == "PRIVATE")

        // Without use_secrets_if_exist an existing secret is a conflict, not overwritten.
        let refused = ["use_secret_store": JSONValue.bool(true), "resource_config": .object(config)]
        #expect { try RSAKeyOperations.create(state.context(properties: refused)) } throws: { "\($0)".contains("exists already") }
    }

    @Test func aKeyFileThatCannotBeWrittenLeavesNoSecretBehind() throws {
        let state = try UtilitiesState()
        // A directory where the key file should go: it cannot be replaced by a file.
        let blocked = state.directory.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        var config = Self.keyFields
        config["private_key_path"] = .string(blocked.path)
        #expect { try RSAKeyOperations.create(state.context(properties: ["use_secret_store": .bool(true), "resource_config": .object(config)])) } throws: {
            "\($0)".contains("cannot write the key file")
        }
        #expect(try state.store.secrets.names().isEmpty)
    }

    @Test(arguments: [
        ([:], "the private key would be kept nowhere"),
        (["algorithm": JSONValue.string("DSA")], "only RSA keys are made"),
        (["openssh_format": .bool(false)], "only the OpenSSH format is made"),
        (["bits": .integer(512)], "give a key size"),
        (["use_secrets_if_exist": .bool(true)], "set use_secret_store to true"),
    ])
    func anUnusableKeyConfigurationIsRefused(extra: [String: JSONValue], problem: String) throws {
        let state = try UtilitiesState()
        let config = Self.keyFields.merging(extra) { _, new in new }
        #expect { try RSAKeyOperations.create(state.context(properties: ["use_secret_store": .bool(false), "resource_config": .object(config)])) } throws: {
            "\($0)".contains(problem) && "\($0)".contains("node 'config'")
        }
    }

    /// resource_config as Cloudify fills it from the data type's defaults.
    static let keyFields: [String: JSONValue] = ["algorithm": .string("RSA"), "bits": .integer(2048)]
    static let keyDefaults = JSONValue.object(keyFields)
}

private let sshKeygenInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen")

/// A state with deployment `lab` and a blueprint folder, in a temporary directory removed afterwards.
private final class UtilitiesState: Sendable {
    let directory: URL
    let store: StateStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-utilities-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try StateStore(location: StateLocation(directory: directory.appendingPathComponent("state"), source: .option))
        try store.saveDeployment(name: "lab", blueprintPath: directory.appendingPathComponent("lab.yaml").path, blueprintDigest: "b", inputsDigest: "i")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func context(properties: [String: JSONValue] = [:], inputs: [String: JSONValue] = [:], runtime: [String: JSONValue] = [:]) -> OperationContext {
        OperationContext(deployment: "lab", blueprintDirectory: directory, nodeName: "config", nodeType: "", instanceID: "key-1",
                         operation: "cloudify.interfaces.lifecycle.create", nodeProperties: properties, inputs: inputs,
                         runtimeProperties: runtime, timeout: nil, store: store, log: { _ in })
    }
}

/// Runs a tool, its standard output and error together into a file (no pipe to fill).
private func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-utilities-\(UUID().uuidString).out")
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

/// What validate and dry-run find in utilities plugin nodes before a run (BV0811).
@Suite struct UtilitiesCheckTests {
    @Test func configurationsTheOperationsWouldRefuseAreReportedWhereTheyAreWritten() throws {
        let path = try temporaryBlueprint("""
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/4.6/types.yaml
              - plugin:cloudify-utilities-plugin
            inputs:
              size: { default: 512 }
            node_templates:
              nowhere:
                type: cloudify.keys.nodes.RSAKey
                properties:
                  use_secret_store: false
              odd:
                type: cloudify.nodes.keys.RSAKey
                properties:
                  resource_config:
                    algorithm: DSA
                    bits: { get_input: size }
                    openssh_format: false
              fine:
                type: cloudify.nodes.keys.RSAKey
                properties:
                  use_secret_store: false
                  resource_config: { private_key_path: /tmp/unused/id_rsa }
              fine_too:
                type: cloudify.keys.nodes.RSAKey
                properties:
                  use_secret_store: false
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        store_private_key_material: true
              listed:
                type: cloudify.nodes.CloudInit.CloudConfig
                properties:
                  resource_config: [ users ]
                  header: 1
                interfaces:
                  cloudify.interfaces.lifecycle:
                    configure:
                      inputs:
                        resource_config: not a mapping
              runtime:
                type: cloudify.nodes.CloudInit.CloudConfig
                properties:
                  resource_config: { get_attribute: [ fine, public_key_export ] }
            """)
        let run = try #require(dryRun(path))
        let found = run.diagnostics.filter { $0.code == .unusableUtilitiesConfiguration }
        let lines = found.map { "\($0.range.start.line): \($0.message)" }.sorted()
        #expect(lines == [
            "11: the private key of node template 'nowhere' would be kept nowhere: use_secret_store is false",
            "16: node template 'odd': resource_config.algorithm is \"DSA\", but the utilities plugin makes only RSA keys",
            "17: node template 'odd': resource_config.bits is 512, not a key size bluevirt makes",
            "18: node template 'odd': resource_config.openssh_format is false, but the utilities plugin makes only the OpenSSH format",
            "36: the property resource_config of node template 'listed' is a list, but the cloud-init configuration is a mapping",
            "37: the property header of node template 'listed' is a number, but it is the text of cloud_config's first line",
            "42: the input resource_config of configure of node template 'listed' is text, but the cloud-init configuration is a mapping",
        ], "\(lines)")
    }

    /// `key in params_list` on a text is Python's substring test, which finds the empty key too
    /// (Foundation's `contains` did not).
    @Test func aParamsListGivenAsTextHoldsItsPartsAsPythonsInFindsThem() throws {
        let list = JSONValue.string("name,size")
        #expect(try ConfigurationOperations.contains("size", in: list, node: "n"))
        #expect(try !ConfigurationOperations.contains("memory", in: list, node: "n"))
        #expect(try ConfigurationOperations.contains("", in: list, node: "n"))
    }
}
