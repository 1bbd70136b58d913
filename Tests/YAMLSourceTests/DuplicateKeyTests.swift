import Testing
import YAMLSource

/// A key written twice in one mapping is an error at the second, with a note at the first.
@Suite struct DuplicateKeyTests {
    @Test func secondOccurrenceIsTheErrorWithANoteAtTheFirst() throws {
        let result = Fixtures.load("duplicate-keys.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.code == .duplicateKey)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "duplicate key 'vcpus' in this mapping")
        #expect(diagnostic.range.compact == "6:7-6:12")
        #expect(diagnostic.notes.first?.range?.compact == "5:7-5:12")
        // The first value stays; the duplicate is dropped so later stages do not trip over it again.
        let properties = result.documents.first?["node_templates"]?["vm"]?["properties"]
        #expect(properties?.pairs?.count == 1)
        #expect(properties?["vcpus"]?.scalar?.value == .int(2))
    }

    @Test func keysCompareByValue() {
        let result = YAMLLoader.load(string: "1: a\n0x1: b\nname: c\n'name': d\n", file: "t.yaml")
        #expect(result.diagnostics.map(\.code) == [.duplicateKey, .duplicateKey])
        #expect(result.diagnostics.map(\.range.start.line) == [2, 4])
    }

    @Test func distinctTypesAreDistinctKeys() {
        let result = YAMLLoader.load(string: "1: a\n'1': b\ntrue: c\n'true': d\n", file: "t.yaml")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func largeMappingsFindDuplicatesToo() {
        var yaml = (0..<50).map { "key\($0): \($0)\n" }.joined()
        yaml += "key7: again\nkey31: again\n"
        let result = YAMLLoader.load(string: yaml, file: "t.yaml")
        #expect(result.diagnostics.map(\.code) == [.duplicateKey, .duplicateKey])
        #expect(result.diagnostics.map(\.range.start.line) == [51, 52])
        #expect(result.diagnostics.compactMap(\.notes.first?.range?.start.line) == [8, 32])
        #expect(result.documents.first?.pairs?.count == 50)
    }

    @Test func aMergeKeyIsNoStringKey() {
        // A plain << merges; a quoted one is the string key "<<", which two quoted ones repeat.
        let merge = YAMLLoader.load(string: "b: &b {x: 1}\nm:\n  <<: *b\n  '<<': 2\n", file: "t.yaml")
        #expect(merge.diagnostics.isEmpty)
        let quoted = YAMLLoader.load(string: "m:\n  '<<': 1\n  \"<<\": 2\n", file: "t.yaml")
        #expect(quoted.diagnostics.map(\.code) == [.duplicateKey])
        let nulls = YAMLLoader.load(string: "~: 1\nnull: 2\n", file: "t.yaml")
        #expect(nulls.diagnostics.map(\.code) == [.duplicateKey])
    }

    @Test func mergedKeysAreNotDuplicates() {
        let result = YAMLLoader.load(string: "b: &b {x: 1}\nm:\n  <<: *b\n  x: 2\n", file: "t.yaml")
        #expect(result.diagnostics.isEmpty)
    }
}
