import Testing
import YAMLSource
@testable import Blueprint

/// Rules found by the Cloudify parser parity harness (bench/cloudify-parity): each test pins
/// one verdict that bluevirt now shares with Cloudify's own parser.
@Suite("Cloudify parser parity")
struct CloudifyParityTests {
    let files = TemporaryBlueprints()

    /// A blueprint of one type and one template, for any version (no import).
    private func minimal(_ version: DSLVersion, _ extra: String = "") -> String {
        "tosca_definitions_version: \(version.rawValue)\nnode_types:\n  t: {}\nnode_templates:\n  n: {type: t}\n" + extra
    }

    @Test("DSL 1_0, 1_1 and 1_2 blueprints load", arguments: [DSLVersion.v1_0, .v1_1, .v1_2])
    func olderVersionsLoad(_ version: DSLVersion) throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", minimal(version))
        #expect(loaded.diagnostics.errors.isEmpty)
        #expect(try #require(loaded.blueprint).dslVersion == version)
    }

    @Test("each gated feature is refused before its version and accepted from it", arguments: [
        ("description: x\n", DSLVersion.v1_2),
        ("dsl_definitions:\n  a: 1\n", .v1_2),
        ("data_types:\n  d:\n    properties: {x: {default: 1}}\n", .v1_2),
        ("resource_tags:\n  owner: me\n", .v1_3),
        ("plugins:\n  p:\n    executor: central_deployment_agent\n    source: s\n    install_arguments: -q\n", .v1_1),
        ("plugins:\n  p:\n    executor: central_deployment_agent\n    package_name: x\n", .v1_2),
        ("inputs:\n  i:\n    default: 1\n    hidden: true\n", .v1_3),
        ("outputs:\n  o:\n    value: {concat: [a, b]}\n", .v1_1),
        ("outputs:\n  o:\n    value: {merge: [{a: 1}, {b: 2}]}\n", .v1_3),
        ("inputs:\n  i:\n    default: a\n    constraints:\n      - {valid_values: [a], error_message: pick a}\n", .v1_5),
        ("plugins:\n  p:\n    executor: central_deployment_agent\n    source: s\nworkflows:\n  w:\n    mapping: p.w\n    availability_rules: {available: true}\n", .v1_4),
    ])
    func gates(_ extra: String, _ needed: DSLVersion) {
        defer { files.remove() }
        for version in DSLVersion.allCases {
            let loaded = files.load("main.yaml", minimal(version, extra))
            let refused = loaded.diagnostics.errors.map(\.code) == [.featureNeedsLaterVersion]
            #expect(refused == (version < needed), "\(version.rawValue): \(loaded.diagnostics.errors.map(\.message))")
            #expect(refused || loaded.diagnostics.errors.isEmpty)
        }
    }

    @Test("max_retries and retry_interval of an operation need 1_1")
    func operationRetries() {
        defer { files.remove() }
        let text = """
            plugins:
              p: {executor: central_deployment_agent, source: s}
            node_types:
              t:
                interfaces:
                  i:
                    op: {implementation: p.task, max_retries: 2, retry_interval: 3}
            node_templates:
              n: {type: t}
            """
        let old = files.load("old.yaml", "tosca_definitions_version: cloudify_dsl_1_0\n" + text)
        #expect(old.diagnostics.errors.map(\.code) == [.featureNeedsLaterVersion, .featureNeedsLaterVersion])
        let current = files.load("new.yaml", "tosca_definitions_version: cloudify_dsl_1_1\n" + text)
        #expect(current.diagnostics.errors.isEmpty)
    }

    @Test("before 1_3 only one file may define inputs (and the other sections 1_3 merges)")
    func mergingBeforeV1_3() {
        defer { files.remove() }
        files.write("lib/inputs.yaml", "inputs:\n  a: {default: 1}\n")
        let old = files.load("old.yaml", minimal(.v1_2, "imports: [lib/inputs.yaml]\ninputs:\n  b: {default: 2}\n"))
        #expect(old.diagnostics.errors.map(\.code) == [.featureNeedsLaterVersion])
        let alone = files.load("alone.yaml", minimal(.v1_2, "imports: [lib/inputs.yaml]\n"))
        #expect(alone.diagnostics.errors.isEmpty)
        let current = files.load("new.yaml", minimal(.v1_3, "imports: [lib/inputs.yaml]\ninputs:\n  b: {default: 2}\n"))
        #expect(current.diagnostics.errors.isEmpty)
    }

    @Test("Cloudify 4.x types.yaml needs 1_3; the types.yaml of Cloudify 3.x and bluevirt:cloudify take the blueprint's version")
    func builtinTypesVersion() {
        defer { files.remove() }
        let modern = files.load("modern.yaml", "tosca_definitions_version: cloudify_dsl_1_2\nimports: [http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml]\n")
        #expect(modern.diagnostics.errors.map(\.code) == [.importedVersionTooNew])
        let legacy = files.load("legacy.yaml", "tosca_definitions_version: cloudify_dsl_1_2\nimports: [http://www.getcloudify.org/spec/cloudify/3.3.1/types.yaml]\n")
        #expect(legacy.diagnostics.errors.isEmpty)
        let native = files.load("native.yaml", "tosca_definitions_version: cloudify_dsl_1_0\nimports: [bluevirt:cloudify]\n")
        #expect(native.diagnostics.errors.isEmpty)
    }

    @Test("a required input without a value is a warning for a bare validate, an error otherwise")
    func requiredInputWarning() throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", minimal(.v1_3, "inputs:\n  i: {}\n"))
        #expect(loaded.diagnostics.errors.map(\.code) == [.missingRequiredInput])
        #expect(loaded.blueprint == nil)
        let relaxed = BlueprintLoader.load(path: files.directory + "/main.yaml", missing: .inputs)
        #expect(!relaxed.diagnostics.hasErrors)
        let warning = try #require(relaxed.diagnostics.first { $0.code == .missingRequiredInput })
        #expect(warning.severity == .warning)
        #expect(relaxed.blueprint != nil, "the blueprint is built, so the checks that need it run")
    }

    @Test("group policies: declared types and triggers, declared and required properties and parameters")
    func groupPolicies() {
        defer { files.remove() }
        let declarations = """
            policy_types:
              pt:
                source: p.clj
                properties:
                  must: {}
                  optional: {default: 1}
            policy_triggers:
              tr:
                source: t.clj
                parameters:
                  th: {default: 1}
            groups:
              g:
                members: [n]
                policies:

            """
        func codes(_ policy: String) -> [DiagnosticCode] {
            files.load("main.yaml", minimal(.v1_3, declarations + policy)).diagnostics.errors.map(\.code)
        }
        #expect(codes("      pol: {type: pt, properties: {must: 1}, triggers: {t1: {type: tr, parameters: {th: 2}}}}\n").isEmpty)
        #expect(codes("      pol: {type: nope}\n") == [.unknownGroupPolicyType])
        #expect(codes("      pol: {type: pt}\n") == [.missingRequiredProperty])
        #expect(codes("      pol: {type: pt, properties: {must: 1, zz: 2}}\n") == [.unknownProperty])
        #expect(codes("      pol: {type: pt, properties: {must: 1}, triggers: {t1: {type: zz}}}\n") == [.unknownGroupPolicyType])
        #expect(codes("      pol: {type: pt, properties: {must: 1}, triggers: {t1: {type: tr, parameters: {zz: 1}}}}\n") == [.unknownProperty])
        #expect(codes("      pol: {type: pt, properties: {must: 1}, colour: red}\n") == [.unknownKey])
    }

    @Test("group policies: declared types are known types, and values and defaults are of them")
    func groupPolicyValueTypes() {
        defer { files.remove() }
        func codes(_ text: String) -> [DiagnosticCode] {
            files.load("main.yaml", minimal(.v1_3, text)).diagnostics.errors.map(\.code)
        }
        let declarations = """
            policy_types:
              pt:
                source: p.clj
                properties:
                  k: {type: integer, default: 1}
            policy_triggers:
              tr:
                source: t.clj
                parameters:
                  th: {type: float, default: 0.5}
            groups:
              g:
                members: [n]
                policies:

            """
        #expect(codes(declarations + "      pol: {type: pt, properties: {k: 2}, triggers: {t1: {type: tr, parameters: {th: 1}}}}\n") == [])
        #expect(codes(declarations + "      pol: {type: pt, properties: {k: x}}\n") == [.valueTypeMismatch])
        #expect(codes(declarations + "      pol: {type: pt, triggers: {t1: {type: tr, parameters: {th: [1]}}}}\n") == [.valueTypeMismatch])
        // Cloudify neither checks nor runs functions there.
        #expect(codes("inputs:\n  i: {default: x}\n" + declarations + "      pol: {type: pt, properties: {k: {get_input: i}}}\n") == [])
        #expect(codes("policy_types:\n  pt:\n    source: s\n    properties:\n      k: {type: zz}\n") == [.unknownValueType])
        #expect(codes("policy_types:\n  pt:\n    source: s\n    properties:\n      k: {type: integer, default: x}\n") == [.valueTypeMismatch])
    }

    @Test("a types.yaml of Cloudify 4.x declares the monitoring policy types, as Cloudify's did; a later one does not, and the error says so")
    func monitoringPolicyTypesComeWithOldTypes() throws {
        defer { files.remove() }
        func blueprint(_ version: String, threshold: String = "") -> String {
            """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [ http://www.getcloudify.org/spec/cloudify/\(version)/types.yaml ]
            node_templates:
              host: { type: cloudify.nodes.Root }
            groups:
              healing:
                members: [host]
                policies:
                  heal:
                    type: cloudify.policies.types.host_failure
                    properties: { service: [ cpu.total.system ], interval_between_workflows: 60 }
                    triggers:
                      again: { type: cloudify.policies.triggers.execute_workflow, parameters: { workflow: heal } }
                  busy: { type: cloudify.policies.types.threshold\(threshold) }

            """
        }
        #expect(files.load("old.yaml", blueprint("4.5", threshold: ", properties: { threshold: 90 }")).diagnostics.errors.isEmpty)
        // The threshold has no default: Cloudify asks for it.
        #expect(files.load("bare.yaml", blueprint("3.4")).diagnostics.errors.map(\.code) == [.missingRequiredProperty])
        let later = files.load("later.yaml", blueprint("5.0.5", threshold: ", properties: { threshold: 90 }")).diagnostics.errors
        #expect(later.map(\.code) == [.unknownGroupPolicyType, .unknownGroupPolicyType, .unknownGroupPolicyType])
        #expect(later.first?.notes.contains { $0.message.contains("up to Cloudify 4.x") } == true)
    }

    @Test("policy types and triggers need a source and know only their own keys")
    func policyTypeShape() {
        defer { files.remove() }
        #expect(files.load("a.yaml", minimal(.v1_3, "policy_types:\n  pt: {properties: {}}\n")).diagnostics.errors.map(\.code) == [.missingRequiredKey])
        #expect(files.load("b.yaml", minimal(.v1_3, "policy_triggers:\n  tr: {source: a, colour: red}\n")).diagnostics.errors.map(\.code) == [.unknownKey])
        #expect(files.load("c.yaml", minimal(.v1_3, "policy_types:\n  pt: 5\n")).diagnostics.errors.map(\.code) == [.wrongShape])
    }

    @Test("the same import twice in one list is refused; a description must be text")
    func duplicateImportAndDescription() {
        defer { files.remove() }
        files.write("lib/a.yaml", "node_types:\n  a: {}\n")
        let twice = files.load("twice.yaml", minimal(.v1_3, "imports: [lib/a.yaml, lib/a.yaml]\n"))
        #expect(twice.diagnostics.errors.map(\.code) == [.duplicateImport])
        let list = files.load("list.yaml", minimal(.v1_3, "description: [a]\n"))
        #expect(list.diagnostics.errors.map(\.code) == [.wrongShape])
    }

    @Test("a plugin property may carry its value (Cloudify's form); availability_rules know their keys")
    func pluginPropertyValueAndAvailabilityRules() {
        defer { files.remove() }
        let plugin = "plugins:\n  p:\n    executor: central_deployment_agent\n    source: s\n    properties:\n      user: {type: string, value: me}\n"
        #expect(files.load("a.yaml", minimal(.v1_5, plugin)).diagnostics.errors.isEmpty)
        let rules = "plugins:\n  p: {executor: central_deployment_agent, source: s}\nworkflows:\n  w:\n    mapping: p.w\n    availability_rules: {colour: red}\n"
        #expect(files.load("b.yaml", minimal(.v1_5, rules)).diagnostics.errors.map(\.code) == [.unknownKey])
    }

    @Test("a relationship's type must derive from one of Cloudify's base relationships")
    func unrootedRelationship() {
        defer { files.remove() }
        func codes(_ relationships: String) -> [DiagnosticCode] {
            let text = "tosca_definitions_version: cloudify_dsl_1_3\nrelationships:\n" + relationships
                + "node_types:\n  t: {}\nnode_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n      - {type: r, target: a}\n"
            return files.load("main.yaml", text).diagnostics.errors.map(\.code)
        }
        #expect(codes("  r: {}\n") == [.unrootedRelationshipType])
        #expect(codes("  cloudify.relationships.depends_on: {}\n  r: {derived_from: cloudify.relationships.depends_on}\n").isEmpty)
    }

    @Test("a data type may not contain itself, directly or through another data type")
    func dataTypeContainsItself() {
        defer { files.remove() }
        let direct = files.load("a.yaml", minimal(.v1_3, "data_types:\n  a:\n    properties:\n      x: {type: a}\n"))
        #expect(direct.diagnostics.errors.map(\.code) == [.dataTypeContainsItself])
        let nested = files.load("b.yaml", minimal(.v1_3, "data_types:\n  a:\n    properties:\n      x: {type: b}\n  b:\n    properties:\n      y: {type: integer}\n"))
        #expect(nested.diagnostics.errors.isEmpty)
    }

    @Test("an operation input declared without a default needs a value in the template")
    func missingOperationInput() {
        defer { files.remove() }
        let type = "plugins:\n  p: {executor: central_deployment_agent, source: s}\nnode_types:\n  t:\n    interfaces:\n      i:\n        op:\n          implementation: p.task\n          inputs:\n            x: {}\n"
        let missing = files.load("a.yaml", "tosca_definitions_version: cloudify_dsl_1_3\n" + type + "node_templates:\n  n: {type: t}\n")
        #expect(missing.diagnostics.errors.map(\.code) == [.missingOperationInput])
        let given = files.load("b.yaml", "tosca_definitions_version: cloudify_dsl_1_3\n" + type
            + "node_templates:\n  n:\n    type: t\n    interfaces:\n      i:\n        op:\n          inputs: {x: 1}\n")
        #expect(given.diagnostics.errors.isEmpty)
    }

    @Test("a relationship's connection_type is all_to_all or all_to_one, even when its type does not constrain it")
    func connectionType() {
        defer { files.remove() }
        func codes(_ value: String) -> [DiagnosticCode] {
            let text = "tosca_definitions_version: cloudify_dsl_1_3\nrelationships:\n  cloudify.relationships.depends_on:\n    properties:\n      connection_type: {default: all_to_all}\n"
                + "node_types:\n  t: {}\nnode_templates:\n  a: {type: t}\n  b:\n    type: t\n    relationships:\n"
                + "      - {type: cloudify.relationships.depends_on, target: a, properties: {connection_type: \(value)}}\n"
            return files.load("main.yaml", text).diagnostics.errors.map(\.code)
        }
        #expect(codes("all_to_one").isEmpty)
        #expect(codes("some_to_some") == [.constraintViolated])
    }

    @Test("a name defined in two files is refused even when identical; Cloudify's own names, identical workflows and labels are not")
    func definitionsInTwoFiles() {
        defer { files.remove() }
        func codes(_ library: String, _ main: String) -> [DiagnosticCode] {
            files.write("lib/defs.yaml", library)
            return files.load("main.yaml", minimal(.v1_3, "imports: [lib/defs.yaml]\n" + main)).diagnostics.errors.map(\.code)
        }
        #expect(codes("inputs:\n  i: {default: 1}\n", "inputs:\n  i: {default: 1}\n") == [.conflictingDefinition])
        #expect(codes("data_types:\n  d: {}\n", "data_types:\n  d: {}\n") == [.conflictingDefinition])
        #expect(codes("relationships:\n  cloudify.relationships.depends_on: {}\n", "relationships:\n  cloudify.relationships.depends_on: {}\n").isEmpty)
        let workflow = "plugins:\n  p: {executor: central_deployment_agent, source: s}\nworkflows:\n  w: {mapping: p.w}\n"
        #expect(codes("workflows:\n  w: {mapping: p.w}\n", workflow).isEmpty)
        #expect(codes("labels:\n  env: {values: [a]}\n", "labels:\n  env: {values: [b]}\n").filter { $0 != .featureNeedsLaterVersion }.isEmpty)
        // A file two imports share is read once: no redefinition.
        files.write("lib/shared.yaml", "node_types:\n  s: {}\n")
        files.write("lib/a.yaml", "imports: [shared.yaml]\n")
        files.write("lib/b.yaml", "imports: [shared.yaml]\n")
        #expect(files.load("shared.yaml", minimal(.v1_3, "imports: [lib/a.yaml, lib/b.yaml]\n")).diagnostics.errors.isEmpty)
        // Cloudify does not merge policies across files.
        let groups = "groups:\n  g: {members: [n]}\n  h: {members: [n]}\npolicies:\n  p1: {type: cloudify.policies.scaling, targets: [g]}\n"
        #expect(codes("policies:\n  p2: {type: cloudify.policies.scaling, targets: [h]}\n", groups) == [.conflictingDefinition])
    }

    @Test("a Cloudify type the blueprint defines differently is refused at the blueprint's definition, not the built-in one")
    func builtinRedefinitionPointsAtTheBlueprint() throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml]
            node_types:
              cloudify.nodes.Compute:
                derived_from: cloudify.nodes.Root
                properties:
                  extra: {default: 1}
            node_templates:
              n: {type: cloudify.nodes.Compute}
            """)
        let error = try #require(loaded.diagnostics.errors.first { $0.code == .conflictingDefinition })
        #expect(error.range.file.hasSuffix("main.yaml"), "\(error.range)")
        #expect(error.notes.first?.range?.file.hasPrefix("<built-in>") == true)
        #expect(error.notes.last?.message.contains("give yours another name") == true)
    }

    @Test("a node template written with relationships alone adds them to the template another file defines")
    func relationshipsOverloading() throws {
        defer { files.remove() }
        let relationship = "relationships:\n  cloudify.relationships.depends_on:\n    properties:\n      connection_type: {default: all_to_all}\n"
        files.write("lib/node.yaml", "node_types:\n  tt: {}\nnode_templates:\n  target: {type: tt}\n  test_node:\n    type: tt\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: target}\n")
        func load(_ main: String) -> LoadedBlueprint {
            files.load("main.yaml", "tosca_definitions_version: cloudify_dsl_1_3\n" + relationship + main)
        }
        let added = load("imports: [lib/node.yaml]\nnode_templates:\n  other: {type: tt}\n  test_node:\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other}\n")
        #expect(added.diagnostics.errors.isEmpty, "\(added.diagnostics.errors.map(\.message))")
        let merged = try #require(added.blueprint?.nodeTemplates["test_node"])
        #expect(merged.type == "tt")
        #expect(merged.relationships.map(\.target).sorted() == ["other", "target"])
        // Under a namespace, the main file names the prefixed template.
        let namespaced = load("imports: [ns--lib/node.yaml]\nnode_templates:\n  other: {type: ns--tt}\n  ns--test_node:\n    relationships:\n      - {type: cloudify.relationships.depends_on, target: other}\n")
        #expect(namespaced.diagnostics.errors.isEmpty)
        // More than relationships is a second definition.
        let properties = load("imports: [lib/node.yaml]\nnode_templates:\n  test_node:\n    properties: {}\n    relationships: []\n")
        #expect(properties.diagnostics.errors.map(\.code).contains(.conflictingDefinition))
    }

    @Test("an input's display hints know only rows, a whole number; item_type of a workflow parameter needs 1_4")
    func displayHintsAndParameterItemType() {
        defer { files.remove() }
        func codes(_ version: DSLVersion, _ extra: String) -> [DiagnosticCode] {
            files.load("main.yaml", minimal(version, extra)).diagnostics.errors.map(\.code)
        }
        #expect(codes(.v1_3, "inputs:\n  i: {type: textarea, default: a, display: {rows: 3}}\n").isEmpty)
        #expect(codes(.v1_5, "inputs:\n  i: {type: textarea, default: a, display: {rows: many}}\n") == [.invalidPropertyDeclaration])
        #expect(codes(.v1_5, "inputs:\n  i: {type: textarea, default: a, display: {columns: 3}}\n") == [.invalidPropertyDeclaration])
        let workflow = "plugins:\n  p: {executor: central_deployment_agent, source: s}\nworkflows:\n  w:\n    mapping: p.w\n    parameters:\n      x: {type: list, item_type: string, default: [a]}\n"
        #expect(codes(.v1_3, workflow) == [.featureNeedsLaterVersion])
        #expect(codes(.v1_4, workflow).isEmpty)
    }

    @Test("a scaling policy's max_instances is a whole number or UNBOUNDED; other counts are whole numbers")
    func scalingPolicyCounts() {
        defer { files.remove() }
        func codes(_ properties: String) -> [DiagnosticCode] {
            let text = "groups:\n  g: {members: [n]}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties: {\(properties)}\n"
            return files.load("main.yaml", minimal(.v1_3, text)).diagnostics.errors.map(\.code)
        }
        #expect(codes("max_instances: UNBOUNDED").isEmpty)
        #expect(codes("max_instances: lots") == [.inconsistentInstances])
        #expect(codes("default_instances: two") == [.inconsistentInstances])
        #expect(codes("min_instances: -1") == [.inconsistentInstances])
    }

    // Rules found on the blueprints of Cloudify's own parser tests (run-cloudify-tests.sh).

    @Test("deployment_settings is checked as Cloudify checks it: display_name's functions, schedules' keys, recurrence, weekdays, parameters")
    func deploymentSettings() {
        defer { files.remove() }
        func codes(_ settings: String) -> [DiagnosticCode] {
            files.load("main.yaml", minimal(.v1_3, "deployment_settings:\n" + settings)).diagnostics.errors.map(\.code)
        }
        let schedule = "  default_schedules:\n    s:\n      workflow: install\n      since: '+1 day'\n"
        #expect(codes(schedule + "      recurrence: 2 weeks\n      weekdays: [mo, 2FR]\n      workflow_parameters: {a: {get_input: x}}\n") == [])
        #expect(codes("  display_name: {concat: [a, b]}\n") == [])
        #expect(codes("  display_name: {string_find: [only one]}\n") == [.malformedFunctionArguments])
        // A manager's function is reported once, as such, not also as a mapping of the wrong shape.
        #expect(codes("  display_name: {get_label: [env, 0]}\n") == [.functionNotAllowedHere])
        #expect(codes("  display_nam: x\n") == [.unknownKey])
        #expect(codes(schedule + "      nonsuch: 1\n") == [.unknownKey])
        #expect(codes("  default_schedules:\n    s: {workflow: install}\n") == [.missingRequiredKey])
        #expect(codes(schedule + "      recurrence: blah\n") == [.invalidSchedule])
        #expect(codes(schedule + "      weekdays: [xy]\n") == [.invalidSchedule])
        #expect(codes(schedule + "      workflow_parameters: {get_attribute: [n, a]}\n") == [.functionNotAllowedHere])
        #expect(codes(schedule + "      workflow_parameters: {k: {get_attribute: [n, a]}}\n") == [.functionNotAllowedHere])
    }

    @Test("get_input and get_property cannot take get_attribute among their arguments")
    func runtimeArgumentsOfGetInputAndGetProperty() {
        defer { files.remove() }
        func codes(_ value: String) -> [DiagnosticCode] {
            let text = "tosca_definitions_version: cloudify_dsl_1_3\ninputs:\n  a: {default: 1}\nnode_types:\n  t:\n    properties: {p: {default: 1}, q: {default: 1}}\nnode_templates:\n  n:\n    type: t\n    properties:\n      q: \(value)\n"
            return files.load("main.yaml", text).diagnostics.errors.map(\.code)
        }
        #expect(codes("{get_input: {concat: [a]}}") == [])
        #expect(codes("{get_input: {concat: [{get_attribute: [n, p]}]}}") == [.functionNotAllowedHere])
        #expect(codes("{get_property: [{get_attribute: [n, p]}, p]}") == [.functionNotAllowedHere])
    }

    @Test("the input types naming manager entities need 1_4 as property types too")
    func entityTypesAsPropertyTypes() {
        defer { files.remove() }
        func codes(_ version: DSLVersion) -> [DiagnosticCode] {
            let text = "tosca_definitions_version: \(version.rawValue)\nnode_types:\n  t:\n    properties:\n      d: {type: deployment_id}\nnode_templates:\n  n: {type: t, properties: {d: x}}\n"
            return files.load("main.yaml", text).diagnostics.errors.map(\.code)
        }
        #expect(codes(.v1_3) == [.featureNeedsLaterVersion])
        #expect(codes(.v1_4) == [])
    }

    @Test("use_external_resource is a literal, and when true no other property is required")
    func useExternalResource() {
        defer { files.remove() }
        func codes(_ properties: String) -> [DiagnosticCode] {
            let text = "tosca_definitions_version: cloudify_dsl_1_4\ninputs:\n  e: {type: boolean, default: false}\nnode_types:\n  t:\n    properties:\n      use_external_resource: {type: boolean, default: false}\n      foo: {type: string}\nnode_templates:\n  n:\n    type: t\n    properties: {\(properties)}\n"
            return files.load("main.yaml", text).diagnostics.errors.map(\.code)
        }
        #expect(codes("use_external_resource: true") == [])
        #expect(codes("use_external_resource: false") == [.missingRequiredProperty])
        #expect(codes("use_external_resource: {get_input: e}, foo: x") == [.functionNotAllowedHere])
    }

    @Test("instances needs deploy, which excludes capabilities; max_instances is at least 1")
    func instanceCounts() {
        defer { files.remove() }
        func codes(_ template: String, _ extra: String = "") -> [DiagnosticCode] {
            let text = "tosca_definitions_version: cloudify_dsl_1_3\nnode_types:\n  t: {}\nnode_templates:\n  n:\n    type: t\n\(template)" + extra
            return files.load("main.yaml", text).diagnostics.errors.map(\.code)
        }
        #expect(codes("    instances: {deploy: 2}\n") == [])
        #expect(codes("    instances: {}\n") == [.missingRequiredKey])
        #expect(codes("    instances: {deploy: 1}\n    capabilities: {}\n") == [.inconsistentInstances])
        #expect(codes("    capabilities: {scalable: {properties: {max_instances: 0, min_instances: 0, default_instances: 0}}}\n") == [.inconsistentInstances])
        let policy = "groups:\n  g: {members: [n]}\npolicies:\n  s:\n    type: cloudify.policies.scaling\n    targets: [g]\n    properties: {max_instances: 0}\n"
        #expect(codes("", policy) == [.inconsistentInstances])
    }

    @Test("a mapping may hold several merge keys, the later winning, as in PyYAML")
    func severalMergeKeys() throws {
        defer { files.remove() }
        let text = "tosca_definitions_version: cloudify_dsl_1_2\ndsl_definitions:\n  a: &a {p: 1, q: 1}\n  b: &b {q: 2}\nnode_types:\n  t:\n    properties: {p: {}, q: {}}\nnode_templates:\n  n:\n    type: t\n    properties:\n      <<: *a\n      <<: *b\n"
        let loaded = files.load("main.yaml", text)
        #expect(loaded.diagnostics.errors.isEmpty)
        let properties = try #require(loaded.blueprint?.nodeTemplates["n"]?.properties)
        #expect(properties["q"]?.literalValue == .int(2))
        #expect(properties["p"]?.literalValue == .int(1))
    }

    @Test("a workflow defined in two files is merged key by key, the first definition winning")
    func workflowsMergedKeyByKey() throws {
        defer { files.remove() }
        files.write("lib/w.yaml", "workflows:\n  w:\n    mapping: p.other\n    parameters: {x: {default: 1}}\n")
        let text = "tosca_definitions_version: cloudify_dsl_1_3\nimports: [lib/w.yaml]\nplugins:\n  p: {executor: central_deployment_agent, source: s}\nworkflows:\n  w:\n    mapping: p.w\n" + "node_types:\n  t: {}\nnode_templates:\n  n: {type: t}\n"
        let loaded = files.load("main.yaml", text)
        #expect(loaded.diagnostics.errors.isEmpty)
        let workflow = try #require(loaded.blueprint?.workflows["w"])
        #expect(workflow.parameters.names == ["x"])
    }

    @Test("operations: every relationship type's are checked, a plugin name may not start another's, a script sets script_path itself")
    func operationMappings() {
        defer { files.remove() }
        files.write("stub.sh", "#!/bin/sh\n")
        func codes(_ extra: String) -> [DiagnosticCode] {
            files.load("main.yaml", minimal(.v1_0, extra)).diagnostics.errors.map(\.code)
        }
        #expect(codes("relationships:\n  r:\n    source_interfaces:\n      i:\n        op: no_plugin.op\n") == [.unresolvedImplementation])
        let plugins = "plugins:\n  one: {executor: central_deployment_agent, source: s}\n  one.two: {executor: central_deployment_agent, source: s}\n"
        #expect(codes(plugins + "relationships:\n  r:\n    source_interfaces:\n      i:\n        op: one.two.three\n") == [.unresolvedImplementation])
        #expect(codes(plugins + "relationships:\n  r:\n    source_interfaces:\n      i:\n        op: one.three\n") == [])
        let script = "relationships:\n  r:\n    source_interfaces:\n      i:\n        op:\n          implementation: stub.sh\n"
        #expect(codes(script) == [])
        #expect(codes(script + "          inputs:\n            script_path: {default: other.sh}\n") == [.invalidOperation])
    }
}
