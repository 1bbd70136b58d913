import Testing
import TestSupport
import YAMLSource

/// Thousands of damaged variants of the fixtures: each loads to documents or diagnostics with
/// sane positions, and prints, without a crash. Deterministic (a fixed-seed generator).
@Suite struct MutationTests {
    static let seeds = ["positions.yaml", "anchors.yaml", "merge.yaml", "duplicate-keys.yaml", "alias-bomb.yaml", "tabs.yaml"]
    static let fragments: [[UInt8]] = ["[", "]", "{", "}", ":", ",", "- ", "? ", "&a ", "*a", "!!int ", "<<: ", "'", "\"", "|", ">", "#",
                                       "\t", "\n", "  ", "%", "@", "\\", "~", "0x", "---\n", "...\n"].map { Array($0.utf8) } + [[0], [0xFF], [0xC3]]

    @Test func damagedInputNeverCrashes() throws {
        var random = SeededGenerator(state: 2026)
        let texts = try Self.seeds.map { try #require(Fixtures.text($0)) }
        for round in 0..<3_000 {
            var bytes = Array(texts[round % texts.count].utf8)
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let at = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.insert(contentsOf: Self.fragments.randomElement(using: &random)!, at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 30)], at: at)
                }
            }
            let result = YAMLLoader.load(bytes: bytes, file: "m.yaml")
            for diagnostic in result.diagnostics {
                #expect(diagnostic.range.start.line >= 1 && diagnostic.range.start.column >= 1, "round \(round)")
                #expect(diagnostic.range.end >= diagnostic.range.start, "round \(round)")
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let printed = DiagnosticPrinter(color: false) { _ in text }.render(result.diagnostics)
            #expect(result.diagnostics.isEmpty || printed.hasPrefix("m.yaml:"), "round \(round)")
        }
    }
}
