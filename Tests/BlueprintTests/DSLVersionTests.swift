import Testing
import YAMLSource
@testable import Blueprint

@Suite("DSL versions")
struct DSLVersionTests {
    let files = TemporaryBlueprints()

    @Test("each supported version loads", arguments: DSLVersion.allCases)
    func supported(_ version: DSLVersion) throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", "tosca_definitions_version: \(version.rawValue)\nimports: [bluevirt:cloudify]\n")
        #expect(loaded.diagnostics.errors.isEmpty)
        #expect(try #require(loaded.blueprint).dslVersion == version)
    }

    @Test("an unknown version names the valid ones")
    func unknown() throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", "tosca_definitions_version: cloudify_dsl_1_6\n")
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.code == .unsupportedDSLVersion)
        #expect(diagnostic.notes.contains { $0.message == "supported versions: cloudify_dsl_1_0, cloudify_dsl_1_1, cloudify_dsl_1_2, cloudify_dsl_1_3, cloudify_dsl_1_4, cloudify_dsl_1_5" })
    }

    @Test("features of a later version are refused in imported files too, naming the version that added them")
    func gatedInImports() throws {
        defer { files.remove() }
        files.write("lib/inputs.yaml", """
            inputs:
              names: {type: list, item_type: string, default: []}
            """)
        let loaded = files.load("main.yaml", "tosca_definitions_version: cloudify_dsl_1_3\nimports: [bluevirt:cloudify, lib/inputs.yaml]\n")
        let diagnostic = try #require(loaded.diagnostics.errors.first)
        #expect(loaded.diagnostics.errors.count == 1)
        #expect(diagnostic.code == .featureNeedsLaterVersion)
        #expect(diagnostic.message.contains("cloudify_dsl_1_4"))
        #expect(diagnostic.range.file.hasSuffix("lib/inputs.yaml"))
        #expect(diagnostic.notes.first?.range?.start == SourceLocation(line: 1, column: 28))
        let newer = files.load("newer.yaml", "tosca_definitions_version: cloudify_dsl_1_4\nimports: [bluevirt:cloudify, lib/inputs.yaml]\n")
        #expect(newer.diagnostics.errors.isEmpty)
    }

    @Test("a plugin import with properties needs cloudify_dsl_1_5")
    func pluginImportProperties() {
        defer { files.remove() }
        let text = """
            imports:
              - bluevirt:cloudify
              - plugin:cloudify-libvirt-plugin:
                  region: lab
            """
        let old = files.load("old.yaml", "tosca_definitions_version: cloudify_dsl_1_4\n" + text)
        #expect(old.diagnostics.errors.map(\.code) == [.featureNeedsLaterVersion])
        let current = files.load("current.yaml", "tosca_definitions_version: cloudify_dsl_1_5\n" + text)
        #expect(current.diagnostics.errors.isEmpty)
        #expect(current.files.contains { $0.path == "<built-in>/libvirt/plugin.yaml" })
    }

    @Test("source text is available for local files and built-ins, for printing source lines")
    func sourceText() throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", "tosca_definitions_version: cloudify_dsl_1_3\nimports: [bluevirt:libvirt, bluevirt:cloudify]\n")
        #expect(loaded.sourceText(file: files.directory + "/main.yaml")?.hasPrefix("tosca_definitions_version") == true)
        #expect(loaded.sourceText(file: "<built-in>/libvirt/plugin.yaml") == EmbeddedGrammar.files["libvirt/plugin.yaml"])
        #expect(loaded.sourceText(file: files.directory + "/absent.yaml") == nil)
    }
}
