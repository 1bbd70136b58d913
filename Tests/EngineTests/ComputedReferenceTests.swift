import Blueprint
import Diagnostics
import Engine
import Testing

/// `get_property` with a node or property name given by a function: a name that finds nothing
/// is an error once the inputs are bound, as Cloudify's plan preparation fails on it
/// (its test_nested_functions_calls); one that finds something is not.
@Suite struct ComputedReferenceTests {
    static let text = pluginBlueprint("""
        inputs:
          name: {default: port}
          node: {default: vm}
        node_types:
          t:
            derived_from: cloudify.nodes.Root
            properties:
              port: {default: 8080}
              other: {default: 1}
        relationships:
          labelled:
            derived_from: cloudify.relationships.depends_on
            properties:
              label: {default: none}
        node_templates:
          vm:
            type: t
            properties:
              other: {get_property: [vm, {get_input: name}]}
          net:
            type: cloudify.libvirt.network
            properties:
              params:
                dev: {concat: [br, {get_property: [{get_input: node}, {get_input: name}]}]}
            relationships:
              - type: labelled
                target: vm
                properties:
                  label: {get_property: [{get_input: node}, {get_input: name}]}
        outputs:
          port: {value: {get_property: [{get_input: node}, {get_input: name}]}}
          fixed: {value: {get_property: [{get_input: node}, port]}}
        """)

    private func diagnostics(_ inputs: [String]) throws -> [Diagnostic] {
        let path = try temporaryBlueprint(Self.text)
        let provided = inputs.compactMap { ProvidedInput.parse(assignment: $0).0 }
        let loaded = BlueprintLoader.load(path: path, inputs: provided)
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        return DryRun.diagnostics(blueprint: blueprint, deployment: "demo")
    }

    @Test func namesThatFindAPropertyAreFine() throws {
        #expect(errors(try diagnostics([])).isEmpty)
    }

    @Test func aNameThatFindsNothingIsReportedOnceWhereItIsComputed() throws {
        let found = errors(try diagnostics(["name=nope"]))
        let lines = found.map { "\($0.code.id) \($0.range.start.line):\($0.range.start.column) \($0.message)" }
        // The node property, the libvirt params (by its document), the relationship property and the output.
        #expect(found.count == 4, "\(lines)")
        #expect(found.allSatisfy { $0.code.id == "BV0305" }, "\(lines)")
        #expect(found.allSatisfy { $0.message.contains("property 'nope' of node template 'vm'") }, "\(lines)")
        #expect(Set(found.map(\.range.start.line)).count == 4, "\(lines)")
        #expect(found.contains { $0.notes.first?.message == "the property's name is computed here: 'nope'" }, "\(lines)")
    }

    @Test func aComputedNodeNameThatFindsNothingNamesTheNode() throws {
        let found = errors(try diagnostics(["node=nobody"]))
        #expect(!found.isEmpty && found.allSatisfy { $0.message.contains("of node template 'nobody'") }, "\(describe(found))")
        #expect(found.contains { $0.notes.first?.message == "the node template's name and the property's are computed here: 'nobody', 'port'" },
                "\(describe(found))")
        #expect(found.contains { $0.notes.first?.message == "the node template's name is computed here: 'nobody'" }, "\(describe(found))")
    }
}
