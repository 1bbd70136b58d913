import Testing
import YAMLSource
@testable import Blueprint

/// What each value of a section may be, as Cloudify's parser has it (found by the parity
/// harness's labels, outputs and plugins cases): Cloudify refuses these at upload, so should
/// validate.
@Suite("Cloudify parser parity: shapes of values")
struct CloudifyParityShapeTests {
    let files = TemporaryBlueprints()

    private func errors(_ extra: String, version: String = "cloudify_dsl_1_5") -> [DiagnosticCode] {
        let text = "tosca_definitions_version: \(version)\nnode_types:\n  t: {}\nnode_templates:\n  n: {type: t}\n" + extra
        return files.load("main.yaml", text).diagnostics.errors.map(\.code)
    }

    @Test("a required key written with no value (null) is missing, as in Cloudify")
    func nullRequiredKeyIsMissing() {
        defer { files.remove() }
        #expect(errors("outputs:\n  o: {value: null}\n") == [.missingRequiredKey])
        #expect(errors("capabilities:\n  c:\n    value:\n") == [.missingRequiredKey])
        #expect(errors("labels:\n  env: {values: ~}\n") == [.missingRequiredKey])
        #expect(errors("outputs:\n  o: {value: {}}\n") == [])
    }

    @Test("a label value is text: a number or boolean is refused, quoted it is accepted")
    func labelValuesAreText() {
        defer { files.remove() }
        #expect(errors("labels:\n  env: {values: [1]}\n") == [.wrongShape])
        #expect(errors("labels:\n  env: {values: [true]}\n") == [.wrongShape])
        #expect(errors("blueprint_labels:\n  env: {values: [1.5]}\n") == [.wrongShape])
        #expect(errors("labels:\n  env: {values: ['1']}\nblueprint_labels:\n  env: {values: ['true']}\n") == [])
    }

    @Test("the description of an output or a capability is text; null is none")
    func outputDescriptionIsText() {
        defer { files.remove() }
        #expect(errors("outputs:\n  o: {value: 1, description: 5}\n") == [.wrongShape])
        #expect(errors("capabilities:\n  c: {value: 1, description: [a]}\n") == [.wrongShape])
        #expect(errors("outputs:\n  o: {value: 1, description: null}\n") == [])
    }

    @Test("a plugin's fields are text (an unquoted version is a number); null is absent")
    func pluginFieldsAreText() {
        defer { files.remove() }
        let plugin = "plugins:\n  p:\n    executor: central_deployment_agent\n    source: s\n"
        #expect(errors(plugin + "    package_name: x\n    package_version: 1.0\n") == [.wrongShape])
        #expect(errors(plugin + "    distribution: 7\n") == [.wrongShape])
        #expect(errors(plugin + "    install_arguments: [-q]\n") == [.wrongShape])
        #expect(errors(plugin + "    properties_description: [a]\n") == [.wrongShape])
        #expect(errors(plugin + "    package_name: x\n    package_version: '1.0'\n    distribution: null\n") == [])
    }

    @Test("a plugin property is {description, type, display_label, value}; its type must be known")
    func pluginPropertyDeclaration() {
        defer { files.remove() }
        let plugin = "plugins:\n  p:\n    executor: central_deployment_agent\n    source: s\n    properties:\n"
        #expect(errors(plugin + "      key: {type: string, description: d, display_label: Key, value: x}\n") == [])
        #expect(errors(plugin + "      key: {type: string}\n") == [])
        #expect(errors(plugin + "      key: {type: string, default: x}\n") == [.unknownKey])
        #expect(errors(plugin + "      key: {type: zz}\n") == [.unknownValueType])
    }

    @Test("an operation's executor written null is the plugin's own")
    func nullOperationExecutor() {
        defer { files.remove() }
        let text = """
            tosca_definitions_version: cloudify_dsl_1_3
            plugins:
              p: {executor: central_deployment_agent, source: s}
            node_types:
              t:
                interfaces:
                  i:
                    op: {implementation: p.task, executor: null}
            node_templates:
              n: {type: t}
            """
        #expect(files.load("main.yaml", text).diagnostics.errors.isEmpty)
    }
}
