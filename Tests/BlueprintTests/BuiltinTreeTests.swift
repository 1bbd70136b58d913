import Testing
import YAMLSource
@testable import Blueprint

/// The built-in definitions are read from trees archived when bluevirt was built; each must be
/// exactly the tree that parsing the file's text gives, ranges included.
@Suite struct BuiltinTreeTests {
    @Test func everyBuiltinYAMLFileHasATree() {
        let yamlFiles = EmbeddedGrammar.files.keys.filter { $0.hasSuffix(".yaml") }
        #expect(!yamlFiles.isEmpty)
        #expect(Set(EmbeddedGrammar.trees.keys) == Set(yamlFiles))
    }

    @Test(arguments: EmbeddedGrammar.trees.keys.sorted())
    func theArchivedTreeIsTheParsedTree(key: String) throws {
        let path = BuiltinImports.displayPath(forKey: key)
        let text = try #require(EmbeddedGrammar.files[key])
        let parsed = YAMLLoader.load(string: text, file: path)
        #expect(parsed.diagnostics.isEmpty)
        let archive = try #require(EmbeddedGrammar.trees[key])
        let archived = try #require(NodeArchive.decode(archive, file: path))
        #expect(archived == parsed.documents.first)
        #expect(BuiltinImports.tree(forKey: key, text: text, path: path, limits: .standard).documents == parsed.documents)
    }

    /// Each built-in file read with its types in outline, every outline then read whole from
    /// its offset, is the parsed tree; an outline keeps derived_from alone.
    @Test(arguments: EmbeddedGrammar.trees.keys.sorted())
    func theOutlinedTreeReadsBackWhole(key: String) throws {
        let path = BuiltinImports.displayPath(forKey: key)
        let text = try #require(EmbeddedGrammar.files[key])
        let parsed = try #require(YAMLLoader.load(string: text, file: path).documents.first)
        let outlined = try #require(BuiltinImports.outlinedTree(forKey: key, path: path))
        var sections = try #require(outlined.root.pairs)
        for index in sections.indices {
            guard let section = sections[index].key.string, OutlinedDefinitions.sections.contains(section) else { continue }
            var entries = try #require(sections[index].value.pairs)
            for entryIndex in entries.indices {
                let name = try #require(entries[entryIndex].key.string)
                #expect(entries[entryIndex].value.pairs?.allSatisfy { $0.key.string == OutlinedDefinitions.keptKey } == true)
                let archived = try #require(outlined.definitions.archivedValue(section: section, name: name))
                entries[entryIndex].value = try #require(archived.read())
            }
            sections[index].value = Node(.mapping(entries), range: sections[index].value.range)
        }
        #expect(Node(.mapping(sections), range: outlined.root.range) == parsed)
    }
}
