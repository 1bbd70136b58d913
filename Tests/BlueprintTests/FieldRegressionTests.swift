import Foundation
import Testing
import YAMLSource
@testable import Blueprint

/// What the field test of real-world blueprint shapes (the libvirt plugin's examples, Cloudify's
/// example blueprints) found wrong, pinned down: the notes and positions the golden files do
/// not show, and the parts of the IR the fixes fill in.
@Suite("Field-test regressions")
struct FieldRegressionTests {
    private func diagnostics(_ name: String, code: String) -> [Diagnostic] {
        GoldenCorpus.load("invalid", name).diagnostics.filter { $0.code.id == code }
    }

    private func notes(_ diagnostic: Diagnostic) -> [String] { diagnostic.notes.map(\.message) }

    @Test("importing a directory is reported at the import entry, not at the directory")
    func directoryImportPointsAtTheImport() throws {
        let found = diagnostics("BV0001-imported-directory.yaml", code: "BV0001")
        let problem = try #require(found.first)
        #expect(found.count == 1)
        #expect(problem.range.file.hasSuffix("invalid/BV0001-imported-directory.yaml"))
        #expect(problem.range.start.line == 4 && problem.range.start.column == 5)
        #expect(notes(problem).contains { $0.contains("import a file inside it") })
    }

    @Test("a utilities plugin type used without importing the plugin names the import to add")
    func utilitiesTypeWithoutImport() throws {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("seed.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - bluevirt:cloudify
            node_templates:
              seed:
                type: cloudify.nodes.CloudInit.CloudConfig
            """)
        let problem = try #require(loaded.diagnostics.first { $0.code == .unknownNodeType })
        #expect(notes(problem) == ["'cloudify.nodes.CloudInit.CloudConfig' is one of the utilities plugin's types: add `- plugin:cloudify-utilities-plugin` to `imports`"])
    }

    @Test("a valid_values failure close to an allowed value gets a did-you-mean")
    func validValuesTypoGetsDidYouMean() {
        let found = diagnostics("BV0203-valid-values-typo.yaml", code: "BV0203")
        #expect(found.count == 2)
        #expect(found.contains { notes($0).contains("did you mean 'staging'?") })
        #expect(found.contains { notes($0).contains("did you mean 'all_to_all'?") })
    }

    @Test("a far-off valid_values failure gets no did-you-mean")
    func validValuesWithoutCloseValue() {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("far.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            inputs:
              stage:
                default: qa
                constraints:
                  - valid_values: [ lab, production ]
            """)
        let problem = loaded.diagnostics.first { $0.code == .constraintViolated }
        #expect(problem != nil)
        #expect(problem.map { notes($0).allSatisfy { !$0.hasPrefix("did you mean") } } == true)
    }

    @Test("names from a plugin bluevirt does not include point at its import, without a wrong did-you-mean")
    func unknownNamesPointAtTheUnresolvedImport() throws {
        let types = diagnostics("BV0117-plugin-not-included.yaml", code: "BV0107")
        let server = try #require(types.first { $0.message.contains("openstack.Server") })
        #expect(notes(server) == ["'cloudify.nodes.openstack.Server' comes from 'plugin:cloudify-openstack-plugin?version=3.2.0', which bluevirt cannot import"])
        #expect(server.notes.first?.range?.start.line == 8)
        let master = try #require(types.first { $0.message.contains("kubernetes.nodes.Master") })
        #expect(notes(master) == ["'cloudify.kubernetes.nodes.Master' comes from 'plugin:cloudify-kubernetes-plugin', which bluevirt cannot import"])

        let task = try #require(diagnostics("BV0117-plugin-not-included.yaml", code: "BV0126").first)
        #expect(task.message.contains("a task of the plugin 'ansible', which bluevirt does not include"))
        #expect(task.notes.first?.range?.start.line == 9)

        let imports = diagnostics("BV0117-plugin-not-included.yaml", code: "BV0117")
        #expect(imports.count == 3)
        #expect(imports.allSatisfy { $0.message.contains("bluevirt does not include the") })
        // Everything else is still checked.
        #expect(!diagnostics("BV0117-plugin-not-included.yaml", code: "BV0303").isEmpty)
    }

    @Test("a misspelt libvirt plugin import gets a did-you-mean, not 'plugin not included' advice")
    func misspeltLibvirtPlugin() throws {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("typo.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - bluevirt:cloudify
              - plugin:cloudify-libvrit-plugin
            """)
        let problem = try #require(loaded.diagnostics.first { $0.code == .unresolvableImport })
        #expect(notes(problem) == ["did you mean 'plugin:cloudify-libvirt-plugin'?"])
    }

    @Test("a manager's blueprint import and a namespaced import say what to do instead")
    func managerAndNamespacedImports() throws {
        let blueprint = try #require(diagnostics("namespaced_and_blueprint_imports.yaml", code: "BV0117").first)
        #expect(blueprint.message.contains("names a blueprint uploaded to a Cloudify manager"))
        let namespaced = try #require(diagnostics("namespaced_and_blueprint_imports.yaml", code: "BV0118").first)
        #expect(namespaced.message == "imported file 'lib/lab_types.yaml' does not exist")
        #expect(notes(namespaced).last == "'net--' is read as a Cloudify import namespace (NAMESPACE--path); a file name that contains '--' cannot be imported")
    }

    @Test("Cloudify types bluevirt leaves out say why, instead of a did-you-mean")
    func leftOutCloudifyTypesSayWhy() {
        let loaded = GoldenCorpus.load("invalid", "cloudify_types_left_out.yaml")
        #expect(loaded.diagnostics.codes == ["BV0108", "BV0108", "BV0107"])
        for problem in loaded.diagnostics {
            #expect(notes(problem).count == 1)
            #expect(notes(problem).first?.contains("is one of Cloudify's types that bluevirt leaves out") == true)
        }
    }

    @Test("the utilities plugin's secrets and modified ISO types point at what bluevirt has instead")
    func leftOutSecretsAndISOPointAtBluevirtsOwn() {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("left.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [http://cloudify.co/spec/cloudify/6.4.0/types.yaml, plugin:cloudify-utilities-plugin]
            node_templates:
              writer: { type: cloudify.nodes.secrets.Writer }
              reader: { type: cloudify.nodes.secrets.Reader }
              iso: { type: cloudify.nodes.resources.ModifiedIso }
            """)
        #expect(loaded.diagnostics.codes == ["BV0107", "BV0107", "BV0107"])
        let notesByProblem = loaded.diagnostics.map(notes)
        #expect(notesByProblem.prefix(2).allSatisfy { $0.first?.contains("set a secret with `bluevirt secret set NAME VALUE` (or --secret NAME=VALUE) and read it with get_secret") == true },
                "\(notesByProblem)")
        #expect(notesByProblem.last?.first?.contains("make a new one with cloudify.libvirt.ISO9660 (files in an ISO volume) or bluevirt.nodes.CloudInitSeed") == true, "\(notesByProblem)")
    }

    @Test("a type name far from every known one lists the types of its namespace")
    func farTypeNameListsItsNamespace() {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("volume.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
              - plugin:cloudify-libvirt-plugin
            node_templates:
              pool: { type: cloudify.libvirt.pool }
              vol:
                type: cloudify.libvirt.volume
                relationships:
                  - { type: cloudify.libvirt.relationships.volume_contained_in_storage_pool, target: pool }
                  - { type: cloudify.relationships.contained_in_a_pool_of_storage, target: pool }
                  - { type: nowhere.at_all, target: pool }
            """)
        #expect(loaded.diagnostics.codes == ["BV0108", "BV0108", "BV0108"])
        let notesByProblem = loaded.diagnostics.map(notes)
        #expect(notesByProblem.first == ["the only relationship type in 'cloudify.libvirt.relationships' is 'cloudify.libvirt.relationships.connected_to'"])
        let cloudify = notesByProblem.dropFirst().first?.first ?? ""
        #expect(cloudify.hasPrefix("the relationship types in 'cloudify.relationships' are ") && cloudify.contains("'cloudify.relationships.contained_in'"), "\(cloudify)")
        #expect(notesByProblem.last == [], "a namespace no known type has: no list")
    }

    @Test("the utilities plugin's relationships bluevirt leaves out say why too, not a did-you-mean")
    func leftOutUtilitiesRelationshipsSayWhy() {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("config.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/5.0.0/types.yaml
              - plugin:cloudify-utilities-plugin
            node_templates:
              a: { type: cloudify.nodes.Root }
              b:
                type: cloudify.nodes.Root
                relationships:
                  - { type: load_from_config, target: a }
                  - { type: cloudify.relationships.load_from_config, target: a }
                  - { type: cloudify.relationships.resources.reserve_list_item, target: a }
            """)
        // The configuration loader's relationships are built in now.
        #expect(loaded.diagnostics.codes == ["BV0108"])
        for problem in loaded.diagnostics {
            #expect(notes(problem).count == 1 && notes(problem).first?.contains("is one of Cloudify's types that bluevirt leaves out") == true,
                    "\(notes(problem))")
        }
    }

    @Test("a DSL version older than 1_3 may not import Cloudify 4.x types.yaml (written for 1_3), as in Cloudify")
    func olderDSLVersion() throws {
        let problem = try #require(diagnostics("unsupported_dsl_version.yaml", code: "BV0124").first)
        #expect(problem.message.contains("cloudify_dsl_1_3"))
        #expect(notes(problem).first?.contains("import the types.yaml of Cloudify 3.x") == true)
    }

    @Test("unknown params fields are warnings when the node gives its own template, errors otherwise")
    func userTemplateRelaxesParams() {
        let loaded = GoldenCorpus.load("invalid", "BV0128-legacy-template-input.yaml")
        let unknown = loaded.diagnostics.filter { $0.code == .unknownDataTypeProperty }
        #expect(unknown.filter { $0.severity == .warning }.count == 2)
        let error = unknown.first { $0.severity == .error }
        #expect(error?.range.start.line == 52)
        let typo = unknown.first { $0.severity == .warning && $0.message.contains("memmory_size") }
        #expect(typo.map(notes)?.first == "did you mean 'memory_size'?")
        #expect(typo?.notes.dropFirst().first?.range?.start.line == 29)
    }

    @Test("a data-typed property given in part keeps the rest of its default (Cloudify's hello-world)")
    func partialDataTypedPropertyKeepsItsDefault() {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let compute = blueprints.load("hello.yaml", libvirtHeader + """
            node_templates:
              vm:
                type: cloudify.nodes.Compute
                properties:
                  ip: 192.0.2.10
                  agent_config: { user: centos }
            """)
        #expect(compute.diagnostics.isEmpty, "install_method comes from agent_config's default")
        let own = blueprints.load("own.yaml", libvirtHeader + """
            data_types:
              my.Conf:
                properties:
                  a: { type: string }
                  b: { type: string }
            node_types:
              my.Node:
                derived_from: cloudify.nodes.Root
                properties:
                  conf: { type: my.Conf, default: { b: y } }
            node_templates:
              given_a: { type: my.Node, properties: { conf: { a: x } } }
              given_b: { type: my.Node, properties: { conf: { b: z } } }
            """)
        #expect(own.diagnostics.codes == ["BV0205"])
        #expect(own.diagnostics.first?.message == "'conf' lacks property 'a', which data type 'my.Conf' requires")
    }

    @Test("a type whose parent is unknown gets that one error, not one per property or base it may inherit")
    func unknownParentDoesNotCascade() {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("cascade.yaml", libvirtHeader + """
            node_types:
              my.Server:
                derived_from: cloudify.openstack.nodes.Server
                properties:
                  image: {}
            relationships:
              my.attach:
                derived_from: cloudify.ansible.relationships.connected_to_host
            node_templates:
              a: { type: cloudify.nodes.Root }
              vm:
                type: my.Server
                properties: { image: foo, flavor: small }
                relationships:
                  - { type: my.attach, target: a }
            """)
        #expect(loaded.diagnostics.codes == ["BV0109", "BV0109"], "\(loaded.diagnostics.map(\.message))")
        let known = blueprints.load("known.yaml", libvirtHeader + """
            node_types:
              my.Server: { derived_from: cloudify.nodes.Compute }
            node_templates:
              vm: { type: my.Server, properties: { flavor: small } }
            """)
        #expect(known.diagnostics.codes == ["BV0111"], "a type whose whole ancestry is known still has its properties checked")
    }

    @Test("an old plugin's domain_file is read as template_resource")
    func legacyTemplateInputIsAliased() throws {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("old.yaml", libvirtHeader + """
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  agent_config: { install_method: none }
                interfaces:
                  cloudify.interfaces.lifecycle:
                    configure:
                      inputs:
                        domain_file: arm.xml
            """)
        #expect(loaded.diagnostics.codes == ["BV0128"])
        let blueprint = try #require(loaded.blueprint)
        let inputs = blueprint.nodeTemplates["vm"]?.interfaces[NodeTemplateParser.lifecycle]?.operations["configure"]?.inputs
        #expect(inputs?["template_resource"]?.literalValue == .string("arm.xml"))
    }

    @Test("operation timeout and timeout_recoverable are read and merged")
    func operationTimeouts() throws {
        let loaded = GoldenCorpus.load("valid", "proxied_web_tier.yaml")
        let blueprint = try #require(loaded.blueprint)
        let create = blueprint.nodeTemplates["web_vm"]?.interfaces[NodeTemplateParser.lifecycle]?.operations["create"]
        #expect(create?.timeout == 120)
        #expect(create?.maxRetries == 3)
        // The type's timeout stays when a template only adds inputs.
        let nginxCreate = blueprint.nodeTemplates["web"]?.interfaces[NodeTemplateParser.lifecycle]?.operations["create"]
        #expect(nginxCreate?.timeout == 600)
        let establish = blueprint.nodeTemplates["proxy"]?.relationships.first { $0.target == "web" }?
            .sourceInterfaces["cloudify.interfaces.relationship_lifecycle"]?.operations["establish"]
        #expect(establish?.timeout == 30)
        #expect(establish?.timeoutRecoverable == true)
    }

    @Test("a null timeout or timeout_recoverable is no setting, as in Cloudify")
    func nullTimeouts() throws {
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let loaded = blueprints.load("null.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [ bluevirt:cloudify ]
            node_templates:
              app:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      timeout:
                      timeout_recoverable: ~
            """)
        #expect(loaded.diagnostics.isEmpty)
        let create = try #require(loaded.blueprint?.nodeTemplates["app"]?.interfaces[NodeTemplateParser.lifecycle]?.operations["create"])
        #expect(create.timeout == nil && create.timeoutRecoverable == nil)
    }

    @Test("resource_tags are accepted and kept")
    func resourceTagsAreKept() throws {
        let blueprint = try #require(GoldenCorpus.load("valid", "proxied_web_tier.yaml").blueprint)
        #expect(blueprint.otherSections["resource_tags"]?.names == ["owner", "stage", "cost_center"])
    }

    @Test("get_input paths into dict inputs are checked against the inputs' values")
    func inputPathsAgainstValues() throws {
        let found = diagnostics("BV0309-input-path-from-value.yaml", code: "BV0309")
        #expect(found.map(\.range.start.line) == [24, 26])
        // A value given for the input is what counts.
        let blueprints = TemporaryBlueprints()
        defer { blueprints.remove() }
        let value = try #require(YAMLLoader.load(string: "{back: {bridge: br1}}", file: "cli").documents.first)
        let given = ProvidedInput(name: "networks", value: value, origin: value.range)
        let loaded = blueprints.load("given.yaml", """
            tosca_definitions_version: cloudify_dsl_1_3
            inputs:
              networks:
                type: dict
                default: { front: { bridge: br0 } }
            outputs:
              bridge:
                value: { get_input: [ networks, back, bridge ] }
            """, inputs: [given])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
    }
}
