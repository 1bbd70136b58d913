import Blueprint
import Diagnostics
import Engine
import Testing

/// `merge` and the string functions with arguments given by get_input or get_property: Cloudify
/// evaluates them when it prepares the plan and fails on a value of the wrong type or one out
/// of range; validate and dry-run report them at the argument once the inputs are bound, in
/// node properties, a libvirt node's params, operation inputs and outputs, instead of a null.
@Suite struct ComputedArgumentTests {
    static let text = pluginBlueprint("""
        inputs:
          index: {type: integer, default: 1}
          text_index: {type: string, default: "1"}
          separator: {default: ","}
          extra: {default: {b: 2}}
        node_types:
          t:
            derived_from: cloudify.nodes.Root
            properties:
              part: {default: ""}
        node_templates:
          vm:
            type: t
            properties:
              part: {string_split: ["a,b,c", {get_input: separator}, {get_input: index}]}
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  implementation: scripts/create.sh
                  inputs:
                    options: {merge: [{a: 1}, {get_input: extra}]}
          net:
            type: cloudify.libvirt.network
            properties:
              params:
                dev: {string_split: ["br0,br1", ",", {get_input: index}]}
        outputs:
          found: {value: {string_find: [{get_property: [vm, part]}, b]}}
          text: {value: {string_split: ["a,b,c", ",", {get_input: text_index}]}}
        """)

    private func diagnostics(_ inputs: [String]) throws -> [Diagnostic] {
        let path = try temporaryBlueprint(Self.text, files: ["scripts/create.sh": "#!/bin/sh\n"])
        let provided = inputs.compactMap { ProvidedInput.parse(assignment: $0).0 }
        let loaded = BlueprintLoader.load(path: path, inputs: provided)
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        return DryRun.diagnostics(blueprint: blueprint, deployment: "demo")
    }

    private func lines(_ found: [Diagnostic]) -> [String] {
        found.map { "\($0.code.id) \($0.range.start.line):\($0.range.start.column) \($0.message)" }
    }

    @Test func anIndexGivenAsTextIsReportedAtTheArgument() throws {
        let found = errors(try diagnostics([]))
        // Only the output whose index input is declared a string.
        #expect(lines(found).count == 1, "\(lines(found))")
        let text = try #require(found.first)
        #expect(text.code == .functionArgumentType)
        #expect(text.message == "argument 3 of string_split must be an integer, but it is a string (\"1\")")
        #expect(text.notes.first?.message.hasPrefix("the value comes from get_input: text_index") == true, "\(text.notes)")
    }

    @Test func valuesThatCannotBeUsedAreReportedWhereverTheyAre() throws {
        let found = errors(try diagnostics(["index=5", "extra=[1]", "text_index=x"]))
        // The node property, the params (by its document), the operation input and the output
        // (vm.part is wrong already, so the output reading it says nothing more).
        let byLine = Dictionary(grouping: found, by: \.range.start.line)
        #expect(found.contains { $0.code == .functionEvaluationFailed && $0.message == "string_split index 5 is out of range: \"a,b,c\" splits into 3 parts" },
                "\(lines(found))")
        #expect(found.contains { $0.code == .functionEvaluationFailed && $0.message.contains("\"br0,br1\" splits into 2 parts") }, "\(lines(found))")
        #expect(found.contains { $0.code == .functionArgumentType && $0.message.contains("merge takes maps, but this item evaluates to a list") },
                "\(lines(found))")
        #expect(found.contains { $0.message.contains("string (\"x\")") }, "\(lines(found))")
        #expect(byLine.values.allSatisfy { $0.count == 1 }, "each is reported once: \(lines(found))")
    }
}
