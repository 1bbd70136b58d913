import Diagnostics
import Testing
@testable import Blueprint

/// The note that names a missing import, on each path that asks for it: node types, data types
/// of property declarations (asked only once the type is found unknown), and misspelled names.
@Suite("Import hints")
struct ImportHintTests {
    private func notes(_ loaded: LoadedBlueprint, code: DiagnosticCode) -> [String] {
        loaded.diagnostics.filter { $0.code == code }.flatMap { $0.notes.map(\.message) }
    }

    @Test("a libvirt node type without the plugin's import names the import")
    func libvirtNodeType() {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("vm.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - bluevirt:cloudify
            node_templates:
              vm:
                type: cloudify.libvirt.domain
            """)
        #expect(notes(loaded, code: .unknownNodeType)
            == ["'cloudify.libvirt.domain' is one of the libvirt plugin's types: add `- plugin:cloudify-libvirt-plugin` to `imports`"])
    }

    @Test("a property of a libvirt data type without the plugin's import names the import")
    func libvirtDataType() {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("types.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - bluevirt:cloudify
            node_types:
              my.Storage:
                derived_from: cloudify.nodes.Root
                properties:
                  pool:
                    type: cloudify.datatypes.pool
            """)
        #expect(notes(loaded, code: .unknownValueType).first
            == "'cloudify.datatypes.pool' is one of the libvirt plugin's types: add `- plugin:cloudify-libvirt-plugin` to `imports`")
    }

    @Test("a misspelled libvirt type without the plugin's import names the namespace's import")
    func misspelledLibvirtType() {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("vm.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - bluevirt:cloudify
            node_templates:
              vm:
                type: cloudify.libvirt.domian
            """)
        #expect(notes(loaded, code: .unknownNodeType).first
            == "names starting with 'cloudify.libvirt.' come from the libvirt plugin's types: add `- plugin:cloudify-libvirt-plugin` to `imports`")
    }

    @Test("a type the imported built-ins define gets no import note")
    func importedTypeNeedsNoNote() {
        #expect(ImportHint.note(forType: "cloudify.libvirt.domain", importedBuiltins: [BuiltinImports.libvirtPlugin, BuiltinImports.cloudifyTypes]) == nil)
        #expect(ImportHint.note(forType: "properties", importedBuiltins: []) == nil)
    }
}
