import Testing
import YAMLSource

/// A tree read back from its archive is the tree that was archived: every kind of node, scalar
/// style and value, with its ranges; a damaged archive reads as nil, never as another tree.
@Suite struct NodeArchiveTests {
    private func parsed(_ text: String, file: String = "archive.yaml") throws -> Node {
        let loaded = YAMLLoader.load(string: text, file: file)
        #expect(loaded.diagnostics.isEmpty)
        return try #require(loaded.documents.first)
    }

    @Test func everyKindOfScalarAndCollectionComesBack() throws {
        let tree = try parsed("""
            plain: text
            null_value: ~
            empty:
            booleans: [true, false]
            integers: [0, 1, -1, 0x1F, 9223372036854775807, -9223372036854775808]
            floats: [1.5, -0.0, .inf, -.inf, 6.02e+23]
            quoted: ['single', "double \\t tab", "\\u00e9t\\u00e9"]
            number_as_string: "12"
            literal: |
              line one
              line two
            folded: >
              folded
              text
            non_ascii: café ☕ 日本
            nested: {a: [1, {b: []}], c: {}}
            ? [complex, key]
            : value
            """)
        let archive = NodeArchive.encode(tree)
        #expect(archive.allSatisfy { $0 < 0x80 })
        let back = try #require(NodeArchive.decode(String(decoding: archive, as: UTF8.self), file: "archive.yaml"))
        #expect(back == tree)
        #expect(back.range == tree.range)
        #expect(back["non_ascii"]?.string == "café ☕ 日本")
        #expect(back["integers"]?.items?.last?.scalar?.value == .int(Int.min))
        #expect(back["quoted"]?.items?[2].scalar?.style == .doubleQuoted)
    }

    @Test func rangesNameTheFileGivenToDecode() throws {
        let tree = try parsed("a:\n  b: 1\n")
        let back = try #require(NodeArchive.decode(String(decoding: NodeArchive.encode(tree), as: UTF8.self), file: "<built-in>/x.yaml"))
        let inner = try #require(back["a"]?["b"])
        #expect(inner.range.file == "<built-in>/x.yaml")
        #expect(inner.range.compact == "2:6-2:7")
    }

    /// The PyYAML differential corpus: odd keys, separators, flow contexts and quoting.
    @Test func everyCleanlyParsedCorpusTextComesBack() throws {
        var checked = 0
        for corpusCase in PyYAMLCorpus.cases {
            let loaded = YAMLLoader.load(string: corpusCase.text, file: "corpus.yaml")
            guard loaded.diagnostics.isEmpty, loaded.documents.count == 1 else { continue }
            let archive = String(decoding: NodeArchive.encode(loaded.documents[0]), as: UTF8.self)
            #expect(NodeArchive.decode(archive, file: "corpus.yaml") == loaded.documents[0], "\(corpusCase.text)")
            checked += 1
        }
        #expect(checked > 1_000)
    }

    @Test func aDamagedArchiveReadsAsNil() throws {
        let archive = NodeArchive.encode(try parsed("a: [1, two, {b: c}]\n"))
        let text = String(decoding: archive, as: UTF8.self)
        // Cut short anywhere.
        for length in 0..<archive.count {
            #expect(NodeArchive.decode(String(decoding: archive[..<length], as: UTF8.self), file: "x") == nil)
        }
        // Something after the tree, another format version, a byte no archive holds.
        #expect(NodeArchive.decode(text + "\u{0}", file: "x") == nil)
        #expect(text.first == "\u{2}")  // the format version this build writes
        #expect(NodeArchive.decode("\u{1}" + text.dropFirst(), file: "x") == nil)
        #expect(NodeArchive.decode("\u{3}" + text.dropFirst(), file: "x") == nil)
        #expect(NodeArchive.decode(String(text.prefix(3)) + "é" + text.dropFirst(4), file: "x") == nil)
    }

    @Test func nestingBeyondAnyRealFileIsRefused() {
        // A corrupt archive claiming sequences inside sequences without end stops at the depth limit.
        // Version 2; each level a sequence (1), its range, one item and a length of one byte.
        var deep: [UInt8] = [2]
        for _ in 0..<10_000 { deep += [1, 1, 1, 1, 1, 1, 1] }
        #expect(NodeArchive.decode(String(decoding: deep, as: UTF8.self), file: "x") == nil)
    }

    /// The tree with each outlined value put back whole, read from its offset.
    private func restored(_ outlined: NodeArchive.OutlinedTree, archive: String, file: String) throws -> Node {
        var sections = try #require(outlined.root.pairs)
        for index in sections.indices {
            guard let name = sections[index].key.string, let offsets = outlined.offsets[name] else { continue }
            var entries = try #require(sections[index].value.pairs)
            for entryIndex in entries.indices {
                guard let entryName = entries[entryIndex].key.string, let offset = offsets[entryName] else { continue }
                entries[entryIndex].value = try #require(NodeArchive.decodeValue(archive, file: file, at: offset))
            }
            sections[index].value = Node(.mapping(entries), range: sections[index].value.range)
        }
        return Node(.mapping(sections), range: outlined.root.range)
    }

    @Test func outlinedEntriesKeepOneKeyAndReadBackWhole() throws {
        let tree = try parsed("""
            types:
              a: {derived_from: root, properties: {x: {default: [1, "two", 3.5, null, true]}}}
              b: {description: "no parent: an empty outline"}
              scalar_entry: just text
              list_entry: [1, 2]
              1: {derived_from: a}
            other:
              c: {derived_from: kept, whole: yes}
            """)
        let archive = String(decoding: NodeArchive.encode(tree), as: UTF8.self)
        let outlined = try #require(NodeArchive.decodeOutlined(archive, file: "archive.yaml", sections: ["types"], keeping: "derived_from"))
        #expect(outlined.root["types"]?["a"]?.pairs?.map(\.key.string) == ["derived_from"])
        #expect(outlined.root["types"]?["b"]?.pairs?.isEmpty == true)
        // Values that are no mapping, and entries whose name is no string, are read whole.
        #expect(outlined.root["types"]?["scalar_entry"] == tree["types"]?["scalar_entry"])
        #expect(outlined.root["types"]?["list_entry"] == tree["types"]?["list_entry"])
        #expect(outlined.offsets["types"].map { Set($0.keys) } == ["a", "b"])
        #expect(outlined.root["other"] == tree["other"])
        let back = try restored(outlined, archive: archive, file: "archive.yaml")
        #expect(back == tree)
        #expect(back["types"]?["a"]?.range == tree["types"]?["a"]?.range)
    }

    @Test func aNameWrittenTwiceIsNotOutlined() throws {
        let pairs = try #require(parsed("types:\n  a: {derived_from: x}\n").pairs)
        let entry = try #require(pairs.first?.value.pairs?.first)
        let twice = Node(.mapping([Pair(key: pairs[0].key, value: Node(.mapping([entry, entry]), range: pairs[0].value.range))]), range: pairs[0].value.range)
        let archive = String(decoding: NodeArchive.encode(twice), as: UTF8.self)
        #expect(NodeArchive.decodeOutlined(archive, file: "archive.yaml", sections: ["types"], keeping: "derived_from") == nil)
        #expect(NodeArchive.decode(archive, file: "archive.yaml") == twice)
    }

    @Test func aDamagedArchiveIsNotOutlined() throws {
        let tree = try parsed("types:\n  a: {derived_from: x, y: [1, 2, 3]}\n")
        let archive = NodeArchive.encode(tree)
        for length in [0, 1, archive.count / 2, archive.count - 1] {
            let cut = String(decoding: archive.prefix(length), as: UTF8.self)
            #expect(NodeArchive.decodeOutlined(cut, file: "f", sections: ["types"], keeping: "derived_from") == nil)
        }
        #expect(NodeArchive.decodeValue(String(decoding: archive, as: UTF8.self), file: "f", at: archive.count) == nil)
    }
}
