import Testing
import YAMLSource

/// Every node, key and collection knows its 1-based start and end in the file.
@Suite struct NodePositionTests {
    let result = Fixtures.load("positions.yaml")
    var root: Node? { result.documents.first }

    @Test func loadsWithoutProblems() {
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 1)
        #expect(root?.range.file == Fixtures.path("positions.yaml"))
    }

    @Test func scalarKeysAndValues() throws {
        let pair = try #require(root?.pairs?.first)
        #expect(pair.key.string == "name")
        #expect(pair.key.range.compact == "2:1-2:5")
        #expect(pair.value.string == "web-server")
        #expect(pair.value.range.compact == "2:7-2:17")
    }

    @Test func flowSequenceAndItsItems() throws {
        let ports = try #require(root?["ports"])
        #expect(ports.range.compact == "3:8-3:17")
        #expect(ports.items?.map(\.range.compact) == ["3:9-3:11", "3:13-3:16"])
        #expect(ports.items?.map { $0.scalar?.value } == [.int(80), .int(443)])
    }

    @Test func blockMappingEndsAtItsLastValue() throws {
        let settings = try #require(root?["settings"])
        #expect(settings.range.compact == "5:3-6:24")
        let label = try #require(settings["label"])
        #expect(label.range.compact == "6:10-6:24")
        #expect(label.scalar?.style == .doubleQuoted)
        #expect(label.string == "quoted value")
    }

    @Test func blockSequence() throws {
        let tags = try #require(root?["tags"])
        #expect(tags.range.compact == "8:3-9:9")
        #expect(tags.items?.map(\.range.compact) == ["8:5-8:10", "9:5-9:9"])
    }

    @Test func rootSpansTheDocument() {
        #expect(root?.range.compact == "2:1-9:9")
        #expect(root?.pairs?.map(\.key.string) == ["name", "ports", "settings", "tags"])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let result = YAMLLoader.load(string: "ünïcödé: [é, x]\n", file: "u.yaml")
        let value = try #require(result.documents.first?["ünïcödé"])
        #expect(value.items?.map(\.range.compact) == ["1:11-1:12", "1:14-1:15"])
    }

    @Test func loadsFromBytesAndStringAlike() {
        let text = "a: [1, 2]\nb: {c: d}\n"
        let fromBytes = YAMLLoader.load(bytes: Array(text.utf8), file: "x.yaml")
        let fromString = YAMLLoader.load(string: text, file: "x.yaml")
        #expect(fromBytes.documents == fromString.documents)
        #expect(fromBytes.documents.count == 1)
    }
}
