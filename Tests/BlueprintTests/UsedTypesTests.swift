import Diagnostics
import Foundation
import Testing
@testable import Blueprint

/// Of the built-in types, only those a blueprint reaches are parsed whole (UsedTypes); the
/// others are read for their derived_from alone. Nothing a user sees may depend on which.
@Suite("Built-in types parsed only where used")
struct UsedTypesTests {
    let files = TemporaryBlueprints()

    @Test("a template's type and its ancestors are flattened; a built-in type nothing reaches is not")
    func onlyReachedTypesAreFlattened() throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", libvirtHeader + """
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                relationships:
                  - {type: cloudify.relationships.depends_on, target: disk}
              disk: {type: cloudify.libvirt.volume}
            """)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors.map(\.message))")
        let blueprint = try #require(loaded.blueprint)
        let domain = try #require(blueprint.nodeTypes["cloudify.libvirt.domain"])
        #expect(domain.properties["params"] != nil)
        for ancestor in domain.hierarchy { #expect(blueprint.nodeTypes[ancestor] != nil, "\(ancestor)") }
        #expect(blueprint.nodeTypes["cloudify.libvirt.network"] == nil)
        #expect(blueprint.relationshipTypes["cloudify.relationships.depends_on"] != nil)
        #expect(blueprint.relationshipTypes["cloudify.relationships.contained_in"] == nil)
    }

    @Test("a built-in type that no template uses still has its derived_from checked")
    func unusedBuiltinAncestryIsChecked() {
        defer { files.remove() }
        let loaded = files.load("main.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - plugin:cloudify-libvirt-plugin
            node_templates: {}
            """)
        // Its node types derive from cloudify.nodes.*, its relationship from cloudify.relationships.*.
        #expect(loaded.diagnostics.errors.codes == [DiagnosticCode.unknownParentType.id, DiagnosticCode.unknownParentType.id])
    }

    @Test("an unknown type is told the name of a built-in type that no template uses")
    func suggestionsNameUnusedBuiltinTypes() {
        defer { files.remove() }
        let loaded = files.load("main.yaml", libvirtHeader + """
            node_templates:
              a: {type: cloudify.libvirt.domain}
              b:
                type: cloudify.libvirt.netwrok
                relationships:
                  - {type: cloudify.relationships.contained_inn, target: a}
            """)
        let notes = loaded.diagnostics.errors.flatMap(\.notes).map(\.message)
        #expect(notes.contains("did you mean 'cloudify.libvirt.network'?"))
        #expect(notes.contains("did you mean 'cloudify.relationships.contained_in'?"))
    }

    @Test("a type of the blueprint's own, used or not, is flattened over the built-in types it derives from")
    func ownTypesAreFlattenedWhole() throws {
        defer { files.remove() }
        func load(relationshipProperties: String) -> LoadedBlueprint {
            files.load("main.yaml", libvirtHeader + """
                node_types:
                  lab.Unused: {derived_from: cloudify.libvirt.network}
                relationships:
                  lab.after: {derived_from: cloudify.relationships.depends_on_lifecycle_operation}
                node_templates:
                  a: {type: cloudify.nodes.Root}
                  b:
                    type: cloudify.nodes.Root
                    relationships:
                      - {type: lab.after, target: a\(relationshipProperties)}
                """)
        }
        let blueprint = try #require(load(relationshipProperties: ", properties: {operation: create}").blueprint)
        #expect(blueprint.nodeTypes["lab.Unused"]?.properties["params"] != nil)
        #expect(blueprint.relationshipTypes["lab.after"]?.properties["operation"] != nil)
        // The used relationship's required property comes from its built-in parent.
        let errors = load(relationshipProperties: "").diagnostics.errors
        #expect(errors.codes == [DiagnosticCode.missingRequiredProperty.id], "\(errors.map(\.message))")
        #expect(errors.first?.message.contains("'operation'") == true)
    }

    @Test("a built-in type another file defines again is compared whole, not by its outline")
    func redefinitionsAreComparedWhole() throws {
        defer { files.remove() }
        let text = try #require(EmbeddedGrammar.files[BuiltinImports.cloudifyTypes])
        var block: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "  cloudify.nodes.FileSystem:" { block = [line]; continue }
            guard !block.isEmpty else { continue }
            guard line.isEmpty || line.hasPrefix("    ") else { break }
            block.append(line)
        }
        let definition = "node_types:\n" + block.joined(separator: "\n") + "\n"
        #expect(definition.contains("default: 83"))
        func codes(_ library: String) -> [String] {
            files.write("lib/types.yaml", library)
            return files.load("main.yaml", libvirtHeader + "  - lib/types.yaml\nnode_templates: {}\n").diagnostics.errors.codes
        }
        #expect(codes(definition).isEmpty)
        #expect(codes(definition.replacingOccurrences(of: "default: 83", with: "default: 82")) == [DiagnosticCode.conflictingDefinition.id])
    }
}
