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
}
