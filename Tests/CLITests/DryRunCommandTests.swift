import Foundation
import Testing
import TestSupport

/// `bluevirt dry-run` as a user runs it: the built binary on the examples and on small
/// blueprints written for each case.
@Suite struct DryRunCommandTests {
    static let examples = ["two-vms-one-network", "scaled-cluster", "lxc-container", "xen-domain"]

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-dry-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func blueprint(_ body: String, in folder: URL, name: String = "app.yaml") throws -> String {
        let text = """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
              - plugin:cloudify-libvirt-plugin
            \(body)
            """
        let path = folder.appendingPathComponent(name)
        try text.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// Runs `virt-xml-validate` on every file of `folder`, by the schema its name starts with.
    static func schemaProblems(in folder: URL) throws -> [String] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/virt-xml-validate") else {
            Issue.record("virt-xml-validate is not installed: run scripts/setup.sh (it installs Debian's libvirt-clients)")
            return ["virt-xml-validate missing"]
        }
        let schemas = ["domain": "domain", "network": "network", "pool": "storagepool", "volume": "storagevol"]
        var problems: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let kind = String(file.prefix { $0 != "-" })
            guard let schema = schemas[kind] else {
                problems.append("\(file): not named <kind>-<name>.xml")
                continue
            }
            let log = folder.appendingPathComponent(".validate.log")
            try Data().write(to: log)
            let output = try FileHandle(forWritingTo: log)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/virt-xml-validate")
            process.arguments = [folder.appendingPathComponent(file).path, schema]
            process.standardOutput = output
            process.standardError = output
            try process.run()
            process.waitUntilExit()
            try output.close()
            if process.terminationStatus != 0 {
                problems.append("\(file): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            }
            try FileManager.default.removeItem(at: log)
        }
        return problems
    }

    @Test(arguments: examples)
    func outputDirectoryHoldsOneValidDocumentPerObject(_ example: String) throws {
        let folder = try Self.temporaryFolder()
        let result = try BluevirtProcess.run(["dry-run", "blueprints/\(example).yaml", "-d", "demo", "--output-dir", folder.path])
        #expect(result.status == 0, "\(result.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count >= 2)
        #expect(files.allSatisfy { $0.hasSuffix(".xml") && $0.contains("-demo-") })
        #expect(try Self.schemaProblems(in: folder).isEmpty)
        #expect(result.standardOutput.contains("Wrote \(files.count) documents to \(folder.path)"))
    }

    /// An output directory that cannot be made is named with the system's reason (Foundation's
    /// localizedDescription wrapped it in its own sentence).
    @Test func anOutputDirectoryThatCannotBeMadeIsNamedWithTheSystemsReason() throws {
        let folder = try Self.temporaryFolder()
        let file = folder.appendingPathComponent("file")
        try "".write(to: file, atomically: true, encoding: .utf8)
        let wanted = file.appendingPathComponent("out").path
        let result = try BluevirtProcess.run(["dry-run", "blueprints/\(Self.examples[0]).yaml", "--output-dir", wanted])
        #expect(result.status != 0)
        #expect(result.standardError.contains("cannot create the output directory '\(wanted)': Not a directory"), "\(result.standardError)")
    }

    @Test func scaledExampleWritesOneDomainPerWorker() throws {
        let folder = try Self.temporaryFolder()
        let result = try BluevirtProcess.run(["dry-run", "blueprints/scaled-cluster.yaml", "--input", "workers=4", "--output-dir", folder.path])
        #expect(result.status == 0, "\(result.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == [
            "domain-scaled-cluster-head-1.xml", "domain-scaled-cluster-worker-1.xml", "domain-scaled-cluster-worker-2.xml",
            "domain-scaled-cluster-worker-3.xml", "domain-scaled-cluster-worker-4.xml", "network-scaled-cluster-cluster_net-1.xml",
        ])
    }

    @Test func showsTheConnectionApplyWouldUse() throws {
        let given = try BluevirtProcess.run(["dry-run", "blueprints/two-vms-one-network.yaml", "--connect", "qemu+ssh://host2/system"])
        #expect(given.status == 0, "\(given.standardError)")
        #expect(given.standardOutput.contains("domain two-vms-one-network-web-1 (node web, instance web-1, qemu+ssh://host2/system)"))
        let fromEnvironment = try BluevirtProcess.run(["dry-run", "blueprints/two-vms-one-network.yaml"],
                                                      environment: ["LIBVIRT_DEFAULT_URI": "qemu:///session"])
        #expect(fromEnvironment.standardOutput.contains("(node web, instance web-1, qemu:///session)"))
    }

    @Test func printsThePlanByLevelAndEveryDocument() throws {
        let result = try BluevirtProcess.run(["dry-run", "blueprints/two-vms-one-network.yaml"])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("Install: "))
        #expect(output.contains("Uninstall: "))
        #expect(output.contains("  1. create lan-1"))
        // web and db are created together, after the network.
        #expect(output.contains("  2. create web-1\n     create db-1\n"))
        #expect(output.contains(#"<source network="two-vms-one-network-lan-1"/>"#))
        #expect(output.contains("<name>two-vms-one-network-web-1</name>"))
        #expect(output.contains("domain two-vms-one-network-db-1 (node db, instance db-1, qemu:///system)"))
    }

    @Test func jsonHoldsPlanObjectsAndDiagnostics() throws {
        let result = try BluevirtProcess.run(["dry-run", "blueprints/two-vms-one-network.yaml", "--json", "-d", "lab"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["deployment"] as? String == "lab")
        let objects = try #require(json["objects"] as? [[String: Any]])
        #expect(objects.map { $0["file"] as? String } == ["network-lab-lan-1.xml", "domain-lab-web-1.xml", "domain-lab-db-1.xml"])
        #expect((objects[1]["xml"] as? String)?.contains("<name>lab-web-1</name>") == true)
        let plan = try #require(json["plan"] as? [String: Any])
        let install = try #require(plan["install"] as? [String: Any])
        #expect((install["levels"] as? [[String]])?.count == 5)
        let diagnostics = try #require(json["diagnostics"] as? [String: Any])
        #expect(diagnostics["errorCount"] as? Int == 0)
    }

    @Test(arguments: [("dot", "digraph install {"), ("mermaid", "flowchart LR")])
    func graphPrintsOnlyTheOperationGraph(_ format: String, _ start: String) throws {
        let result = try BluevirtProcess.run(["dry-run", "blueprints/two-vms-one-network.yaml", "--graph", format])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix(start))
        #expect(!result.standardOutput.contains("<domain"))
        #expect(!result.standardOutput.contains("valid"))
    }

    @Test func validateReportsLibvirtsRejectionOnTheNodeTemplate() throws {
        let folder = try Self.temporaryFolder()
        let path = try Self.blueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        template_content: |
                          <domain type="qemu">
                            <name>{{name}}</name>
                            <memory>{{memory_size}}</memory>
                            <os><type>hvm</type></os>
                            <bogus/>
                          </domain>
            """, in: folder)
        let plain = try BluevirtProcess.run(["dry-run", path])
        #expect(plain.status == 0, "\(plain.standardError)")
        let result = try BluevirtProcess.run(["dry-run", path, "--validate"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("error[BV0802]") || result.standardError.contains("BV0802"))
        #expect(result.standardError.contains("bogus"))
        #expect(result.standardError.contains("app.yaml:6:3"))
    }

    @Test func validateAcceptsTheExamples() throws {
        for example in Self.examples {
            let result = try BluevirtProcess.run(["dry-run", "blueprints/\(example).yaml", "--validate", "--output-dir", try Self.temporaryFolder().path])
            #expect(result.status == 0, "\(example): \(result.standardError)")
        }
    }

    /// The largest sizes bluevirt accepts are the largest libvirt's parser accepts; one more is
    /// a diagnostic at the value in every command that checks, where it was a crash (a memory
    /// size of 2^62 overflowed doubling it into memory_maxsize).
    @Test func sizesUpToLibvirtsLargestPassAndLargerAreRefusedAtTheValue() throws {
        let folder = try Self.temporaryFolder()
        let path = try Self.blueprint("""
            inputs:
              memory: { type: integer, default: 9007199254740991 }
              capacity: { type: integer, default: 8796093022207 }
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: { memory_size: { get_input: memory }, memory_maxsize: { get_input: memory }, vcpu: 65535 }
              disk:
                type: cloudify.libvirt.volume
                properties:
                  params: { pool: default, capacity: { get_input: capacity } }
            """, in: folder)
        let largest = try BluevirtProcess.run(["dry-run", path, "--validate"])
        #expect(largest.status == 0, "\(largest.standardError)")
        for command in [["validate"], ["dry-run"], ["dry-run", "--json"], ["validate", "--json"]] {
            let result = try BluevirtProcess.run(command + [path, "--input", "memory=4611686018427387904", "--input", "capacity=8796093022208"])
            #expect(result.status == 1, "\(command): \(result.standardError)")
            let text = result.standardError + result.standardOutput
            #expect(text.contains("BV0602"), "\(command): \(text)")
            #expect(text.contains("is more than 9007199254740991"), "\(command): \(text)")
            #expect(text.contains("is more than 8796093022207"), "\(command): \(text)")
        }
    }

    /// The tester's user templates: a repetition asked the allocator for 1 TB (SIGABRT), a
    /// range of 9e18 numbers hung, one of 1e8 took 805 MB before it was refused.
    @Test func aUserJinjaTemplateThatWouldBuildTooMuchIsRefusedAtItsPlace() throws {
        let cases = [("{% set x = (\"a\" * 1000000) * 1000000 %}", "x.xml.j2:2:28", "would make a text of 1000000000000 bytes"),
                     ("{% for i in range(9000000000000000000) %}{% endfor %}", "x.xml.j2:2:18", "has 9000000000000000000 numbers"),
                     ("{{ range(100000000) }}", "x.xml.j2:2:9", "has 100000000 numbers"),
                     ("{{ \"a\" * 100000000 }}", "x.xml.j2:2:8", "would make a text of 100000000 bytes")]
        for (line, place, message) in cases {
            let folder = try Self.temporaryFolder()
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
            try "<domain type='qemu'>\n\(line)<name>{{ name }}</name></domain>\n"
                .write(to: folder.appendingPathComponent("templates/x.xml.j2"), atomically: true, encoding: .utf8)
            let path = try Self.blueprint("""
                node_templates:
                  vm:
                    type: cloudify.libvirt.domain
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        create:
                          inputs:
                            template_resource: templates/x.xml.j2
                """, in: folder)
            let result = try BluevirtProcess.run(["dry-run", path])
            #expect(result.status == 1, "\(line): \(result.standardError)")
            #expect(result.standardError.contains("\(place): error: "), "\(line): \(result.standardError)")
            #expect(result.standardError.contains(message) && result.standardError.contains("[BV0621]"), "\(line): \(result.standardError)")
        }
    }

    @Test func duplicateNamesFailTheRunAndWriteNothing() throws {
        let folder = try Self.temporaryFolder()
        let path = try Self.blueprint("""
            node_templates:
              a:
                type: cloudify.libvirt.network
                properties:
                  params: { name: lan }
              b:
                type: cloudify.libvirt.network
                properties:
                  params: { name: lan }
            """, in: folder)
        let output = folder.appendingPathComponent("out")
        let result = try BluevirtProcess.run(["dry-run", path, "--output-dir", output.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("BV0801"))
        #expect(result.standardError.contains("app.yaml:13:"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).isEmpty)
    }

    @Test func jsonCarriesTheDiagnosticsOfAFailedRun() throws {
        let folder = try Self.temporaryFolder()
        let path = try Self.blueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                instances: { deploy: 2 }
                properties:
                  params: { name: web }
            """, in: folder)
        let result = try BluevirtProcess.run(["dry-run", path, "--json"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let diagnostics = try #require((json["diagnostics"] as? [String: Any])?["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["BV0801"])
        #expect((json["objects"] as? [Any])?.count == 2)
    }

    /// A blueprint with errors before any plan (a misspelt property, an input with no value)
    /// gives the same keys, so `jq .diagnostics.errorCount` reads every outcome.
    @Test(arguments: [
        "node_templates:\n  vm:\n    type: cloudify.libvirt.domain\n    properties:\n      parms: { name: web }\n",
        "inputs:\n  size: { type: integer }\nnode_templates:\n  vm:\n    type: cloudify.libvirt.domain\n    properties:\n      params: { memory_size: { get_input: size } }\n",
    ])
    func jsonHasOneShapeWhenTheBlueprintHasErrors(text: String) throws {
        let folder = try Self.temporaryFolder()
        let path = try Self.blueprint(text, in: folder)
        let result = try BluevirtProcess.run(["dry-run", path, "--json", "-d", "broken"])
        #expect(result.status == 1, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["deployment"] as? String == "broken")
        #expect((json["objects"] as? [Any])?.isEmpty == true)
        #expect(json["plan"] == nil)
        let diagnostics = try #require(json["diagnostics"] as? [String: Any])
        #expect(diagnostics["errorCount"] as? Int == 1)
    }

    @Test func placeholderShowsWhereARunTimeValueComesFrom() throws {
        let folder = try Self.temporaryFolder()
        let path = try Self.blueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    kernel: /boot/vmlinuz
                    cmdline: { get_attribute: [ SELF, ip ] }
            """, in: folder)
        let result = try BluevirtProcess.run(["dry-run", path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("<cmdline>${get_attribute: [SELF, ip]}</cmdline>"))
    }

    @Test func blueprintErrorsExitOneAndMissingFileExitsTwo() throws {
        let folder = try Self.temporaryFolder()
        let path = try Self.blueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: { vcpu: 0 }
            """, in: folder)
        let invalid = try BluevirtProcess.run(["dry-run", path])
        #expect(invalid.status == 1)
        #expect(invalid.standardError.contains("BV0602"))
        let missing = try BluevirtProcess.run(["dry-run", folder.appendingPathComponent("nope.yaml").path])
        #expect(missing.status == 2)
        let usage = try BluevirtProcess.run(["dry-run", "blueprints/two-vms-one-network.yaml", "--graph", "svg"])
        #expect(usage.status == 2)
    }

    @Test func helpShowsExamples() throws {
        let result = try BluevirtProcess.run(["dry-run", "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("--output-dir"))
        #expect(result.standardOutput.contains("bluevirt dry-run app.yaml --graph dot | dot -Tsvg"))
    }
}
