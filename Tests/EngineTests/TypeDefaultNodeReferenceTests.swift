import Blueprint
import Diagnostics
import Engine
import Testing

/// SELF, SOURCE and TARGET in a type's defaults are checked as the templates that take them
/// use them, at the default: in a property or operation input default as in a template (BV0306,
/// an error: Cloudify merges it into the template and refuses it there); in a relationship type's
/// property default, which Cloudify does not check, a warning (BV0816). What get_property reads
/// of the node each one stands for is checked the same way (BV0305, BV0309; BV0817, a warning, in
/// a relationship type's property default). A type no template uses, and a default every
/// template overrides, are left alone.
@Suite struct TypeDefaultNodeReferenceTests {
    static let text = pluginBlueprint("""
        node_types:
          my.Node:
            derived_from: cloudify.nodes.Root
            properties:
              name: { default: a }
              peer: { default: { get_property: [TARGET, name] } }
              own: { default: { get_property: [SELF, name] } }
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  implementation: scripts/create.sh
                  inputs:
                    peer_ip: { default: { get_attribute: [SOURCE, ip] } }
          unused.Node:
            derived_from: cloudify.nodes.Root
            properties:
              peer: { default: { get_property: [TARGET, name] } }
        relationships:
          my.rel:
            derived_from: cloudify.relationships.depends_on
            properties:
              who: { default: { get_property: [SELF, name] } }
              target_name: { default: { get_property: [TARGET, name] } }
            source_interfaces:
              cloudify.interfaces.relationship_lifecycle:
                preconfigure:
                  implementation: scripts/create.sh
                  inputs:
                    me: { default: { get_attribute: [SELF, ip] } }
                    them: { default: { get_attribute: [TARGET, ip] } }
        node_templates:
          a:
            type: my.Node
          b:
            type: my.Node
            relationships:
              - { type: my.rel, target: a }
        """)

    private func diagnostics(_ text: String) throws -> (found: [Diagnostic], path: String) {
        let path = try temporaryBlueprint(text, files: ["scripts/create.sh": "#!/bin/sh\n"])
        let loaded = BlueprintLoader.load(path: path)
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        #expect(!loaded.diagnostics.contains { $0.code == .misplacedNodeReference }, "the type's checks alone find nothing: \(describe(loaded.diagnostics))")
        return (DryRun.diagnostics(blueprint: blueprint, deployment: "demo").filter { [.misplacedNodeReference, .misplacedNodeReferenceInTypeDefault].contains($0.code) }, path)
    }

    /// The line of `text` (1-based) that holds `fragment`.
    private func line(of fragment: String, in text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(fragment) } ?? -1) + 1
    }

    @Test func misplacedReferencesInTheDefaultsOfUsedTypesAreReportedAtTheDefault() throws {
        let (found, path) = try diagnostics(Self.text)
        #expect(found.count == 4, "\(describe(found))")
        #expect(found.allSatisfy { $0.range.file == path })

        let peer = try #require(found.first { $0.range.start.line == line(of: "peer: { default: { get_property: [TARGET", in: Self.text) })
        #expect(peer.code == .misplacedNodeReference && peer.severity == .error)
        #expect(peer.message == "TARGET can only be used in a relationship's properties and operation inputs, not in a property of node template 'a'")
        #expect(peer.notes.first?.message == "this is a default of node type 'my.Node', which node template 'a' takes")

        let input = try #require(found.first { $0.range.start.line == line(of: "peer_ip:", in: Self.text) })
        #expect(input.code == .misplacedNodeReference && input.severity == .error)
        #expect(input.message == "SOURCE can only be used in a relationship's properties and operation inputs, not in an operation input of node template 'a'")
        #expect(input.notes.contains { $0.message == "use SELF or the node template's name" })

        let me = try #require(found.first { $0.range.start.line == line(of: "me: { default: { get_attribute: [SELF", in: Self.text) })
        #expect(me.code == .misplacedNodeReference && me.severity == .error)
        #expect(me.message.contains("not in an operation input of the relationship from 'b' to 'a'"))
        #expect(me.notes.first?.message == "this is a default of relationship type 'my.rel', which the relationship from 'b' to 'a' takes")

        let who = try #require(found.first { $0.range.start.line == line(of: "who: {", in: Self.text) })
        #expect(who.code == .misplacedNodeReferenceInTypeDefault && who.severity == .warning)
        #expect(who.notes.contains { $0.message == "in a relationship, use SOURCE or TARGET" })
    }

    @Test func aDefaultEveryTemplateOverridesOrNoTemplateTakesIsLeftAlone() throws {
        let overridden = Self.text
            .replacingOccurrences(of: "  a:\n    type: my.Node\n", with: "  a:\n    type: my.Node\n    properties: { peer: x }\n")
            .replacingOccurrences(of: "  b:\n    type: my.Node\n", with: """
                  b:
                    type: my.Node
                    properties: { peer: y }
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        create:
                          inputs: { peer_ip: 10.0.0.1 }

                """)
        let (found, _) = try diagnostics(overridden)
        // a still takes the operation input's default.
        #expect(!found.contains { $0.range.start.line == line(of: "peer: { default: { get_property: [TARGET", in: overridden) }, "\(describe(found))")
        #expect(found.filter { $0.range.start.line == line(of: "peer_ip:", in: overridden) }.count == 1, "\(describe(found))")

        let unused = Self.text.replacingOccurrences(of: "type: my.Node", with: "type: cloudify.nodes.Root")
            .replacingOccurrences(of: "type: my.rel", with: "type: cloudify.relationships.depends_on")
        #expect(try diagnostics(unused).found.isEmpty)
    }

    /// get_property of SELF, SOURCE or TARGET in a type's default reads the template that takes
    /// it. Cloudify 7.0.5 refuses each error here when it parses ("Node template property
    /// 'a.properties.size' referenced from 'nodes.a.operations.create.inputs.size' doesn't
    /// exist") and accepts the relationship type's property default, which it does not check.
    static let readsProperties = pluginBlueprint("""
        node_types:
          my.Sized:
            derived_from: cloudify.nodes.Root
            properties:
              size: { default: 1 }
          my.Node:
            derived_from: cloudify.nodes.Root
            properties:
              label: { default: { get_property: [SELF, name] } }
              conf: { default: { port: 22 } }
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  implementation: scripts/create.sh
                  inputs:
                    size: { default: { get_property: [SELF, size] } }
                    host: { default: { get_property: [SELF, conf, host] } }
        relationships:
          my.rel:
            derived_from: cloudify.relationships.depends_on
            properties:
              peer_size: { default: { get_property: [TARGET, size] } }
            source_interfaces:
              cloudify.interfaces.relationship_lifecycle:
                preconfigure:
                  implementation: scripts/create.sh
                  inputs:
                    mine: { default: { get_property: [SOURCE, size] } }
                    theirs: { default: { get_property: [TARGET, size] } }
        node_templates:
          sized:
            type: my.Sized
          a:
            type: my.Node
            properties: { label: given }
            relationships:
              - { type: my.rel, target: sized }
          b:
            type: my.Sized
            relationships:
              - { type: my.rel, target: a }
          c:
            type: my.Node
        """)

    private func propertyDiagnostics(_ text: String) throws -> [Diagnostic] {
        let path = try temporaryBlueprint(text, files: ["scripts/create.sh": "#!/bin/sh\n"])
        let loaded = BlueprintLoader.load(path: path)
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        #expect(!loaded.diagnostics.hasErrors, "the type's checks alone find nothing: \(describe(loaded.diagnostics))")
        return DryRun.diagnostics(blueprint: blueprint, deployment: "demo")
            .filter { [.unknownFunctionProperty, .missingValuePath, .missingPropertyInTypeDefault].contains($0.code) }
    }

    @Test func propertiesThatDefaultsReadAreCheckedInTheTemplatesThatTakeThem() throws {
        let text = Self.readsProperties
        let found = try propertyDiagnostics(text)
        #expect(found.count == 6, "\(describe(found))")
        func diagnostic(at fragment: String) throws -> Diagnostic {
            try #require(found.first { $0.range.start.line == line(of: fragment, in: text) }, "nothing at \(fragment): \(describe(found))")
        }

        let size = try diagnostic(at: "size: { default: { get_property: [SELF")
        #expect(size.code == .unknownFunctionProperty && size.severity == .error)
        #expect(size.message == "get_property refers to unknown property 'size' of node template 'a'")
        #expect(size.notes.first?.message == "this is a default of node type 'my.Node', which node template 'a' takes")

        // a gives its label: the default is reported in c, which takes it.
        let label = try diagnostic(at: "label: {")
        #expect(label.code == .unknownFunctionProperty && label.message.hasSuffix("of node template 'c'"))
        #expect(label.notes.first?.message == "this is a default of node type 'my.Node', which node template 'c' takes")

        let host = try diagnostic(at: "host: {")
        #expect(host.code == .missingValuePath && host.severity == .error)
        #expect(host.message == "'a.conf' has no key \"host\"")

        let mine = try diagnostic(at: "mine: {")
        #expect(mine.code == .unknownFunctionProperty && mine.severity == .error)
        #expect(mine.message == "get_property refers to unknown property 'size' of node template 'a'")
        #expect(mine.notes.first?.message == "this is a default of relationship type 'my.rel', which the relationship from 'a' to 'sized' takes")

        // From a to sized, TARGET has a size; from b to a, it has none.
        let theirs = try diagnostic(at: "theirs: {")
        #expect(theirs.code == .unknownFunctionProperty && theirs.severity == .error)
        #expect(theirs.notes.first?.message == "this is a default of relationship type 'my.rel', which the relationship from 'b' to 'a' takes")

        let peer = try diagnostic(at: "peer_size: {")
        #expect(peer.code == .missingPropertyInTypeDefault && peer.severity == .warning)
        #expect(peer.message.hasPrefix("get_property refers to unknown property 'size' of node template 'a'; Cloudify does not check a relationship's properties"))
    }

    @Test func propertiesEveryTakerHasAreNotReported() throws {
        let everyoneSized = Self.readsProperties
            .replacingOccurrences(of: "  my.Node:\n    derived_from: cloudify.nodes.Root\n", with: "  my.Node:\n    derived_from: my.Sized\n")
            .replacingOccurrences(of: "{ get_property: [SELF, name] }", with: "{ get_property: [SELF, size] }")
            .replacingOccurrences(of: "[SELF, conf, host]", with: "[SELF, conf, port]")
        #expect(try propertyDiagnostics(everyoneSized).isEmpty)
    }
}
