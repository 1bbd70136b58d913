import Testing
import YAMLSource

/// Aliases are expanded and merge keys applied, so later stages see neither.
@Suite struct AnchorAndMergeTests {
    @Test func aliasesRepeatTheAnchoredNode() throws {
        let result = Fixtures.load("anchors.yaml")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.documents.first)
        let first = try #require(root["first"])
        #expect(first == root["defaults"])
        #expect(first["vcpus"]?.scalar?.value == .int(2))
        // The copy keeps the range of the anchored original, which starts at its anchor.
        #expect(first.range.compact == "1:11-3:15")
        #expect(root["second"]?["list"]?.items?.compactMap(\.string) == ["a", "b"])
    }

    @Test func mergeOfOneMappingExplicitKeysWin() throws {
        let result = Fixtures.load("merge.yaml")
        #expect(result.diagnostics.isEmpty)
        let single = try #require(result.documents.first?["single"])
        #expect(single.pairs?.map(\.key.string) == ["vcpus", "disk", "memory"])
        #expect(single["memory"]?.scalar?.value == .int(2048))
        #expect(single["vcpus"]?.scalar?.value == .int(2))
        #expect(single["disk"]?.scalar?.value == .int(10))
    }

    @Test func mergeOfAListEarlierMapsWin() throws {
        let result = Fixtures.load("merge.yaml")
        let list = try #require(result.documents.first?["list"])
        #expect(list.pairs?.map(\.key.string) == ["memory", "network", "vcpus", "disk"])
        #expect(list["memory"]?.scalar?.value == .int(4096))
        #expect(list["disk"]?.scalar?.value == .int(20))
        #expect(list["network"]?.string == "default")
        #expect(list["<<"] == nil)
    }

    @Test func mergeOfAnInlineMapping() {
        let result = YAMLLoader.load(string: "m:\n  <<: {a: 1, b: 2}\n  b: 3\n", file: "t.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.first?["m"]?.pairs?.map { $0.value.scalar?.value } == [.int(1), .int(3)])
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() {
        let result = YAMLLoader.load(string: "m:\n  '<<': {a: 1}\n", file: "t.yaml")
        #expect(result.documents.first?["m"]?["<<"]?["a"]?.scalar?.value == .int(1))
    }

    @Test func mergeKeyTaggedOtherwiseIsAnOrdinaryKey() {
        let result = YAMLLoader.load(string: "m:\n  !!str <<: {a: 1}\n", file: "t.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.first?["m"]?["<<"]?["a"]?.scalar?.value == .int(1))
        #expect(result.documents.first?["m"]?["a"] == nil)
    }

    @Test func mergeKeyTaggedMergeMerges() {
        let result = YAMLLoader.load(string: "m:\n  !!merge <<: {a: 1}\n  b: 2\n", file: "t.yaml")
        #expect(result.documents.first?["m"]?["a"]?.scalar?.value == .int(1))
        #expect(result.documents.first?["m"]?["<<"] == nil)
    }

    @Test func mergeOfAScalarIsAnError() throws {
        let result = YAMLLoader.load(string: "m:\n  <<: 5\n  a: 1\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.code == .invalidMerge)
        #expect(diagnostic.range.compact == "2:7-2:8")
        #expect(diagnostic.message.contains("an integer"))
        #expect(result.documents.first?["m"]?.pairs?.map(\.key.string) == ["a"])
    }

    @Test func mergeListWithAScalarItemIsAnError() {
        let result = YAMLLoader.load(string: "b: &b {x: 1}\nm:\n  <<: [*b, oops]\n", file: "t.yaml")
        #expect(result.diagnostics.map(\.code) == [.invalidMerge])
        #expect(result.diagnostics.first?.range.compact == "3:12-3:16")
        #expect(result.documents.first?["m"]?["x"]?.scalar?.value == .int(1))
    }

    @Test func unknownAliasIsAnError() throws {
        let result = YAMLLoader.load(string: "a: *missing\nb: 2\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .unknownAlias)
        #expect(diagnostic.message == "unknown alias '*missing'")
        #expect(diagnostic.range.compact == "1:4-1:12")
        // The rest of the document is still read.
        #expect(result.documents.first?["b"]?.scalar?.value == .int(2))
    }

    @Test func aliasInsideItsOwnAnchorIsAnError() {
        let result = YAMLLoader.load(string: "a: &loop [1, *loop]\n", file: "t.yaml")
        #expect(result.diagnostics.map(\.code) == [.recursiveAlias])
    }

    @Test func anchorsDoNotCrossDocuments() {
        let result = YAMLLoader.load(string: "a: &x 1\n---\nb: *x\n", file: "t.yaml")
        #expect(result.diagnostics.map(\.code) == [.multipleDocuments, .unknownAlias])
    }
}
