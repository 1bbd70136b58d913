import Blueprint
import Diagnostics
import Engine
import Testing

/// A get_input given to an operation input declared integer, float, boolean, list, dict or
/// regex is checked against that type with the bound inputs, strictly, as Cloudify's plan
/// preparation checks it (its test_get_input_invalid_datatypes).
@Suite struct TypedOperationInputTests {
    static let text = pluginBlueprint("""
        inputs:
          word: {default: fox}
          whole: {default: 3}
          written: {default: '3.5'}
          flag: {default: true}
          items: {default: [a]}
        node_types:
          t:
            derived_from: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  implementation: scripts/create.sh
                  inputs:
                    ratio: {type: float, default: 1.0}
                    count: {type: integer, default: 1}
                    names: {type: list, default: []}
                    label: {type: string, default: x}
        node_templates:
          n:
            type: t
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  inputs:
                    ratio: {get_input: INPUT_RATIO}
                    count: {get_input: INPUT_COUNT}
                    names: {get_input: items}
                    label: {get_input: whole}
        """)

    private func errors(ratio: String, count: String) throws -> [Diagnostic] {
        let text = Self.text.replacingOccurrences(of: "INPUT_RATIO", with: ratio).replacingOccurrences(of: "INPUT_COUNT", with: count)
        let path = try temporaryBlueprint(text, files: ["scripts/create.sh": "#!/bin/sh\n"])
        let loaded = BlueprintLoader.load(path: path)
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        return DryRun.diagnostics(blueprint: blueprint, deployment: "demo").filter { $0.severity == .error }
    }

    @Test func valuesOfTheDeclaredTypeAreFine() throws {
        // An integer is a float; anything is a string.
        #expect(try errors(ratio: "whole", count: "whole").isEmpty)
    }

    @Test func aValueOfAnotherTypeIsAnErrorAtTheGetInput() throws {
        let found = try errors(ratio: "word", count: "flag")
        #expect(found.map(\.message) == [
            "input 'ratio' of operation 'create' of node template 'n' is declared float, but get_input: word is a string (\"fox\")",
            "input 'count' of operation 'create' of node template 'n' is declared integer, but get_input: flag is a boolean (true)",
        ])
        #expect(found.allSatisfy { $0.code.id == "BV0201" })
    }

    @Test func textThatLooksLikeANumberIsNoNumber() throws {
        #expect(try errors(ratio: "written", count: "whole").count == 1)
    }
}
