import Foundation
import Testing
import TestSupport

/// docs/diagnostics.md must document every code the program can print, and only those.
@Suite struct DiagnosticsDocTests {
    static func catalog() throws -> [(code: String, summary: String)] {
        let result = try BluevirtProcess.run(["explain", "--json"])
        try #require(result.status == 0, "\(result.standardError)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: String]])
        return entries.compactMap { entry in entry["code"].map { ($0, entry["summary"] ?? "") } }
    }

    @Test func codesAreUniqueAndWellFormed() throws {
        let codes = try Self.catalog().map(\.code)
        #expect(codes.count > 50)
        #expect(Set(codes).count == codes.count, "a code is declared twice")
        for code in codes {
            #expect(code.wholeMatch(of: /BV\d{4}/) != nil, "\(code) is not of the form BVnnnn")
        }
    }

    @Test func everyCodeIsDocumented() throws {
        let doc = try String(contentsOf: BluevirtProcess.repositoryRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let documented = Set(doc.matches(of: /(?m)^### (BV\d{4})/).map { String($0.output.1) })
        let declared = Set(try Self.catalog().map(\.code))
        #expect(declared.subtracting(documented).sorted() == [], "codes missing from docs/diagnostics.md")
        #expect(documented.subtracting(declared).sorted() == [], "docs/diagnostics.md documents codes that do not exist")
    }

    /// `explain` and every printed diagnostic link to docs/diagnostics.md#bvNNNN.
    @Test func everyDocumentedCodeHasTheAnchorExplainLinksTo() throws {
        let doc = try String(contentsOf: BluevirtProcess.repositoryRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let anchored = Set(doc.matches(of: /<a id="(bv\d{4})"><\/a>\s*\n### BV\d{4}/).map { String($0.output.1).uppercased() })
        let documented = Set(doc.matches(of: /(?m)^### (BV\d{4})/).map { String($0.output.1) })
        #expect(documented.subtracting(anchored).sorted() == [], "headings without the <a id> anchor just above them")
        // An installed bluevirt has no docs folder: explain prints the code's section itself.
        let explained = try BluevirtProcess.run(["explain", "BV0845"])
        let section = try #require(doc.firstRange(of: "<a id=\"bv0845\"></a>").map { doc[$0.upperBound...] })
        let fix = try #require(section.firstRange(of: "**Fix:**").map { String(section[$0.lowerBound...].prefix { $0 != "\n" }) })
        #expect(explained.standardOutput.hasPrefix("BV0845  "), "\(explained.standardOutput)")
        #expect(explained.standardOutput.contains(fix), "\(explained.standardOutput)")
        #expect(!explained.standardOutput.contains("### BV0845") && !explained.standardOutput.contains("BV0846"), "\(explained.standardOutput)")
    }

    @Test func explainNamesOneCodeAndSuggestsOnTypos() throws {
        let one = try BluevirtProcess.run(["explain", "bv0107"])
        #expect(one.status == 0)
        #expect(one.standardOutput.contains("BV0107  unknown node type"))
        // --json with a code carries what the text prints: the section, with its fix.
        let oneJSON = try BluevirtProcess.run(["explain", "bv0107", "--json"])
        #expect(oneJSON.status == 0, "\(oneJSON.standardError)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(oneJSON.standardOutput.utf8)) as? [[String: String]])
        #expect(entries.count == 1 && entries.first?["code"] == "BV0107")
        #expect(entries.first?["section"]?.contains("**Fix:** Correct the name") == true, "\(oneJSON.standardOutput)")
        let typo = try BluevirtProcess.run(["explain", "BV9999"])
        #expect(typo.status == 2)
        #expect(typo.standardError.contains("error: unknown diagnostic code 'BV9999'"))
        #expect(!typo.standardError.contains("Usage: bluevirt <subcommand>"), "\(typo.standardError)")
    }
}
