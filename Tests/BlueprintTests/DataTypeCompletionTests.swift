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
        let evaluator = Evaluator(blueprint: blueprint, secrets: Secrets())
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
        let evaluator = Evaluator(blueprint: blueprint, secrets: Secrets())
        let conf = try #require(blueprint.nodeTemplates["m"]?.properties["conf"])
        #expect(evaluator.evaluate(conf, in: .nodeProperty(node: "m")).value == .map([
            .init(key: "port", value: .int(3)), .init(key: "user", value: .string("admin")),
            .init(key: "inner", value: .map([.init(key: "depth", value: .int(3))])),
        ]))
    }

    /// Cloudify's `merge_schemas`: a derived declaration with the parent's data type lays its
    /// default over the parent's, for node types and for the fields of derived data types.
    @Test func aDerivedDefaultIsLaidOverTheParentsDefault() throws {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        let loaded = scratch.load("blueprint.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            data_types:
              d: {properties: {b: {default: b_default}, c: {default: c_default}}}
              inner: {properties: {x: {default: x_default}, y: {default: y_default}}}
              base: {properties: {i: {type: inner, default: {x: from_base}}}}
              derived: {derived_from: base, properties: {i: {type: inner, default: {y: from_derived}}}}
            node_types:
              parent: {properties: {a: {type: d, default: {b: from_parent}}}}
              child: {derived_from: parent, properties: {a: {type: d, default: {c: from_child}}}}
              bare: {derived_from: parent, properties: {a: {type: d}}}
              retyped: {derived_from: parent, properties: {a: {default: {c: own}}}}
              t: {properties: {p: {type: derived}}}
            node_templates:
              child: {type: child}
              bare: {type: bare}
              retyped: {type: retyped}
              t: {type: t}
            """)
        let blueprint = try #require(loaded.blueprint, "\(loaded.diagnostics)")
        func value(_ node: String, _ property: String) -> Value? { blueprint.nodeTemplates[node]?.properties[property]?.literalValue }
        #expect(value("child", "a") == .map([.init(key: "c", value: .string("from_child")), .init(key: "b", value: .string("from_parent"))]))
        #expect(value("bare", "a") == .map([.init(key: "b", value: .string("from_parent")), .init(key: "c", value: .string("c_default"))]))
        // Declared without the parent's type: it replaces the parent's declaration.
        #expect(value("retyped", "a") == .map([.init(key: "c", value: .string("own"))]))
        #expect(value("t", "p") == .map([.init(key: "i", value: .map([.init(key: "y", value: .string("from_derived")),
                                                                      .init(key: "x", value: .string("from_base"))]))]))
    }

    /// The parent's default is laid under the derived one completed: a nested field's own default
    /// (`inner: {default: {b: field}}`) survives under the parent's and the child's (Cloudify's
    /// test_complex_nested_merging).
    @Test func theParentsDefaultCountsCompleted() throws {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        let loaded = scratch.load("blueprint.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            data_types:
              outer: {properties: {inner: {type: leaf, default: {b: field}}}}
              leaf: {properties: {a: {default: a0}, b: {default: b0}, c: {default: c0}}}
            node_types:
              parent: {properties: {p: {type: outer, default: {inner: {a: parent}}}}}
              child: {derived_from: parent, properties: {p: {type: outer, default: {inner: {c: child}}}}}
            node_templates:
              n: {type: child}
            """)
        let blueprint = try #require(loaded.blueprint, "\(loaded.diagnostics)")
        let inner = Value.map([.init(key: "c", value: .string("child")), .init(key: "a", value: .string("parent")), .init(key: "b", value: .string("field"))])
        #expect(blueprint.nodeTemplates["n"]?.properties["p"]?.literalValue == .map([.init(key: "inner", value: inner)]))
    }

    /// Cloudify's test_partial_default_validation_in_node_template: a type's default that lacks
    /// a required field is refused for each template that takes it, not for one that gives the
    /// property.
    @Test func aTemplateTakingAnIncompleteDefaultIsRefused() {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        let loaded = scratch.load("blueprint.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            data_types:
              datatype: {properties: {prop1: {}, prop2: {}}}
            node_types:
              type: {properties: {prop: {type: datatype, default: {prop1: value}}}}
            node_templates:
              takes: {type: type}
              gives: {type: type, properties: {prop: {prop2: given}}}
            """)
        let errors = loaded.diagnostics.errors
        #expect(errors.map(\.message) == ["node template 'takes' takes 'prop' from its type's default, where 'prop' lacks property 'prop2', which data type 'datatype' requires"],
                "\(errors)")
        #expect(errors.first?.code == .missingDataTypeProperty)
        #expect(errors.first?.notes.first?.message == "the default is here")
    }

    /// A data-typed field's default is a value of the field's type: its required fields must be
    /// there, whether a template's mapping leaves the field out, gives the property nothing, or
    /// the property's own default completes it (the parity corpus's data_types cases).
    @Test func aFieldsDefaultLackingARequiredFieldIsRefused() {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        func errors(_ property: String, _ template: String) -> [String] {
            scratch.load("blueprint.yaml", """
                tosca_definitions_version: cloudify_dsl_1_3
                data_types:
                  req:
                    properties:
                      a: {type: integer}
                      b: {type: integer, default: 2}
                  outer:
                    properties:
                      in: {type: req, default: {b: 3}}
                node_types:
                  t:
                    properties:
                      p: \(property)
                node_templates:
                  n: {type: t\(template)}
                """).diagnostics.errors.map(\.message)
        }
        let lacking = "'p.in' lacks property 'a', which data type 'req' requires"
        #expect(errors("{type: outer}", ", properties: {p: {}}") == [lacking])
        #expect(errors("{type: outer}", "") == ["node template 'n' does not set 'p', whose data type's defaults leave it incomplete: " + lacking])
        #expect(errors("{type: outer, default: {}}", "") == ["node template 'n' takes 'p' from its type's default, where " + lacking])
        #expect(errors("{type: outer}", ", properties: {p: {in: {a: 1}}}") == [])
        // Left out with required: false, the property has no value to lack anything.
        #expect(errors("{type: outer, required: false}", "") == [])
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

/// A boolean word (`yes`, `Off`) where the type says boolean is the boolean in the value, not
/// only in the warning (BV0207): Cloudify's parser reads YAML 1.1 and gets the boolean.
@Suite struct BooleanWordValueTests {
    @Test func booleanWordsAreBooleansWhereTheTypeSaysSo() throws {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        scratch.write("scripts/x.sh", "#!/bin/sh\n")
        let loaded = scratch.load("blueprint.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            data_types:
              d: {properties: {flag: {type: boolean, default: off}, name: {default: x}}}
            node_types:
              t:
                properties:
                  typed: {type: boolean}
                  untyped: {}
                  conf: {type: d}
                  defaulted: {type: d}
                interfaces:
                  i:
                    op:
                      implementation: scripts/x.sh
                      inputs:
                        b: {type: boolean, default: Yes}
                        c: {type: boolean}
            node_templates:
              n:
                type: t
                properties: {typed: Yes, untyped: on, conf: {flag: on}}
                interfaces:
                  i:
                    op: {inputs: {c: NO}}
            """)
        let blueprint = try #require(loaded.blueprint, "\(loaded.diagnostics)")
        let template = try #require(blueprint.nodeTemplates["n"])
        func value(_ expression: Expression?) -> Value? { expression?.literalValue }
        #expect(value(template.properties["typed"]) == .bool(true))
        #expect(value(template.properties["untyped"]) == .string("on"), "no type: a string, as YAML 1.2 reads it")
        #expect(value(template.properties["conf"]) == .map([.init(key: "flag", value: .bool(true)), .init(key: "name", value: .string("x"))]))
        #expect(value(template.properties["defaulted"]) == .map([.init(key: "flag", value: .bool(false)), .init(key: "name", value: .string("x"))]))
        let operation = try #require(template.interfaces["i"]?.operations["op"])
        #expect(value(operation.inputs["b"]) == .bool(true))
        #expect(value(operation.inputs["c"]) == .bool(false))
        // typed, conf.flag, the inputs b and c, and the data type's default `off`.
        #expect(loaded.diagnostics.filter { $0.code == .yamlBooleanWord }.count == 5)
    }

    @Test func libvirtParamsReadBooleanWordsToo() throws {
        let scratch = TemporaryBlueprints()
        defer { scratch.remove() }
        let loaded = scratch.load("blueprint.yaml", libvirtHeader + """
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: {vcpu: 1, memory_size: 524288, wait_for_ip: no}
            """)
        let blueprint = try #require(loaded.blueprint, "\(loaded.diagnostics)")
        let params = try #require(blueprint.nodeTemplates["vm"]?.libvirtParams?.property?.literalValue)
        #expect(params == .map([.init(key: "vcpu", value: .int(1)), .init(key: "memory_size", value: .int(524288)),
                                .init(key: "wait_for_ip", value: .bool(false))]))
    }
}
