import Testing
import YAMLSource
@testable import Blueprint

/// A property of a data type holds what Cloudify's parser gives it: the template's mapping
/// completed by the property's default, then by the data type's field defaults, at every level.
/// The expected values are what cloudify-common 7.0.5 gives the same blueprints
/// (`prepare_deployment_plan`, node properties).
@Suite struct DataTypeCompletionTests {
    static let types = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
        data_types:
          my.conf:
            properties:
              port: {type: integer, default: 22}
              user: {type: string, default: root}
              inner: {type: my.inner}
              extra: {required: false}
          my.inner:
            properties:
              depth: {default: 3}
        node_types:
          t:
            derived_from: cloudify.nodes.Root
            properties:
              conf: {type: my.conf, default: {user: admin}}
              plain: {type: my.conf}
              optional: {type: my.conf, required: false}
              free: {default: {a: 1}}

        """

    /// Every property of node template `node`, evaluated to plain values.
    private func properties(of node: String, _ templates: String) throws -> [String: Value] {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        let loaded = scratch.load("blueprint.yaml", Self.types + templates)
        let blueprint = try #require(loaded.blueprint, "\(loaded.diagnostics)")
        let template = try #require(blueprint.nodeTemplates[node])
        let evaluator = Evaluator(inputs: blueprint.inputValues) { node, property in blueprint.nodeTemplates[node]?.properties[property] }
        var values: [String: Value] = [:]
        for (name, expression) in template.properties.entries {
            values[name] = evaluator.evaluate(expression, in: .nodeProperty(node: node)).value
        }
        return values
    }

    private func keys(_ value: Value?) -> [String] {
        if case .map(let entries)? = value { entries.map(\.key) } else { [] }
    }

    @Test func aPartialMappingIsCompletedByThePropertyDefaultThenTheDataType() throws {
        let values = try properties(of: "n", """
            node_templates:
              n:
                type: t
                properties:
                  conf: {port: 2222}
            """)
        #expect(values["conf"] == .map([
            .init(key: "port", value: .int(2222)), .init(key: "user", value: .string("admin")),
            .init(key: "inner", value: .map([.init(key: "depth", value: .int(3))])),
        ]))
    }

    @Test func aPropertyNotGivenIsItsDataTypeCompleted() throws {
        let values = try properties(of: "n", """
            node_templates:
              n:
                type: t
            """)
        let expected: Value = .map([
            .init(key: "port", value: .int(22)), .init(key: "user", value: .string("root")),
            .init(key: "inner", value: .map([.init(key: "depth", value: .int(3))])),
        ])
        #expect(values["plain"] == expected)
        #expect(values["optional"] == expected)
        #expect(keys(values["conf"]) == ["user", "port", "inner"])
        // Not a data type: the default as written, not completed.
        #expect(values["free"] == .map([.init(key: "a", value: .int(1))]))
    }

    @Test func givenFieldsKeepTheirOrderAndNestedMappingsAreCompleted() throws {
        let values = try properties(of: "n", """
            node_templates:
              n:
                type: t
                properties:
                  plain: {inner: {}, user: me, extra: {x: 1}}
            """)
        #expect(keys(values["plain"]) == ["inner", "user", "extra", "port"])
        guard case .map(let entries)? = values["plain"] else { Issue.record("plain is \(String(describing: values["plain"]))"); return }
        #expect(entries[0].value == .map([.init(key: "depth", value: .int(3))]))
        // A field of no data type is kept as given.
        #expect(entries[2].value == .map([.init(key: "x", value: .int(1))]))
    }

    @Test func getPropertyReadsACompletedField() throws {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        let loaded = scratch.load("blueprint.yaml", Self.types + """
            node_templates:
              n:
                type: t
                properties:
                  conf: {port: 2222}
              m:
                type: t
                properties:
                  conf: {port: {get_property: [n, conf, inner, depth]}, user: {get_property: [n, conf, user]}}
            """)
        let blueprint = try #require(loaded.blueprint, "\(loaded.diagnostics)")
        let evaluator = Evaluator(inputs: blueprint.inputValues) { node, property in blueprint.nodeTemplates[node]?.properties[property] }
        let conf = try #require(blueprint.nodeTemplates["m"]?.properties["conf"])
        #expect(evaluator.evaluate(conf, in: .nodeProperty(node: "m")).value == .map([
            .init(key: "port", value: .int(3)), .init(key: "user", value: .string("admin")),
            .init(key: "inner", value: .map([.init(key: "depth", value: .int(3))])),
        ]))
    }

    @Test func aFunctionsValueIsNotCompleted() throws {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        let loaded = scratch.load("blueprint.yaml", Self.types + """
            inputs:
              conf: {default: {port: 1}}
            node_templates:
              n:
                type: t
                properties:
                  conf: {get_input: conf}
            """)
        let blueprint = try #require(loaded.blueprint, "\(loaded.diagnostics)")
        let conf = try #require(blueprint.nodeTemplates["n"]?.properties["conf"])
        guard case .call(let call) = conf.kind else { Issue.record("conf is \(conf.kind)"); return }
        #expect(call.function == .getInput)
    }

    /// The libvirt templates read `params` as written and apply the defaults themselves: an empty
    /// `name` would otherwise name every object "".
    @Test func libvirtParamsStayAsWritten() throws {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        let loaded = scratch.load("blueprint.yaml", libvirtHeader + """
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: {vcpu: 1, memory_size: 524288}
            """)
        let blueprint = try #require(loaded.blueprint, "\(loaded.diagnostics)")
        let vm = try #require(blueprint.nodeTemplates["vm"])
        guard case .map(let entries)? = vm.properties["params"]?.kind else { Issue.record("params missing"); return }
        #expect(entries.map(\.key) == ["vcpu", "memory_size"])
        guard case .map(let property)? = vm.libvirtParams?.property?.kind else { Issue.record("libvirt params missing"); return }
        #expect(property.map(\.key) == ["vcpu", "memory_size"])
    }

    /// Cloudify reads a data-typed field without a default as an empty mapping: it is missing
    /// only when a field of its own is required (then that field is named).
    @Test func aDataTypedFieldWithoutDefaultNeedsOnlyItsOwnRequiredFields() {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        let accepted = scratch.load("accepted.yaml", Self.types + """
            node_templates:
              n:
                type: t
                properties:
                  conf: {port: 1}
            """)
        #expect(accepted.diagnostics.errors.isEmpty, "\(accepted.diagnostics)")
        let refused = scratch.load("refused.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
            data_types:
              outer:
                properties:
                  inner: {type: inner}
              inner:
                properties:
                  depth: {type: integer}
              loop:
                properties:
                  again: {type: loop}
            node_types:
              t:
                derived_from: cloudify.nodes.Root
                properties:
                  conf: {type: outer}
                  looped: {type: loop, required: false}
            node_templates:
              n:
                type: t
                properties:
                  conf: {}
                  looped: {}
            """)
        let messages = refused.diagnostics.errors.map(\.message)
        #expect(messages.contains("'conf.inner' lacks property 'depth', which data type 'inner' requires"), "\(messages)")
        #expect(!messages.contains { $0.contains("lacks property 'inner'") }, "\(messages)")
        // The type that contains itself is reported once and ends the walk.
        #expect(refused.diagnostics.errors.codes.contains("BV0217"))
    }
}
