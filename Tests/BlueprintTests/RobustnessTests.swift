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

/// Long reference chains once overflowed the stack or took quadratic time (issue 11).
@Suite("Long chains")
struct LongChainTests {
    static func chain(_ count: Int, closed: Bool) -> String {
        var text = """
            tosca_definitions_version: cloudify_dsl_1_3
            node_types:
              lab.Node:
                properties:
                  v: {}
            node_templates:

            """
        for index in 0..<count {
            let value = index == count - 1 && !closed ? "end" : "{get_property: [n\((index + 1) % count), v]}"
            text += "  n\(index):\n    type: lab.Node\n    properties:\n      v: \(value)\n"
        }
        return text
    }

    @Test func aGetPropertyChainOfTwentyThousandNodesIsChecked() {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        let loaded = files.load("chain.yaml", Self.chain(20_000, closed: false))
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.prefix(3))")
    }

    @Test func aLoopThroughThousandsOfPropertiesIsReportedShort() throws {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        let loaded = files.load("loop.yaml", Self.chain(3_000, closed: true))
        let loops = loaded.diagnostics.filter { $0.code == .propertyReferenceCycle }
        #expect(loops.count == 3_000)
        let first = try #require(loops.first)
        #expect(first.message.contains("more)"))
        #expect(first.message.count < 300)
    }

    @Test func aDerivedFromChainLongerThanTheLimitIsOneError() {
        var text = "tosca_definitions_version: cloudify_dsl_1_3\nnode_types:\n  t0: {}\n"
        for index in 1..<5_000 { text += "  t\(index): {derived_from: t\(index - 1)}\n" }
        text += "node_templates:\n  x: {type: t4999}\n"
        let files = TemporaryBlueprints()
        defer { files.remove() }
        let loaded = files.load("types.yaml", text)
        #expect(loaded.diagnostics.map(\.code) == [.derivationTooDeep])
    }
}
