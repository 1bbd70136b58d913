import Foundation
import Testing
import YAMLSource
@testable import Blueprint

/// Cloudify's namespaced imports (`ns--lib/types.yaml`), as its parser reads them: each rule
/// here was checked against Cloudify's own parser with the parity harness (bench/cloudify-parity,
/// family `namespaces`).
@Suite("Namespaced imports")
struct NamespacedImportTests {
    let files = TemporaryBlueprints()
    private let head = "tosca_definitions_version: cloudify_dsl_1_3\n"
    private let typesURL = "http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml"

    /// A library that refers to its own names in every way a file can.
    private var library: String {
        head + """
            imports:
              - \(typesURL)
            inputs:
              port: {type: integer, default: 80}
              shape: {type: dt, default: {x: 2}}
            data_types:
              dt:
                properties:
                  x: {type: integer, default: 1}
            plugins:
              p: {executor: central_deployment_agent, source: dummy}
            node_types:
              base:
                derived_from: cloudify.nodes.Root
                properties:
                  port: {type: integer}
                  d: {type: dt, default: {}}
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: p.tasks.create
              t: {derived_from: base}
            relationships:
              rel: {derived_from: cloudify.relationships.depends_on}
            node_templates:
              n1:
                type: t
                properties: {port: {get_input: port}}
              n2:
                type: t
                properties: {port: {get_property: [n1, port]}}
                relationships:
                  - {type: rel, target: n1}
                interfaces:
                  cloudify.interfaces.lifecycle:
                    start:
                      implementation: p.tasks.start
                      inputs:
                        peer: {get_attribute: [n1, ip]}
                        own: {get_property: [SELF, port]}
            groups:
              g: {members: [n1]}
            workflows:
              wf: p.workflows.run
            outputs:
              o: {value: {concat: [{get_input: port}, '-', {get_property: [n2, port]}]}}
            """
    }

    private func errors(_ main: String, library text: String? = nil) -> [DiagnosticCode] {
        files.write("lib/refs.yaml", text ?? library)
        return files.load("main.yaml", head + main).diagnostics.errors.map(\.code)
    }

    @Test("a namespaced file's names are prefixed, and its own references are read in its namespace")
    func prefixesNamesAndReferences() throws {
        defer { files.remove() }
        files.write("lib/refs.yaml", library)
        let loaded = files.load("main.yaml", head + "imports:\n  - ns--lib/refs.yaml\n")
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.errors.map(\.message))")
        let blueprint = try #require(loaded.blueprint)
        #expect(blueprint.nodeTemplates.names.sorted() == ["ns--n1", "ns--n2"])
        #expect(blueprint.nodeTemplates["ns--n2"]?.type == "ns--t")
        #expect(blueprint.inputs.names.sorted() == ["ns--port", "ns--shape"])
        #expect(blueprint.plugins.names.contains("ns--p") && blueprint.plugins.names.contains("script"))
        #expect(blueprint.groups["ns--g"]?.members == ["ns--n1"])
        // Cloudify's own types and workflows keep their names.
        #expect(blueprint.nodeTypes["cloudify.nodes.Root"] != nil)
        #expect(blueprint.workflows["install"] != nil && blueprint.workflows["ns--wf"] != nil)
    }

    @Test("the main file uses a namespaced file's names with their prefix only", arguments: [
        ("node_templates:\n  m: {type: ns--t, properties: {port: 1}}\n", true),
        ("node_templates:\n  m: {type: t, properties: {port: 1}}\n", false),
        ("node_templates:\n  m:\n    type: ns--t\n    properties: {port: {get_input: ns--port}}\n", true),
        ("node_templates:\n  m:\n    type: ns--t\n    properties: {port: {get_input: port}}\n", false),
        ("node_templates:\n  m:\n    type: ns--t\n    properties: {port: 1}\n    relationships:\n      - {type: ns--rel, target: ns--n1}\n", true),
        ("node_templates:\n  m:\n    type: ns--t\n    properties: {port: 1}\n    relationships:\n      - {type: ns--rel, target: n1}\n", false),
        ("outputs:\n  x: {value: {get_property: [ns--n1, port]}}\n", true),
        ("outputs:\n  x: {value: {get_attribute: [n2, ip]}}\n", false),
        ("groups:\n  mine: {members: [ns--n2]}\n", true),
        ("policies:\n  s: {type: cloudify.policies.scaling, targets: [g]}\n", false),
        ("workflows:\n  mine: ns--p.workflows.mine\n", true),
        ("workflows:\n  mine: p.workflows.mine\n", false),
        ("node_types:\n  mine:\n    properties:\n      d: {type: ns--dt, default: {x: 3}}\nnode_templates:\n  m: {type: mine}\n", true),
        ("node_types:\n  mine:\n    properties:\n      d: {type: ns--dt, default: {x: abc}}\nnode_templates:\n  m: {type: mine}\n", false),
        ("node_types:\n  ns--t: {}\n", false),
    ])
    func mainFileUsesPrefixedNames(_ main: String, _ accepted: Bool) {
        defer { files.remove() }
        let found = errors("imports:\n  - ns--lib/refs.yaml\n" + main)
        #expect(found.isEmpty == accepted, "\(found)")
    }

    @Test("one file under two namespaces, or with and without one, defines two sets of names")
    func twoNamespaces() {
        defer { files.remove() }
        #expect(errors("imports:\n  - a--lib/refs.yaml\n  - b--lib/refs.yaml\n").isEmpty)
        #expect(errors("imports:\n  - lib/refs.yaml\n  - ns--lib/refs.yaml\n").isEmpty)
        #expect(errors("imports:\n  - ns--lib/refs.yaml\n  - ns--lib/refs.yaml\n") == [.duplicateImport])
    }

    @Test("a namespaced file does not see the main file's names")
    func namespacedFileIsolated() {
        defer { files.remove() }
        let usesMain = "node_templates:\n  x: {type: main_type}\n"
        #expect(errors("imports:\n  - ns--lib/refs.yaml\nnode_types:\n  main_type: {}\n", library: usesMain) == [.unknownNodeType])
        #expect(errors("imports:\n  - lib/refs.yaml\nnode_types:\n  main_type: {}\n", library: usesMain).isEmpty)
        let usesMainInput = "outputs:\n  o: {value: {get_input: main_input}}\n"
        #expect(!errors("imports:\n  - ns--lib/refs.yaml\ninputs:\n  main_input: {default: 1}\n", library: usesMainInput).isEmpty)
        // A task of a plugin outside the namespace is unknown there, as in Cloudify.
        let usesMainPlugin = "node_types:\n  u:\n    interfaces:\n      i:\n        op: mp.tasks.op\nnode_templates:\n  x: {type: u}\n"
        #expect(errors("imports:\n  - ns--lib/refs.yaml\nplugins:\n  mp: {executor: central_deployment_agent, source: s}\n", library: usesMainPlugin)
            == [.unresolvedImplementation])
    }

    @Test("nested namespaces join: a namespaced file importing b--x gives a--b--names; without a namespace it passes its own on")
    func nestedNamespaces() {
        defer { files.remove() }
        files.write("lib/types.yaml", "node_types:\n  t: {}\n")
        files.write("lib/plain.yaml", "node_types:\n  pt: {}\n")
        let middle = "imports:\n  - b--types.yaml\n  - plain.yaml\nnode_templates:\n  mid: {type: b--t}\n  mid_plain: {type: pt}\n"
        #expect(errors("imports:\n  - a--lib/refs.yaml\nnode_templates:\n  n: {type: a--b--t}\n  m: {type: a--pt}\n", library: middle).isEmpty)
        #expect(errors("imports:\n  - a--lib/refs.yaml\nnode_templates:\n  n: {type: b--t}\n", library: middle) == [.unknownNodeType])
        #expect(errors("imports:\n  - lib/refs.yaml\nnode_templates:\n  n: {type: b--t}\n  m: {type: pt}\n", library: middle).isEmpty)
    }

    @Test("the namespace is what comes before the last '--', and may not itself hold '--'")
    func namespaceForm() {
        defer { files.remove() }
        files.write("lib/types.yaml", "node_types:\n  t: {}\n")
        #expect(errors("imports:\n  - a--b--lib/types.yaml\n") == [.namespaceHasDelimiter])
        #expect(errors("imports:\n  - a----lib/types.yaml\n") == [.namespaceHasDelimiter])
        // The last '--' is the rightmost one, as Python's rpartition finds it: 'a-' and the path.
        #expect(errors("imports:\n  - a---lib/types.yaml\nnode_templates:\n  n: {type: a---t}\n").isEmpty)
        // An empty namespace is none.
        #expect(errors("imports:\n  - --lib/types.yaml\nnode_templates:\n  n: {type: t}\n").isEmpty)
        #expect(errors("imports:\n  - my.ns--lib/types.yaml\nnode_templates:\n  n: {type: my.ns--t}\n").isEmpty)
        // A file name with '--' reads as a namespace: 'lib/x' and 'types.yaml'.
        files.write("lib/x--types.yaml", "node_types:\n  t: {}\n")
        #expect(errors("imports:\n  - lib/x--types.yaml\n") == [.importNotFound])
        // '--' in a name of a plain import means nothing.
        #expect(errors("imports:\n  - lib/refs.yaml\nnode_templates:\n  n: {type: --t}\n", library: "node_types:\n  --t: {}\n").isEmpty)
    }

    @Test("Cloudify's types.yaml keeps its names: no namespace of its own, unprefixed inside a namespaced file")
    func cloudifyTypes() {
        defer { files.remove() }
        #expect(errors("imports:\n  - ns--\(typesURL)\n") == [.namespacedCloudifyTypes])
        let withTypes = head + "imports:\n  - \(typesURL)\nnode_types:\n  app: {derived_from: cloudify.nodes.Root}\nnode_templates:\n  a: {type: app}\n"
        #expect(errors("imports:\n  - ns--lib/refs.yaml\nnode_templates:\n  m: {type: ns--app}\n  r: {type: cloudify.nodes.Root}\n", library: withTypes).isEmpty)
        #expect(errors("imports:\n  - ns--lib/refs.yaml\nnode_templates:\n  r: {type: ns--cloudify.nodes.Root}\n", library: withTypes) == [.unknownNodeType])
        let ownNamespace = head + "imports:\n  - ns--\(typesURL)\n"
        #expect(errors("imports:\n  - ns--lib/refs.yaml\n", library: ownNamespace) == [.namespacedCloudifyTypes])
        // A cloudify.* name of a namespaced file is not prefixed either.
        let cloudifyNamed = "node_types:\n  cloudify.nodes.Mine: {}\n  mine: {}\n"
        #expect(errors("imports:\n  - ns--lib/refs.yaml\nnode_templates:\n  a: {type: cloudify.nodes.Mine}\n  b: {type: ns--mine}\n", library: cloudifyNamed).isEmpty)
    }

    @Test("a script of a namespaced file is found by its path; a missing one is still reported")
    func namespacedScripts() {
        defer { files.remove() }
        let script = files.write("scripts/create.sh", "#!/bin/sh\necho created\n")
        chmod(script, 0o755)
        let scripted = head + "imports:\n  - \(typesURL)\nnode_types:\n  st:\n    derived_from: cloudify.nodes.Root\n    interfaces:\n      cloudify.interfaces.lifecycle:\n        create: scripts/create.sh\nnode_templates:\n  s: {type: st}\n"
        #expect(errors("imports:\n  - ns--lib/refs.yaml\n", library: scripted).isEmpty)
        let missing = scripted.replacingOccurrences(of: "scripts/create.sh", with: "scripts/missing.sh")
        #expect(errors("imports:\n  - ns--lib/refs.yaml\n", library: missing) == [.unresolvedImplementation])
    }

    @Test("a problem with a prefixed name in a namespaced file says where the prefix comes from")
    func prefixedNameExplained() throws {
        defer { files.remove() }
        files.write("lib/refs.yaml", "node_templates:\n  x: {type: main_type}\n")
        let loaded = files.load("main.yaml", head + "imports:\n  - ns--lib/refs.yaml\nnode_types:\n  main_type: {}\n")
        let problem = try #require(loaded.diagnostics.errors.first)
        #expect(problem.message == "unknown node type 'ns--main_type'")
        #expect(problem.notes.last?.message.hasPrefix("'refs.yaml' is imported under the namespace 'ns'") == true)
    }
}
