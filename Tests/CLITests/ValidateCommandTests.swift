import Foundation
import Testing
import TestSupport

@Suite struct ValidateCommandTests {
    static let examples: [String] = {
        let folder = BluevirtProcess.repositoryRoot.appendingPathComponent("blueprints")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "blueprints/\($0)" }
    }()

    @Test func examplesExist() {
        #expect(Self.examples.count >= 4)
    }

    @Test(arguments: examples)
    func everyExampleIsValid(path: String) throws {
        let result = try BluevirtProcess.run(["validate", path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("\(path): valid"))
    }

    @Test func reportsEveryProblemWithPositionCodeAndHint() throws {
        let blueprint = try TemporaryBlueprint("""
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
              - plugin:cloudify-libvirt-plugin
            inputs:
              memory:
                type: integer
                default: 1024
            node_templates:
              vm:
                type: cloudify.libvirt.domian
                properties:
                  params:
                    memory_size: { get_input: memroy }
                relationships:
                  - type: cloudify.relationships.connected_to
                    target: lan
            """)
        let result = try BluevirtProcess.run(["validate", blueprint.path], environment: ["NO_COLOR": "1"])
        #expect(result.status == 1)
        let err = result.standardError
        #expect(err.contains("\(blueprint.path):11:11: error: unknown node type 'cloudify.libvirt.domian' [BV0107]"))
        #expect(err.contains("note: did you mean 'cloudify.libvirt.domain'?"))
        #expect(err.contains("\(blueprint.path):14:35: error:"))
        #expect(err.contains("did you mean 'memory'?"))
        #expect(err.contains("\(blueprint.path):17:17: error:"))
        // The source line and a caret under the range, as the Swift compiler prints them.
        #expect(err.contains("    type: cloudify.libvirt.domian\n          ^~~~~~~~~~~~~~~~~~~~~~~"))
        #expect(!err.contains("\u{1B}["), "no colour when NO_COLOR is set or stderr is no terminal")
    }

    @Test func jsonCarriesTheSameDiagnostics() throws {
        let blueprint = try TemporaryBlueprint("""
            tosca_definitions_version: cloudify_dsl_1_3
            node_templates:
              vm:
                type: cloudify.nodes.Compute
            """)
        let result = try BluevirtProcess.run(["validate", blueprint.path, "--json"])
        #expect(result.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let diagnostics = try #require(document?["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(first["code"] as? String == "BV0107")
        #expect(first["line"] as? Int == 4)
        #expect(first["column"] as? Int == 11)
        #expect(first["file"] as? String == blueprint.path)
        #expect(first["severity"] as? String == "error")
        #expect((first["notes"] as? [[String: Any]])?.isEmpty == false, "the note names the import to add")
        #expect(document?["errorCount"] as? Int == diagnostics.filter { $0["severity"] as? String == "error" }.count)
    }

    @Test func aMalformedInputIsAUsageErrorThatPointsIntoTheAssignment() throws {
        let path = "blueprints/scaled-cluster.yaml"
        let broken = try BluevirtProcess.run(["validate", path, "--input", "workers=[1,"], environment: ["NO_COLOR": "1"])
        #expect(broken.status == 2)
        #expect(broken.standardError.contains("<command line>:1:"), "\(broken.standardError)")
        #expect(!broken.standardError.contains("<command line>:2:"))
        #expect(broken.standardError.contains("\(path): not checked"))
        let assignment = try BluevirtProcess.run(["validate", path, "--inputs", "workers=3"], environment: ["NO_COLOR": "1"])
        #expect(assignment.status == 2)
        #expect(assignment.standardError.contains("write --input workers=3"))
    }

    /// An `--inputs` or `--secrets` file that is broken YAML, or not a mapping, is input the
    /// command could not use, as a broken `--input` is: exit 2, "not checked". A broken inputs
    /// file exited 1 ("invalid") while `--input 'k=['` exited 2. A blueprint that is broken YAML
    /// itself, and an input value of the wrong type, stay errors of the blueprint (1).
    @Test func aBrokenValuesFileIsAUsageErrorAsABrokenInputIs() throws {
        let path = "blueprints/scaled-cluster.yaml"
        let environment = ["NO_COLOR": "1"]
        for (text, option) in [("workers: [\n", "--inputs"), ("- workers\n", "--inputs"), ("password: [\n", "--secrets")] {
            let file = try TemporaryBlueprint(text, name: "values.yaml")
            let broken = try BluevirtProcess.run(["validate", path, option, file.path], environment: environment)
            #expect(broken.status == 2, "\(option) \(text): \(broken.standardError)")
            #expect(broken.standardError.contains("\(path): not checked"), "\(broken.standardError)")
            let applied = try BluevirtProcess.run(["dry-run", path, option, file.path], environment: environment)
            #expect(applied.status == 2, "\(option) \(text): \(applied.standardError)")
        }

        let wrongType = try TemporaryBlueprint("workers: many\n", name: "values.yaml")
        let typed = try BluevirtProcess.run(["validate", path, "--inputs", wrongType.path], environment: environment)
        #expect(typed.status == 1, "\(typed.standardError)")
        #expect(typed.standardError.contains("\(path): invalid"), "\(typed.standardError)")
        let brokenBlueprint = try TemporaryBlueprint("tosca_definitions_version: [\n")
        let blueprint = try BluevirtProcess.run(["validate", brokenBlueprint.path, "--inputs", wrongType.path], environment: environment)
        #expect(blueprint.status == 1, "\(blueprint.standardError)")
    }

    @Test func inputsFromFileAndCommandLineAreBoundAndChecked() throws {
        let path = "blueprints/scaled-cluster.yaml"
        let ok = try BluevirtProcess.run(["validate", path, "--input", "workers=3"])
        #expect(ok.status == 0, "\(ok.standardError)")

        let unknown = try BluevirtProcess.run(["validate", path, "--input", "wrokers=3"], environment: ["NO_COLOR": "1"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("<command line>"))
        #expect(unknown.standardError.contains("did you mean 'workers'?"))

        let inputs = try TemporaryBlueprint("workers: 1000\n", name: "inputs.yaml")
        let broken = try BluevirtProcess.run(["validate", path, "--inputs", inputs.path], environment: ["NO_COLOR": "1"])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("\(path):"), "a constraint break points at the input's declaration")
        #expect(broken.standardError.contains(inputs.path), "with a note at the given value")
    }

    @Test func requiredInputWithoutValueIsAWarningOnlyWithoutAnyInputValue() throws {
        let blueprint = try TemporaryBlueprint("""
            tosca_definitions_version: cloudify_dsl_1_3
            inputs:
              network: {type: string}
              size: {default: 1}
            node_types:
              t: {}
            node_templates:
              n: {type: t}
            """)
        // Checked for itself, as Cloudify checks a blueprint on upload: the value comes later.
        let bare = try BluevirtProcess.run(["validate", blueprint.path], environment: ["NO_COLOR": "1"])
        #expect(bare.status == 0, "\(bare.standardError)")
        #expect(bare.standardError.contains("warning: required input 'network' has no value [BV0212]"))
        // Given any input value, the blueprint is checked as it will be deployed.
        let given = try BluevirtProcess.run(["validate", blueprint.path, "--input", "size=2"], environment: ["NO_COLOR": "1"])
        #expect(given.status == 1)
        #expect(given.standardError.contains("error: required input 'network' has no value [BV0212]"))
        let empty = try TemporaryBlueprint("{}\n", name: "inputs.yaml")
        let file = try BluevirtProcess.run(["validate", blueprint.path, "--inputs", empty.path])
        #expect(file.status == 1)
    }

    /// An input without a value leaves what reads it unknown, not the rest unchecked: the
    /// documents' checks still run (they were skipped, and such a blueprint said "valid"), and
    /// a count read from the input is planned as one instance, not refused.
    @Test func aBareValidateStillChecksEverythingThatNeedsNoMissingValue() throws {
        let blueprint = try TemporaryBlueprint("""
            tosca_definitions_version: cloudify_dsl_1_4
            imports:
              - http://www.getcloudify.org/spec/cloudify/7.0.0/types.yaml
              - plugin:cloudify-libvirt-plugin
            inputs:
              count: { type: integer }
              uri: { type: string }
              network: { type: string }
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                capabilities:
                  scalable:
                    properties:
                      default_instances: { get_input: count }
                properties:
                  libvirt_auth: { get_input: uri }
                  params:
                    vcpu: 0
                    networks: [{ network: { get_input: network } }]
                    disks: [{ volume: root, pool: { get_input: network } }]
            """)
        let bare = try BluevirtProcess.run(["validate", blueprint.path], environment: ["NO_COLOR": "1"])
        #expect(bare.status == 1, "\(bare.standardError)")
        let errors = bare.standardError.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1 && errors[0].contains("the vCPU count 'vcpu' must be at least 1, not 0 [BV0602]"), "\(bare.standardError)")
        #expect(bare.standardError.contains("warning: required input 'count' has no value [BV0212]"))
    }

    @Test func unreadableFileAndUsageErrorsExitTwo() throws {
        let missing = try BluevirtProcess.run(["validate", "no/such/blueprint.yaml"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("no/such/blueprint.yaml:1:1: error:"))

        let usage = try BluevirtProcess.run(["validate"])
        #expect(usage.status == 2)
        #expect(usage.standardError.contains("Usage: bluevirt validate"))

        let unknownFlag = try BluevirtProcess.run(["validate", "blueprints/two-vms-one-network.yaml", "--frobnicate"])
        #expect(unknownFlag.status == 2)
    }

    @Test func anUnknownCommandSaysWhichWasMeant() throws {
        let typo = try BluevirtProcess.run(["dryrun", "app.yaml"])
        #expect(typo.status == 2)
        #expect(typo.standardError.hasPrefix("Error: unknown command 'dryrun'; did you mean 'dry-run'?"), "\(typo.standardError)")
        let blueprint = try BluevirtProcess.run(["app.yaml"])
        #expect(blueprint.status == 2)
        #expect(blueprint.standardError.contains("to check a blueprint: bluevirt validate app.yaml"))
        let unrelated = try BluevirtProcess.run(["frobnicate"])
        #expect(unrelated.status == 2)
        #expect(unrelated.standardError.contains("the commands: validate, dry-run, explain"))
        // Commands and `help` still reach ArgumentParser.
        #expect(try BluevirtProcess.run(["help", "validate"]).standardOutput.contains("Check a blueprint"))
    }

    @Test func helpExplainsTheCommand() throws {
        let help = try BluevirtProcess.run(["validate", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--inputs"))
        #expect(help.standardOutput.contains("--json"))
        #expect(help.standardOutput.contains("Examples:"))
    }
}

/// A blueprint (or inputs file) written to a fresh temporary folder for one test.
struct TemporaryBlueprint {
    let path: String

    init(_ text: String, name: String = "blueprint.yaml") throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        path = file.path
    }
}

/// validate checks user templates without rendering them.
@Suite struct ValidateUserTemplateTests {
    @Test("validate reports an unsupported Jinja2 construct in template_content (BV0617)")
    func unsupportedJinja() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-validate-jinja-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let blueprint = directory.appendingPathComponent("blueprint.yaml")
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - bluevirt:cloudify
              - bluevirt:libvirt
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        template_content: |
                          <domain type="{{ domain_type }}">
                            {% filter upper %}<devices/>{% endfilter %}
                          </domain>
            """.write(to: blueprint, atomically: true, encoding: .utf8)
        let result = try BluevirtProcess.run(["validate", blueprint.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("[BV0617]") || result.standardOutput.contains("[BV0617]"), "\(result.standardError)")
        #expect((result.standardError + result.standardOutput).contains("at line 2, column 3 of template_content"))
    }
}

/// validate reports what dry-run would, short of libvirt (issue 10, issue 11's silent mistakes).
@Suite struct ValidateDryRunChecksTests {
    static func blueprint(_ nodes: String) -> String {
        """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
          - plugin:cloudify-libvirt-plugin
        node_templates:
        \(nodes)
        """
    }

    @Test func aDomainThatWaitsForAnAddressWithoutANetworkIsAnError() throws {
        let file = try TemporaryBlueprint(Self.blueprint("""
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    wait_for_ip: true
                    networks: []
            """))
        let result = try BluevirtProcess.run(["validate", file.path], environment: ["NO_COLOR": "1"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("[BV0810]"), "\(result.standardError)")
    }

    @Test func aTemplateOutsideTheBlueprintsFolderIsRefused() throws {
        let file = try TemporaryBlueprint(Self.blueprint("""
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: { wait_for_ip: false }
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        template_resource: /etc/passwd
            """))
        let result = try BluevirtProcess.run(["validate", file.path], environment: ["NO_COLOR": "1"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("[BV0620]"), "\(result.standardError)")
        #expect(!result.standardError.contains("root:"), "the file must not be read")
    }
}

/// Values reach the terminal escaped: an output holding ESC and BEL cannot recolour or ring it.
@Suite struct TerminalSafetyTests {
    @Test func outputsWithControlCharactersArePrintedEscaped() throws {
        let file = try TemporaryBlueprint("""
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
            node_templates:
              app:
                type: cloudify.nodes.Root
            outputs:
              banner:
                value: "red \\e[31mtext\\a done"
            """)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-tty-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let result = try BluevirtProcess.run(["apply", file.path, "--simulate", "--state-dir", state])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("banner: red \\u{1B}[31mtext\\u{7} done"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("\u{1B}"))
        #expect(!result.standardOutput.contains("\u{07}"))
    }
}
