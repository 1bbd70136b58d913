import Testing
import YAMLSource

/// Documents in a stream, empty files, unreadable files, and the limits that keep hostile input
/// from hanging or exhausting memory. Every case ends in a diagnostic, none in a crash.
@Suite struct StreamAndLimitTests {
    @Test func severalDocumentsAreAllReturnedWithOneWarning() throws {
        let result = Fixtures.load("several-documents.yaml")
        #expect(result.documents.count == 3)
        #expect(result.documents.map { $0.pairs?.first?.key.string } == ["first", "second", "third"])
        let warning = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(warning.code == .multipleDocuments)
        #expect(warning.severity == .warning)
        #expect(warning.range.start == SourceLocation(line: 2, column: 1))
    }

    @Test(arguments: ["empty.yaml", "comments-only.yaml"])
    func fileWithoutContentHasNoDocuments(_ name: String) {
        let result = Fixtures.load(name)
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func explicitEmptyDocumentIsNull() {
        let result = YAMLLoader.load(string: "---\n", file: "t.yaml")
        #expect(result.documents.map { $0.scalar?.value } == [.null])
    }

    @Test func deepNestingIsRefused() throws {
        let depth = 10_000
        let flowLists = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let flowMaps = String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth)
        for text in [flowLists, flowMaps] {
            let result = YAMLLoader.load(string: text, file: "deep.yaml")
            let diagnostic = try #require(result.diagnostics.first)
            #expect(result.diagnostics.count == 1)
            #expect(diagnostic.code == .nestingTooDeep)
            #expect(diagnostic.range.start.line == 1)
            #expect(result.documents.isEmpty)
        }
    }

    @Test func deepBlockNestingIsRefused() throws {
        let limits = YAMLLimits(maxDepth: 20, maxDocumentBytes: 1 << 20, maxAliasExpansion: 1000)
        let text = (0..<40).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
        let result = YAMLLoader.load(string: text, file: "deep.yaml", limits: limits)
        #expect(result.diagnostics.map(\.code) == [.nestingTooDeep])
        #expect(result.diagnostics.first?.range.start == SourceLocation(line: 21, column: 21))
    }

    @Test func nestingWithinTheLimitLoads() {
        let depth = YAMLLimits.standard.maxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let result = YAMLLoader.load(string: text, file: "deep.yaml")
        #expect(result.diagnostics.isEmpty)
        var node = result.documents.first
        var levels = 0
        while let items = node?.items {
            levels += 1
            node = items.first
        }
        #expect(levels == depth)
    }

    @Test func aliasBombIsRefused() throws {
        let result = Fixtures.load("alias-bomb.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.code == .aliasExpansionLimit)
        #expect(diagnostic.range.start == SourceLocation(line: 7, column: 8))
        #expect(result.documents.isEmpty)
    }

    @Test func aliasBudgetCountsNodesNotAliases() {
        let limits = YAMLLimits(maxDepth: 64, maxDocumentBytes: 1 << 20, maxAliasExpansion: 10)
        let withinBudget = YAMLLoader.load(string: "a: &a [1, 2, 3, 4]\nb: *a\nc: *a\n", file: "t.yaml", limits: limits)
        #expect(withinBudget.diagnostics.isEmpty)
        let overBudget = YAMLLoader.load(string: "a: &a [1, 2, 3, 4]\nb: *a\nc: *a\nd: *a\n", file: "t.yaml", limits: limits)
        #expect(overBudget.diagnostics.map(\.code) == [.aliasExpansionLimit])
        #expect(overBudget.diagnostics.first?.range.start.line == 4)
    }

    @Test func oversizedInputIsRefusedBeforeParsing() {
        let limits = YAMLLimits(maxDepth: 64, maxDocumentBytes: 100, maxAliasExpansion: 10)
        let text = String(repeating: "key: value\n", count: 20)
        #expect(YAMLLoader.load(string: text, file: "big.yaml", limits: limits).diagnostics.map(\.code) == [.fileTooLarge])
        #expect(YAMLLoader.load(bytes: Array(text.utf8), file: "big.yaml", limits: limits).diagnostics.map(\.code) == [.fileTooLarge])
        let file = Fixtures.load("merge.yaml", limits: limits)
        #expect(file.diagnostics.map(\.code) == [.fileTooLarge])
        #expect(file.documents.isEmpty)
    }

    @Test func missingFile() throws {
        let result = YAMLLoader.load(contentsOf: Fixtures.path("no-such-file.yaml"))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .unreadableFile)
        #expect(diagnostic.message == "cannot open '\(Fixtures.path("no-such-file.yaml"))': no such file")
        #expect(diagnostic.range.file == Fixtures.path("no-such-file.yaml"))
        #expect(result.documents.isEmpty)
    }

    @Test func directoryIsNotAFile() throws {
        let result = YAMLLoader.load(contentsOf: Fixtures.directory)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .unreadableFile)
        #expect(diagnostic.message.hasSuffix("is a directory, not a YAML file"))
    }
}
