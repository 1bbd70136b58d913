import Foundation
import Testing
import YAMLSource
@testable import Blueprint

@Suite("Imports")
struct ImportResolutionTests {
    @Test("well-known addresses resolve to the built-in definitions", arguments: [
        ("http://www.getcloudify.org/spec/cloudify/4.5/types.yaml", BuiltinImports.cloudifyTypes),
        ("https://www.getcloudify.org/spec/cloudify/3.4/types.yaml", BuiltinImports.cloudifyTypes),
        ("http://cloudify.co/spec/cloudify/6.4.0/types.yaml", BuiltinImports.cloudifyTypes),
        ("https://cloudify.co/spec/cloudify/5.0.5/types.yaml", BuiltinImports.cloudifyTypes),
        ("cloudify/types/types.yaml", BuiltinImports.cloudifyTypes),
        ("bluevirt:cloudify", BuiltinImports.cloudifyTypes),
        ("plugin:cloudify-libvirt-plugin", BuiltinImports.libvirtPlugin),
        ("plugin:cloudify-libvirt-plugin?version= >=0.9", BuiltinImports.libvirtPlugin),
        ("https://raw.githubusercontent.com/cloudify-incubator/cloudify-libvirt-plugin/master/plugin.yaml", BuiltinImports.libvirtPlugin),
        ("http://raw.githubusercontent.com/cloudify-incubator/cloudify-libvirt-plugin/0.7.0/plugin.yaml", BuiltinImports.libvirtPlugin),
        ("https://github.com/cloudify-incubator/cloudify-libvirt-plugin/releases/download/0.9.4/plugin.yaml", BuiltinImports.libvirtPlugin),
        ("https://github.com/cloudify-incubator/cloudify-libvirt-plugin/raw/master/plugin_1_4.yaml", BuiltinImports.libvirtPlugin),
        ("bluevirt:libvirt", BuiltinImports.libvirtPlugin),
        // Blanks at either end (spaces, tabs, a no-break space) do not count.
        ("  plugin:cloudify-libvirt-plugin\t", BuiltinImports.libvirtPlugin),
        ("\u{00A0}bluevirt:cloudify ", BuiltinImports.cloudifyTypes),
        ("plugin:cloudify-utilities-plugin", BuiltinImports.utilitiesPlugin),
        ("plugin:cloudify-utilities-plugin?version= >=1.15.3", BuiltinImports.utilitiesPlugin),
        ("https://raw.githubusercontent.com/cloudify-incubator/cloudify-utilities-plugin/1.15.3/plugin.yaml", BuiltinImports.utilitiesPlugin),
        ("https://github.com/cloudify-incubator/cloudify-utilities-plugin/releases/download/1.21.0/plugin.yaml", BuiltinImports.utilitiesPlugin),
        ("http://www.getcloudify.org/spec/utilities-plugin/1.21.0/plugin.yaml", BuiltinImports.utilitiesPlugin),
        // A module's part of the plugin, as the plugin's own examples import it beside plugin.yaml.
        ("https://raw.githubusercontent.com/cloudify-incubator/cloudify-utilities-plugin/1.4.1.1/cloudify_suspend/types.yaml", BuiltinImports.utilitiesPlugin),
        ("plugin:cloudify-fabric-plugin", BuiltinImports.fabricPlugin),
        ("plugin:cloudify-fabric-plugin?version= >=2.0.7", BuiltinImports.fabricPlugin),
        ("http://www.getcloudify.org/spec/fabric-plugin/1.5.1/plugin.yaml", BuiltinImports.fabricPlugin),
        ("https://raw.githubusercontent.com/cloudify-cosmo/cloudify-fabric-plugin/2.0.27/plugin_1_4.yaml", BuiltinImports.fabricPlugin),
        ("https://github.com/cloudify-cosmo/cloudify-fabric-plugin/releases/download/2.0.7/plugin.yaml", BuiltinImports.fabricPlugin),
        ("https://raw.githubusercontent.com/cloudify-cosmo/cloudify-manager/4.4/resources/rest-service/cloudify/types/types.yaml", BuiltinImports.cloudifyTypes),
        ("https://github.com/cloudify-cosmo/cloudify-manager/blob/master/resources/rest-service/cloudify/types/types.yaml", BuiltinImports.cloudifyTypes),
    ])
    func wellKnown(_ reference: String, _ key: String) {
        #expect(BuiltinImports.key(for: reference) == key)
        #expect(EmbeddedGrammar.files[key] != nil)
    }

    @Test("other addresses are not built in", arguments: [
        "http://www.getcloudify.org/spec/ansible-plugin/2.0.0/plugin.yaml",
        "https://raw.githubusercontent.com/cloudify-cosmo/cloudify-kubernetes-plugin/2.5.0/plugin.yaml",
        "plugin:cloudify-openstack-plugin",
        "plugin:cloudify-utilities-plugin-extra",
        "http://www.getcloudify.org/spec/fabric-plugin/1.5.1/types.yaml",
        "https://example.com/spec/cloudify/4.5/types.yaml",
        "https://raw.githubusercontent.com/cloudify-cosmo/cloudify-manager/4.4/resources/rest-service/cloudify/types/other.yaml",
        "types.yaml",
        "https://raw.githubusercontent.com/cloudify-incubator/cloudify-utilities-plugin/1.4.1.1/cloudify_suspend/examples/example.yaml",
        "https://raw.githubusercontent.com/cloudify-incubator/cloudify-libvirt-plugin/0.9.0/cloudify_libvirt/types.yaml",
    ])
    func notWellKnown(_ reference: String) {
        #expect(BuiltinImports.key(for: reference) == nil)
    }

    @Test("import paths are normalized without becoming absolute", arguments: [
        ("blueprints/./lib/../types/a.yaml", "blueprints/types/a.yaml"),
        ("../shared/b.yaml", "../shared/b.yaml"),
        ("a/../../b.yaml", "../b.yaml"),
        ("/srv/x/../y.yaml", "/srv/y.yaml"),
        ("./c.yaml", "c.yaml"),
    ])
    func normalize(_ path: String, _ expected: String) {
        #expect(PathNormalizer.normalize(path) == expected)
    }

    @Test("an unknown URL is an error at the import, answered without the network")
    func unknownURL() {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        // A non-routable address: a resolver that tried the network would hang here.
        let loaded = files.load("main.yaml", libvirtHeader + "  - http://10.255.255.1/types.yaml\n")
        let imports = loaded.diagnostics.filter { $0.code == .unresolvableImport }
        #expect(imports.count == 1)
        #expect(imports.first?.range.start.line == 5)
    }

    @Test("an imported file that is no blueprint is one error, without its contents")
    func importOfAFileThatIsNoBlueprint() throws {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        files.write("settings.conf", "root: x:0:0:root\ndaemon: x:1:1:daemon\nbin: x:2:2:bin\n")
        let loaded = files.load("main.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - settings.conf
            """)
        #expect(loaded.diagnostics.count == 1, "\(loaded.diagnostics)")
        let problem = try #require(loaded.diagnostics.first)
        #expect(problem.code == .unknownSection)
        #expect(problem.message == "this file is not a blueprint: none of its 3 top-level keys is a section")
        #expect(problem.range.file.hasSuffix("settings.conf") == true)
        #expect(problem.range.start.line == 1)
    }

    @Test("relative imports resolve against the importing file; each file loads once, cycles included")
    func relativeAndCyclic() {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        files.write("types/servers.yaml", """
            imports:
              - ../common/base.yaml
            node_types:
              lab.Server:
                derived_from: lab.Base
            """)
        files.write("common/base.yaml", """
            imports:
              - ../types/servers.yaml
              - ../main.yaml
            node_types:
              lab.Base:
                derived_from: cloudify.nodes.Root
            """)
        let loaded = files.load("main.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - bluevirt:cloudify
              - types/servers.yaml
              - ./common/base.yaml
            node_templates:
              s:
                type: lab.Server
            """)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.files.count == 4)
        #expect(loaded.files.map(\.path).filter { $0.hasSuffix("base.yaml") }.count == 1)
        #expect(loaded.blueprint?.nodeTemplates["s"]?.typeHierarchy == ["lab.Server", "lab.Base", "cloudify.nodes.Root"])
    }

    @Test("a file reached through a symbolic link loads once, and a missing one is still reported")
    func symbolicLinks() throws {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        files.write("common/base.yaml", """
            node_types:
              lab.Base:
                derived_from: cloudify.nodes.Root
            """)
        try FileManager.default.createSymbolicLink(atPath: files.directory + "/linked", withDestinationPath: "common")
        let loaded = files.load("main.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - bluevirt:cloudify
              - common/base.yaml
              - linked/base.yaml
              - linked/../main.yaml
              - linked/missing.yaml
            node_templates:
              s:
                type: lab.Base
            """)
        #expect(loaded.files.map(\.path).filter { $0.hasSuffix("base.yaml") } == [files.directory + "/common/base.yaml"])
        // Only the missing file: base.yaml read twice would define lab.Base twice.
        #expect(loaded.diagnostics.errors.map(\.code) == [.importNotFound], "\(loaded.diagnostics)")
    }

    @Test("built-ins load only when imported")
    func builtinsOnlyWhenImported() {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        let loaded = files.load("main.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - bluevirt:cloudify
            node_templates:
              vm:
                type: cloudify.libvirt.domain
            """)
        #expect(loaded.files.map(\.path) == [files.directory + "/main.yaml", "<built-in>/cloudify/types.yaml"])
        let unknown = loaded.diagnostics.first { $0.code == .unknownNodeType }
        #expect(unknown?.notes.first?.message.contains("plugin:cloudify-libvirt-plugin") == true)
    }

    @Test("an import chain thousands of files deep loads without recursion")
    func deepImportChain() {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        let depth = 2_000
        for index in 0..<depth {
            files.write("chain/f\(index).yaml", index + 1 < depth ? "imports: [f\(index + 1).yaml]\n" : "node_types: {lab.End: {}}\n")
        }
        let loaded = files.load("main.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [chain/f0.yaml]
            node_templates:
              end: {type: lab.End}
            """)
        #expect(loaded.diagnostics.errors.isEmpty)
        #expect(loaded.files.count == depth + 1)
    }
}
