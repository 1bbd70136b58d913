import Testing
import YAMLSource
@testable import Blueprint

/// Notes and ranges that the golden files (one line per diagnostic) do not show.
@Suite("Structure diagnostics")
struct StructureDiagnosticsTests {
    let files = TemporaryBlueprints()

    @Test("the issue's example: a misspelled libvirt type, at the type, with a did-you-mean")
    func misspelledType() throws {
        defer { files.remove() }
        let loaded = files.load("blueprint.yaml", libvirtHeader + """
            node_templates:
              vm:
                type: cloudify.libvirt.domian
            """)
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(loaded.diagnostics.count == 1)
        #expect(diagnostic.code.id == "BV0107")
        #expect(diagnostic.message == "unknown node type 'cloudify.libvirt.domian'")
        #expect(diagnostic.range.start == SourceLocation(line: 7, column: 11))
        #expect(diagnostic.range.end == SourceLocation(line: 7, column: 34))
        #expect(diagnostic.notes.map(\.message) == ["did you mean 'cloudify.libvirt.domain'?"])
    }

    @Test("a dependency cycle is one error naming the loop, with a note at each relationship")
    func cycle() throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", libvirtHeader + """
            node_templates:
              a: {type: cloudify.nodes.Root, relationships: [{type: cloudify.relationships.depends_on, target: b}]}
              b: {type: cloudify.nodes.Root, relationships: [{type: cloudify.relationships.depends_on, target: c}]}
              c: {type: cloudify.nodes.Root, relationships: [{type: cloudify.relationships.connected_to, target: a}]}
              d: {type: cloudify.nodes.Root, relationships: [{type: cloudify.relationships.depends_on, target: a}]}
            """)
        let cycles = loaded.diagnostics.filter { $0.code == .dependencyCycle }
        #expect(cycles.count == 1)
        let cycle = try #require(cycles.first)
        #expect(cycle.message.hasSuffix("a -> b -> c -> a"))
        #expect(cycle.notes.compactMap(\.range).map(\.start.line) == [6, 7, 8])
    }

    @Test("a long dependency chain without a cycle passes; closing it gives one error")
    func longChain() {
        defer { files.remove() }
        let count = 10_000
        var text = libvirtHeader + "node_templates:\n"
        for index in 0..<count {
            let target = index + 1 < count ? "n\(index + 1)" : nil
            text += "  n\(index):\n    type: cloudify.nodes.Root\n"
            if let target { text += "    relationships: [{type: cloudify.relationships.depends_on, target: \(target)}]\n" }
        }
        let chain = files.load("chain.yaml", text)
        #expect(chain.diagnostics.errors.isEmpty)
        let closed = files.load("closed.yaml", text + "    relationships: [{type: cloudify.relationships.depends_on, target: n0}]\n")
        #expect(closed.diagnostics.errors.map(\.code) == [.dependencyCycle])
    }

    @Test("a required property missing is reported at the template with a note at the declaration")
    func missingRequired() throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", libvirtHeader + """
            node_types:
              lab.Appliance:
                derived_from: cloudify.nodes.Root
                properties:
                  image: {type: string}
            node_templates:
              fw:
                type: lab.Appliance
            """)
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.code == .missingRequiredProperty)
        #expect(diagnostic.range.start.line == 11)
        #expect(diagnostic.notes.first?.range?.start.line == 9)
    }

    @Test("scripts are resources of the main blueprint, wherever the operation is written")
    func scriptsRelativeToMainBlueprint() {
        defer { files.remove() }
        files.write("scripts/setup.sh", "#!/bin/sh\n")
        files.write("types/app.yaml", """
            node_types:
              lab.App:
                derived_from: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: scripts/setup.sh
                    start: scripts/missing.sh
            """)
        let loaded = files.load("main.yaml", libvirtHeader + """
              - types/app.yaml
            node_templates:
              one: {type: lab.App}
              two: {type: lab.App}
            """)
        // One error for the shared type operation, not one per template.
        #expect(loaded.diagnostics.errors.map(\.code) == [.unresolvedImplementation])
        #expect(loaded.diagnostics.errors.first?.range.file.hasSuffix("types/app.yaml") == true)
    }

    @Test("a libvirt data type used without importing the plugin names the import to add")
    func dataTypeWithoutImport() throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [bluevirt:cloudify]
            node_types:
              lab.VM:
                derived_from: cloudify.nodes.Compute
                properties:
                  params: {type: cloudify.datatypes.domain, default: {}}
            """)
        let diagnostic = try #require(loaded.diagnostics.errors.first)
        #expect(diagnostic.code == .unknownValueType)
        #expect(diagnostic.notes.first?.message.contains("plugin:cloudify-libvirt-plugin") == true)
    }

    @Test("every structure code is BV01xx, unique, and BV0107 is the unknown node type")
    func catalog() {
        let ids = DiagnosticCode.structureCodes.map(\.id)
        #expect(ids.allSatisfy { $0.hasPrefix("BV01") && $0.count == 6 })
        #expect(Set(ids).count == ids.count)
        #expect(DiagnosticCode.unknownNodeType.id == "BV0107")
    }
}
