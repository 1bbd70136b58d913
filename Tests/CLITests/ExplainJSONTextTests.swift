import Foundation
import Testing
@testable import bluevirt

/// `explain --json` was written by JSONSerialization (sorted keys, slashes unescaped); it is
/// written without corelibs Foundation now, and must stay the same bytes.
@Suite struct ExplainJSONTextTests {
    private func serialized(_ entries: [[String: String]]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    @Test func everyCodeAndSectionIsWrittenAsJSONSerializationWroteIt() throws {
        let list = DiagnosticCatalog.all.map { ["code": $0.id, "summary": $0.summary] }
        #expect(ExplainCommand.jsonText(of: list) == (try serialized(list)))
        for code in DiagnosticCatalog.all {
            var entry = ["code": code.id, "summary": code.summary]
            entry["section"] = ExplainCommand.section(of: code)
            #expect(ExplainCommand.jsonText(of: [entry]) == (try serialized([entry])), "\(code.id)")
        }
    }

    @Test func awkwardCharactersAreEscapedAsJSONSerializationEscapedThem() throws {
        let texts = ["a/b </a> http://x", "quote \" backslash \\", "tab\tline\nreturn\r", "\u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}",
                     "é ü 日本 👍🏽 \u{2028}\u{2029} \u{FEFF}", "`code` ‘quoted’ — …", ""]
        let entries = texts.map { ["code": "BV0000", "summary": $0, "section": $0 + "|" + $0] }
        #expect(ExplainCommand.jsonText(of: entries) == (try serialized(entries)))
        #expect(ExplainCommand.jsonText(of: []) == (try serialized([])))
    }
}
