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
}
