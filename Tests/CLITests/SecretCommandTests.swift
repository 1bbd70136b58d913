import Foundation
import StateStore
import Testing
import TestSupport

/// get_secret through the built binary: `bluevirt secret set|list|delete`, `--secret` and
/// `--secrets` on every command that takes inputs, their precedence, the missing-secret error,
/// and that no value ever reaches what bluevirt prints (only libvirt and scripts get it).
@Suite struct SecretCommandTests {
    /// Long and unusual enough that finding it anywhere means it leaked.
    static let password = "s3cr3t-Pa55-<&\"'>-7f1c"
    static let token = "tok-91c2-77aa-e4f0"

    /// In the shape of the plugin's examples: a domain from a Jinja2 template whose console
    /// password is a secret, a script that gets secrets as inputs, prints one and records one as
    /// a runtime property, and outputs that read both.
    static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_4
        imports:
          - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
          - plugin:cloudify-libvirt-plugin
        node_templates:
          vm:
            type: cloudify.libvirt.domain
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  inputs:
                    params:
                      vcpu: 1
                      memory_size: 524288
                      console_password: { get_secret: console_password }
                    template_content: |
                      {# jinja2 #}
                      <domain type="test">
                        <name>{{ name }}</name>
                        <description>console {{ console_password }}</description>
                        <memory unit="KiB">{{ memory_size }}</memory>
                        <vcpu>{{ vcpu }}</vcpu>
                        <os><type>hvm</type></os>
                        <devices><graphics type="vnc" passwd="{{ console_password }}"/></devices>
                      </domain>
          app:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  implementation: scripts/create.sh
                  inputs:
                    PASSWORD: { get_secret: console_password }
                    API_USER: { get_secret: [ lab_credentials, user ] }
                    TOKEN: { get_secret: [ lab_credentials, token ] }
                    SEEN_FILE: { get_input: seen_file }
            relationships:
              - { type: cloudify.relationships.depends_on, target: vm }
        inputs:
          seen_file: { type: string }
        outputs:
          login: { value: { concat: [ "vnc://", { get_secret: [ lab_credentials, user ] }, ":", { get_secret: console_password }, "@vm" ] } }
          recorded: { value: { get_attribute: [ app, token_copy ] } }
        """

    static let createScript = """
        #!/bin/sh
        set -eu
        printf '%s\\n%s\\n%s\\n' "$PASSWORD" "$API_USER" "$TOKEN" > "$SEEN_FILE"
        echo "the password is $PASSWORD"
        ctx logger info "token $TOKEN"
        ctx instance runtime-properties token_copy "copy of $TOKEN"
        """

    struct Project {
        var folder: URL
        var blueprint: String
        var state: String
        var seen: String
        var secretsFile: String
    }

    static func project(secretsFile: String? = nil) throws -> Project {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("lab.yaml")
        try Self.blueprint.write(to: blueprint, atomically: true, encoding: .utf8)
        let script = folder.appendingPathComponent("scripts/create.sh")
        try createScript.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let secrets = folder.appendingPathComponent("secrets.yaml")
        try (secretsFile ?? """
            console_password: '\(password.replacingOccurrences(of: "'", with: "''"))'
            lab_credentials:
              user: lab-admin-user
              token: \(token)
            """).write(to: secrets, atomically: true, encoding: .utf8)
        return Project(folder: folder, blueprint: blueprint.path, state: folder.appendingPathComponent("state").path,
                       seen: folder.appendingPathComponent("seen.txt").path, secretsFile: secrets.path)
    }

    /// Fails the test with where a secret value was found.
    static func expectNoSecret(_ result: BluevirtProcess.Result, _ what: String, values: [String] = [password, token, "lab-admin-user"],
                               sourceLocation: SourceLocation = #_sourceLocation) {
        for value in values {
            for (stream, text) in [("standard output", result.standardOutput), ("standard error", result.standardError)] {
                #expect(!text.contains(value), "\(what) leaks '\(value)' on \(stream):\n\(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func applyDestroyStatusOutputsAndDryRunNeverPrintAValueThatLibvirtAndScriptsGet() throws {
        let project = try Self.project()
        let given = ["--secrets", project.secretsFile, "--input", "seen_file=\(project.seen)", "--state-dir", project.state]

        let validate = try BluevirtProcess.run(["validate", project.blueprint] + given)
        #expect(validate.status == 0, "\(validate.standardOutput)\(validate.standardError)")
        Self.expectNoSecret(validate, "validate")

        for extra in [[], ["--json"]] {
            let dryRun = try BluevirtProcess.run(["dry-run", project.blueprint] + given + extra)
            #expect(dryRun.status == 0, "\(dryRun.standardError)")
            Self.expectNoSecret(dryRun, "dry-run \(extra)")
            #expect(dryRun.standardOutput.contains("${get_secret: console_password}"), "\(dryRun.standardOutput)")
        }
        let documents = project.folder.appendingPathComponent("out")
        let written = try BluevirtProcess.run(["dry-run", project.blueprint, "--output-dir", documents.path] + given)
        #expect(written.status == 0, "\(written.standardError)")
        for file in try FileManager.default.contentsOfDirectory(atPath: documents.path) {
            let text = try String(contentsOf: documents.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(Self.password), "dry-run --output-dir leaks the password into \(file)")
        }

        for extra in [[], ["--json"]] {
            let apply = try BluevirtProcess.run(["apply", project.blueprint, "--simulate", "-d", "lab\(extra.count)"] + given + extra)
            #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")
            Self.expectNoSecret(apply, "apply \(extra)")
            // The script's own output and ctx logger lines arrive, masked.
            #expect((apply.standardOutput + apply.standardError).contains("the password is ${get_secret: console_password}"),
                    "\(apply.standardOutput)\(apply.standardError)")
            #expect((apply.standardOutput + apply.standardError).contains("token ${get_secret: [lab_credentials, token]}"))
        }
        // What the script was given: every value, as it is.
        #expect(try String(contentsOfFile: project.seen, encoding: .utf8) == "\(Self.password)\nlab-admin-user\n\(Self.token)\n")
        // What libvirt was given: the simulated host holds the real password (XML-escaped; libvirt
        // keeps a graphics password out of its dumps, the description shows what it got).
        let worlds = URL(fileURLWithPath: project.state).appendingPathComponent("simulated")
        let world = try FileManager.default.subpathsOfDirectory(atPath: worlds.path).filter { $0.hasSuffix(".xml") }
            .map { try String(contentsOf: worlds.appendingPathComponent($0), encoding: .utf8) }.joined()
        #expect(world.contains("<description>console s3cr3t-Pa55-&lt;&amp;"), "the domain libvirt defined lacks the password")

        for deployment in ["lab0", "lab1"] {
            for extra in [[], ["--json"]] {
                let status = try BluevirtProcess.run(["status", "-d", deployment, "--state-dir", project.state] + extra)
                #expect(status.status == 0, "\(status.standardError)")
                Self.expectNoSecret(status, "status \(extra)")
                let outputs = try BluevirtProcess.run(["outputs", "-d", deployment, "--state-dir", project.state] + extra)
                #expect(outputs.status == 0, "\(outputs.standardError)")
                Self.expectNoSecret(outputs, "outputs \(extra)")
                #expect(outputs.standardOutput.contains("${get_secret: console_password}@vm"), "\(outputs.standardOutput)")
                #expect(outputs.standardOutput.contains("copy of ${get_secret: [lab_credentials, token]}"), "\(outputs.standardOutput)")
            }
            let destroy = try BluevirtProcess.run(["destroy", "-d", deployment, "--state-dir", project.state, "--json"])
            #expect(destroy.status == 0, "\(destroy.standardOutput)\(destroy.standardError)")
            Self.expectNoSecret(destroy, "destroy")
        }
        let list = try BluevirtProcess.run(["list", "--state-dir", project.state, "--json"])
        Self.expectNoSecret(list, "list")
        try Self.expectNoSecretRecorded(state: project.state)
    }

    /// Events and outputs are kept for showing: the state must not hold a value in them.
    static func expectNoSecretRecorded(state: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let store = try StateStore(stateDirOption: state)
        for deployment in try store.deployments() {
            var recorded = try store.outputs(deployment: deployment.name)?.jsonText() ?? ""
            for execution in try store.executions(deployment: deployment.name) {
                recorded += (execution.error ?? "") + (try store.events(execution: execution.id).map(\.message).joined(separator: "\n"))
            }
            for value in [password, token, "lab-admin-user"] {
                #expect(!recorded.contains(value), "the state of '\(deployment.name)' records '\(value)' in an event or output", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func aFailureThatQuotesASecretIsMaskedWhereverItIsShownOrRecorded() throws {
        let project = try Self.project()
        try """
            #!/bin/sh
            echo "login refused for $API_USER with $PASSWORD" >&2
            exit 3
            """.write(toFile: project.folder.appendingPathComponent("scripts/create.sh").path, atomically: true, encoding: .utf8)
        for extra in [[], ["--json"]] {
            let apply = try BluevirtProcess.run(["apply", project.blueprint, "--simulate", "--secrets", project.secretsFile,
                                                 "--input", "seen_file=\(project.seen)", "--state-dir", project.state] + extra)
            #expect(apply.status == 1)
            Self.expectNoSecret(apply, "a failed apply \(extra)")
            #expect((apply.standardOutput + apply.standardError).contains("login refused for ${get_secret: [lab_credentials, user]} with ${get_secret: console_password}"),
                    "\(apply.standardOutput)\(apply.standardError)")
        }
        try Self.expectNoSecretRecorded(state: project.state)
        let destroy = try BluevirtProcess.run(["destroy", "-d", "lab", "--state-dir", project.state])
        #expect(destroy.status == 0, "\(destroy.standardError)")
        Self.expectNoSecret(destroy, "destroy after a failed apply")
    }

    /// The quoted source lines are the blueprint's own text: a secret whose value is also a word
    /// of the file (`default`) is not replaced in them, which garbled the line under the caret.
    @Test func quotedSourceLinesAreNotMasked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-secret-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bp.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_4
            imports:
              - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
            inputs:
              net: { type: string, default: { get_secret: common_network } }
              pin:
                type: string
                default: { get_secret: pin }
            node_templates:
              n: { type: cloudify.nodes.Root }
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let validate = try BluevirtProcess.run(["validate", path, "--secret", "common_network=default", "--secret", "pin=123",
                                                "--state-dir", folder.appendingPathComponent("state").path])
        #expect(validate.status == 0, "\(validate.standardError)")
        #expect(validate.standardError.contains("[BV0841]"), "\(validate.standardError)")
        #expect(validate.standardError.contains("\n    default: { get_secret: pin }\n"), "\(validate.standardError)")
    }

    @Test func theStoreKeepsNamesListsThemWithoutValuesAndDeletes() throws {
        let project = try Self.project()
        let state = ["--state-dir", project.state]
        let set = try BluevirtProcess.run(["secret", "set", "console_password", Self.password] + state)
        #expect(set.status == 0, "\(set.standardError)")
        #expect(set.standardOutput.contains("secret 'console_password' kept"))
        Self.expectNoSecret(set, "secret set")
        let file = project.folder.appendingPathComponent("credentials.json")
        try "{\"user\": \"lab-admin-user\", \"token\": \"\(Self.token)\"}\n".write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try BluevirtProcess.run(["secret", "set", "lab_credentials", "--from-file", file.path] + state)
        #expect(fromFile.status == 0, "\(fromFile.standardError)")

        let list = try BluevirtProcess.run(["secret", "list"] + state)
        #expect(list.standardOutput == "console_password\nlab_credentials\n")
        Self.expectNoSecret(list, "secret list")
        let json = try BluevirtProcess.run(["secret", "list", "--json"] + state)
        #expect(json.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "[\"console_password\",\"lab_credentials\"]")

        // The store alone gives every secret, JSON text included, and the database stays private.
        let dryRun = try BluevirtProcess.run(["dry-run", project.blueprint, "--input", "seen_file=x"] + state)
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        Self.expectNoSecret(dryRun, "dry-run from the store")
        let database = URL(fileURLWithPath: project.state).appendingPathComponent("state.sqlite").path
        let mode = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o777 } == 0o600)

        let delete = try BluevirtProcess.run(["secret", "delete", "console_password"] + state)
        #expect(delete.status == 0 && delete.standardOutput.contains("deleted"))
        let again = try BluevirtProcess.run(["secret", "delete", "console_password"] + state)
        #expect(again.status == 1 && again.standardError.contains("there is no secret 'console_password'"), "\(again.standardError)")
        // validate given no secret checks the blueprint alone: a warning; dry-run needs the value.
        let missing = try BluevirtProcess.run(["validate", project.blueprint, "--input", "seen_file=x"] + state)
        #expect(missing.status == 0 && missing.standardError.contains("warning: secret 'console_password' has no value"), "\(missing.standardError)")
        let missingInDryRun = try BluevirtProcess.run(["dry-run", project.blueprint, "--input", "seen_file=x"] + state)
        #expect(missingInDryRun.status == 1 && missingInDryRun.standardError.contains("error: secret 'console_password' has no value"),
                "\(missingInDryRun.standardError)")
    }

    @Test func standardInputGivesTheValueWithoutItsLastLineBreak() throws {
        let project = try Self.project()
        let process = Process()
        process.executableURL = BluevirtProcess.binary
        process.arguments = ["secret", "set", "console_password", "--state-dir", project.state]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("\(Self.password)\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The stored value is exactly the password: the domain document gets it, masked in display.
        let dryRun = try BluevirtProcess.run(["dry-run", project.blueprint, "--input", "seen_file=x", "--state-dir", project.state,
                                              "--secret", "lab_credentials={\"user\": \"u-1234\", \"token\": \"t-1234\"}"])
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        #expect(dryRun.standardOutput.contains("passwd=\"${get_secret: console_password}\""), "\(dryRun.standardOutput)")
    }

    @Test func theCommandLineWinsOverFilesWhichWinOverTheStore() throws {
        let project = try Self.project()
        let state = ["--state-dir", project.state, "--input", "seen_file=\(project.seen)"]
        _ = try BluevirtProcess.run(["secret", "set", "console_password", "from-the-store"] + state.prefix(2))
        let later = project.folder.appendingPathComponent("later.yaml")
        try "console_password: from-the-later-file\n".write(to: later, atomically: true, encoding: .utf8)

        func passwordSeen(_ options: [String]) throws -> String? {
            try? FileManager.default.removeItem(atPath: project.seen)
            let apply = try BluevirtProcess.run(["apply", project.blueprint, "--simulate", "-d", "p\(UUID().uuidString.prefix(6))"] + state + options)
            #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")
            return try? String(contentsOfFile: project.seen, encoding: .utf8).components(separatedBy: "\n").first
        }
        let credentials = ["--secret", "lab_credentials={\"user\": \"u-1234\", \"token\": \"t-1234\"}"]
        #expect(try passwordSeen(credentials) == "from-the-store")
        #expect(try passwordSeen(credentials + ["--secrets", project.secretsFile]) == Self.password)
        #expect(try passwordSeen(credentials + ["--secrets", project.secretsFile, "--secrets", later.path]) == "from-the-later-file")
        #expect(try passwordSeen(credentials + ["--secrets", later.path, "--secret", "console_password=from-the-command-line"]) == "from-the-command-line")
    }

    @Test func aMissingSecretIsAValidateErrorNamingItAndItsUses() throws {
        let project = try Self.project(secretsFile: "lab_credentials: {user: lab-admin-user, token: \(Self.token)}\n")
        let result = try BluevirtProcess.run(["validate", project.blueprint, "--secrets", project.secretsFile, "--state-dir", project.state])
        #expect(result.status == 1)
        let text = result.standardError
        #expect(text.contains("error: secret 'console_password' has no value; get_secret uses it in 'params', an operation input of node template 'vm' [BV0320]"), "\(text)")
        #expect(text.contains("note: 'console_password' is also used here, in 'PASSWORD'"), "\(text)")
        #expect(text.contains("--secret console_password=VALUE") && text.contains("bluevirt secret set console_password"), "\(text)")
        Self.expectNoSecret(result, "validate")
        // Validate read no store there was none of: it created no state directory.
        #expect(!FileManager.default.fileExists(atPath: project.state))
    }

    /// The plugin's cluster and vm_agent examples take inputs whose defaults are secrets.
    @Test func anInputDefaultReadsASecretUnlessTheInputIsGiven() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-secret-default-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("agent.yaml")
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
            inputs:
              agent_user:
                default: { get_secret: agent_user }
            outputs:
              user: { value: { get_input: agent_user } }
            """.write(to: blueprint, atomically: true, encoding: .utf8)
        let state = ["--state-dir", folder.appendingPathComponent("state").path]
        let missing = try BluevirtProcess.run(["validate", blueprint.path] + state)
        #expect(missing.status == 0 && missing.standardError.contains("warning: secret 'agent_user' has no value"), "\(missing.standardError)")
        let missingInDryRun = try BluevirtProcess.run(["dry-run", blueprint.path] + state)
        #expect(missingInDryRun.status == 1 && missingInDryRun.standardError.contains("error: secret 'agent_user' has no value"),
                "\(missingInDryRun.standardError)")
        let otherSecretGiven = try BluevirtProcess.run(["validate", blueprint.path, "--secret", "other=value-1"] + state)
        #expect(otherSecretGiven.status == 1, "given a secret, validate needs them all: \(otherSecretGiven.standardError)")
        let given = try BluevirtProcess.run(["validate", blueprint.path, "--input", "agent_user=centos"] + state)
        #expect(given.status == 0, "\(given.standardError)")
        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--secret", "agent_user=centos-agent"] + state)
        #expect(apply.status == 0, "\(apply.standardError)")
        #expect(apply.standardOutput.contains("user: ${get_secret: agent_user}"), "\(apply.standardOutput)")

        // destroy BLUEPRINT, for a state that lost the deployment, loads the blueprint: it takes secrets too.
        let lost = ["--simulate", "--state-dir", folder.appendingPathComponent("lost").path]
        let unknown = try BluevirtProcess.run(["destroy", blueprint.path] + lost)
        #expect(unknown.status == 1 && unknown.standardError.contains("[BV0320]"), "\(unknown.standardError)")
        let destroy = try BluevirtProcess.run(["destroy", blueprint.path, "--secret", "agent_user=centos-agent"] + lost)
        #expect(destroy.status == 0, "\(destroy.standardError)")
    }

    @Test func aBrokenSecretsFileOrAssignmentIsAUsageErrorThatQuotesNoValue() throws {
        let project = try Self.project(secretsFile: "- \(Self.password)\n")
        let list = try BluevirtProcess.run(["validate", project.blueprint, "--secrets", project.secretsFile])
        #expect(list.status == 2, "\(list.standardError)")
        #expect(list.standardError.contains("[BV0840]"))
        Self.expectNoSecret(list, "validate with a list as secrets file")

        let broken = project.folder.appendingPathComponent("broken.yaml")
        try "console_password: \"\(Self.token)\n  bad: [\n".write(to: broken, atomically: true, encoding: .utf8)
        let yaml = try BluevirtProcess.run(["validate", project.blueprint, "--secrets", broken.path])
        #expect(yaml.status != 0)
        Self.expectNoSecret(yaml, "validate with broken YAML in the secrets file", values: [Self.token])

        let assignment = try BluevirtProcess.run(["validate", project.blueprint, "--secret", Self.password])
        #expect(assignment.status == 2 && assignment.standardError.contains("[BV0840]"), "\(assignment.standardError)")
        Self.expectNoSecret(assignment, "validate --secret without '='")
    }

    @Test func aSecretTooShortToMaskIsAWarning() throws {
        let project = try Self.project(secretsFile: "console_password: abc\nlab_credentials: {user: lab-admin-user, token: \(Self.token)}\n")
        let result = try BluevirtProcess.run(["validate", project.blueprint, "--secrets", project.secretsFile, "--input", "seen_file=x"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("warning: secret 'console_password' has a value shorter than 4 characters"), "\(result.standardError)")
    }

    @Test func unusableStoreNamesAreRefused() throws {
        let project = try Self.project()
        let result = try BluevirtProcess.run(["secret", "set", "bad name", "value", "--state-dir", project.state])
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardError.contains("a secret name may hold only"))
    }
}
