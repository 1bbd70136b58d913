import Foundation
import Testing
import YAMLSource

/// Documents in a stream, empty files, unreadable files, and the limits that keep hostile input
/// from hanging or exhausting memory. Every case ends in a diagnostic, none in a crash.
@Suite struct StreamAndLimitTests {
    @Test func severalDocumentsAreAllReturnedWithOneError() throws {
        let result = Fixtures.load("several-documents.yaml")
        #expect(result.documents.count == 3)
        #expect(result.documents.map { $0.pairs?.first?.key.string } == ["first", "second", "third"])
        let error = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(error.code == .multipleDocuments)
        #expect(error.severity == .error)
        #expect(error.range.compact == "2:1-2:4")
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

    @Test func aliasesCannotStackNestingBeyondTheLimit() throws {
        let limits = YAMLLimits(maxDepth: 10, maxDocumentBytes: 1 << 20, maxAliasExpansion: 1000)
        let deep = String(repeating: "[", count: 6) + String(repeating: "]", count: 6)
        let ok = YAMLLoader.load(string: "a: &a \(deep)\nb: *a\n", file: "t.yaml", limits: limits)
        #expect(ok.diagnostics.isEmpty)
        let text = "a: &a \(deep)\nb: &b [[*a]]\nc: [[*b]]\n"
        let result = YAMLLoader.load(string: text, file: "t.yaml", limits: limits)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .nestingTooDeep)
        #expect(diagnostic.range.start == SourceLocation(line: 3, column: 6))
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

    @Test func largeFileIsReadWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-yaml-\(UUID().uuidString).yaml").path
        let text = (0..<5_000).map { "key\($0): value \($0)\n" }.joined()
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = YAMLLoader.load(contentsOf: path)
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.first?.pairs?.count == 5_000)
        #expect(result.documents.first?["key4999"]?.string == "value 4999")
    }

    #if os(Linux)
    @Test func fileReportingSizeZeroIsReadToItsEnd() {
        // /proc files report a size of 0 yet have content; this one happens to be YAML.
        let result = YAMLLoader.load(contentsOf: "/proc/self/status")
        #expect(result.documents.first?["Name"] != nil)
    }
    #endif

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

    @Test func aDashIsNamedAsStandardInputNotAMissingFile() throws {
        // `bluevirt validate -` said "cannot open '-': no such file".
        let diagnostic = try #require(YAMLLoader.load(contentsOf: "-").diagnostics.first)
        #expect(diagnostic.code == .unreadableFile)
        #expect(diagnostic.message == "'-' (standard input) cannot be read as a file here")
        #expect(diagnostic.notes.first?.message.hasPrefix("save the YAML to a file and name that") == true)
    }

    @Test func aDirectoryIsAnsweredWithTheFilesItHolds() throws {
        // The note said "name the blueprint file inside it, such as 'DIR/blueprint.yaml'" for an
        // --inputs directory too, and named a file that need not exist.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bv-dir-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let empty = try #require(YAMLLoader.load(contentsOf: directory).diagnostics.first)
        #expect(empty.notes.map(\.message) == ["name a YAML file instead; this directory holds none"])
        for name in ["prod.yaml", "dev.json", "README.md"] {
            #expect(FileManager.default.createFile(atPath: directory + "/" + name, contents: Data()))
        }
        let full = try #require(YAMLLoader.load(contentsOf: directory + "/").diagnostics.first)
        #expect(full.notes.map(\.message) == ["name a file inside it: '\(directory)/dev.json', '\(directory)/prod.yaml'"])
    }
}
