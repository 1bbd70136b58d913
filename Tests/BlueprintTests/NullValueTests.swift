import Testing
import YAMLSource
@testable import Blueprint

/// Null as a value, as Cloudify's parser reads it (checked with cloudify-common 7.0.5's
/// parse_from_path and prepare_deployment_plan): only the string types and untyped properties
/// take it; operation inputs and workflow parameters take it whatever their type; a data type's
/// `default: null` is an empty mapping; an input's `default: null` is no default.
@Suite("Null values")
struct NullValueTests {
    let files = TemporaryBlueprints()

    private let head = "tosca_definitions_version: cloudify_dsl_1_3\ndata_types:\n  dt:\n    properties:\n      a: {type: integer, required: false}\n"

    private func load(_ body: String) -> LoadedBlueprint {
        files.load("main.yaml", head + body)
    }

    private func errors(_ body: String) -> [DiagnosticCode] {
        load(body).diagnostics.errors.map(\.code)
    }

    @Test("null given for a property is refused for every type but the string types and untyped ones, at the null",
          arguments: [("integer", true), ("float", true), ("boolean", true), ("list", true), ("dict", true), ("regex", true), ("dt", true),
                      ("string", false), ("textarea", false)])
    func givenForAProperty(_ type: String, _ refused: Bool) throws {
        defer { files.remove() }
        let loaded = load("node_types:\n  t:\n    properties:\n      p: {type: \(type), required: false}\nnode_templates:\n  n:\n    type: t\n    properties:\n      p: null\n")
        #expect(loaded.diagnostics.errors.map(\.code) == (refused ? [.valueTypeMismatch] : []))
        if refused {
            let error = try #require(loaded.diagnostics.errors.first)
            #expect(error.range.start.line == 14 && error.range.start.column == 10, "\(error.range)")
            #expect(error.message == "'p' must be \(NullValues.phrase(ofType: type)), but it is null")
        }
    }

    @Test("null in a data type field, a relationship property and a policy property is refused")
    func nestedAndOtherPlaces() {
        defer { files.remove() }
        #expect(errors("node_types:\n  t:\n    properties:\n      p: {type: dt}\nnode_templates:\n  n: {type: t, properties: {p: {a: null}}}\n") == [.valueTypeMismatch])
        #expect(errors("node_types:\n  t:\n    properties:\n      p: {required: false}\nnode_templates:\n  n: {type: t, properties: {p: null}}\n") == [])
        let policy = "node_types:\n  t: {}\nnode_templates:\n  n: {type: t}\npolicy_types:\n  pt:\n    source: s\n    properties:\n      k: {type: integer}\n"
            + "groups:\n  g:\n    members: [n]\n    policies:\n      pol: {type: pt, properties: {k: null}}\n"
        #expect(errors(policy) == [.valueTypeMismatch])
    }

    @Test("operation inputs and workflow parameters take null whatever their type")
    func operationInputsAndWorkflowParameters() {
        defer { files.remove() }
        let plugin = "plugins:\n  p: {executor: central_deployment_agent, source: s}\n"
        #expect(errors(plugin + "node_types:\n  t:\n    interfaces:\n      i:\n        op: {implementation: p.op, inputs: {x: {type: integer}}}\n"
            + "node_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op: {inputs: {x: null}}\n") == [])
        #expect(errors(plugin + "node_templates: {}\nworkflows:\n  w:\n    mapping: p.w\n    parameters:\n      x: {type: integer, default: null}\n") == [])
    }

    @Test("a type's null default is refused for each template that takes it; a data type's is an empty mapping")
    func typeDefaults() throws {
        defer { files.remove() }
        let type = "node_types:\n  t:\n    properties:\n      p: {type: integer, default: null}\n"
        #expect(errors(type + "node_templates:\n  n: {type: t}\n  m: {type: t}\n") == [.valueTypeMismatch, .valueTypeMismatch])
        #expect(errors(type + "node_templates:\n  n: {type: t, properties: {p: 3}}\n") == [])
        #expect(errors(type + "node_templates: {}\n") == [])
        let dataTyped = load("  d2:\n    properties:\n      f: {type: integer, default: 3}\nnode_types:\n  t:\n    properties:\n      p: {type: d2, default: null}\nnode_templates:\n  n: {type: t}\n")
        #expect(dataTyped.diagnostics.errors.isEmpty)
        let value = try #require(dataTyped.blueprint?.nodeTemplates["n"]?.properties["p"]?.literalValue)
        #expect(value == .map([Value.Entry(key: "f", value: .int(3))]))
    }

    @Test("a data type field defaulting to null is refused where Cloudify completes the data type with it")
    func fieldDefaults() throws {
        defer { files.remove() }
        let d4 = "  d4:\n    properties:\n      h: {type: integer, default: null}\n"
        let used = load(d4 + "node_types:\n  t:\n    properties:\n      p: {type: d4}\nnode_templates: {}\n")
        #expect(used.diagnostics.errors.map(\.code) == [.valueTypeMismatch])
        #expect(used.diagnostics.errors.first?.range.start.line == 8)
        #expect(errors(d4 + "node_templates: {}\n") == [])
        #expect(errors(d4 + "inputs:\n  i: {type: d4, default: {h: 3}}\nnode_templates: {}\n") == [])
        #expect(errors(d4 + "inputs:\n  i: {type: d4, default: {}}\nnode_templates: {}\n") == [.valueTypeMismatch])
    }

    @Test("an input's default: null is no default; a data-typed input without one takes its data type's defaults")
    func inputDefaults() throws {
        defer { files.remove() }
        #expect(errors("inputs:\n  i: {type: integer, default: null}\nnode_templates: {}\n") == [.missingRequiredInput])
        #expect(errors("inputs:\n  i: {default: null}\nnode_templates: {}\n") == [.missingRequiredInput])
        let optional = load("inputs:\n  i: {type: integer, required: false, default: null}\nnode_templates: {}\n")
        #expect(optional.diagnostics.errors.isEmpty)
        #expect(optional.blueprint?.inputValues["i"] == .null)
        let completed = load("  d2:\n    properties:\n      f: {type: integer, default: 3}\ninputs:\n  i: {type: d2}\nnode_templates: {}\n")
        #expect(completed.diagnostics.errors.isEmpty)
        #expect(completed.blueprint?.inputValues["i"] == .map([Value.Entry(key: "f", value: .int(3))]))
        #expect(errors("inputs:\n  i: {type: dt}\nnode_templates: {}\n") == [.missingRequiredInput])
    }
}
