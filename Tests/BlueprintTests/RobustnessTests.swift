import Foundation
import Testing
import YAMLSource
@testable import Blueprint

/// The loader must answer every input with diagnostics, never a crash: broken copies of the
/// valid fixtures (lines dropped, duplicated, re-indented, cut short) are loaded one by one.
@Suite("Robustness")
struct RobustnessTests {
    /// A small deterministic generator, so a failure can be reproduced.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
    }

    @Test("mutated blueprints give diagnostics, not crashes", arguments: GoldenCorpus.blueprints(in: "valid"))
    func mutations(_ name: String) throws {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        let text = try String(contentsOfFile: GoldenCorpus.fixtures + "/valid/" + name, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var generator = Generator(state: UInt64(name.utf8.count))
        var rejected = 0
        for round in 0..<60 {
            var mutated = lines
            for _ in 0...generator.next(3) {
                let index = generator.next(mutated.count)
                switch generator.next(5) {
                case 0: mutated.remove(at: index)
                case 1: mutated.insert(mutated[index], at: index)
                case 2: mutated[index] = "  " + mutated[index]
                case 3: mutated[index] = String(mutated[index].dropFirst(2))
                default: mutated[index] = String(mutated[index].prefix(mutated[index].count / 2))
                }
                if mutated.isEmpty { mutated = ["{"] }
            }
            let loaded = files.load("m\(round).yaml", mutated.joined(separator: "\n"))
            if loaded.diagnostics.hasErrors {
                rejected += 1
                #expect(loaded.blueprint == nil)
            }
        }
        #expect(rejected > 0)
    }

    @Test("files that are not blueprints are rejected with diagnostics", arguments: [
        "", "# only a comment\n", "- a list\n", "just text\n", "{", "tosca_definitions_version: [1, 2]\n",
        "tosca_definitions_version: cloudify_dsl_1_3\nnode_templates: 5\n",
        "tosca_definitions_version: cloudify_dsl_1_3\nnode_templates:\n  a: {type: x, relationships: [1, [2], {target: a}]}\n",
        "tosca_definitions_version: cloudify_dsl_1_3\nimports: [~, 1, {a: b, c: d}, [x]]\n",
        "tosca_definitions_version: cloudify_dsl_1_3\nnode_types: {a: {derived_from: a, interfaces: {i: {o: {inputs: [1]}}}}}\n",
    ])
    func notBlueprints(_ text: String) {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        let loaded = files.load("odd.yaml", text)
        #expect(loaded.diagnostics.hasErrors)
        #expect(loaded.blueprint == nil)
    }
}
