import Testing
import YAMLSource

/// Syntax errors come at libyaml's position, in plain words, with a hint.
@Suite struct SyntaxErrorTests {
    @Test func tabIndentation() throws {
        let result = Fixtures.load("tabs.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.code == .tabIndentation)
        #expect(diagnostic.message == "tabs are not allowed for indentation in YAML")
        #expect(diagnostic.range.start == SourceLocation(line: 3, column: 1))
        #expect(diagnostic.notes.map(\.message) == ["indent with spaces instead of tabs"])
        #expect(result.documents.isEmpty)
    }

    @Test func tabAfterAColonIsFine() {
        let result = YAMLLoader.load(string: "a:\t1\n", file: "t.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.first?["a"]?.scalar?.value == .int(1))
    }

    @Test func badIndentation() throws {
        let result = Fixtures.load("bad-indentation.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .badIndentation)
        #expect(diagnostic.range.start == SourceLocation(line: 4, column: 4))
        #expect(diagnostic.message.hasPrefix("bad indentation"))
        #expect(diagnostic.notes.contains { $0.range != nil })
    }

    @Test func listItemOutOfPlace() throws {
        let result = YAMLLoader.load(string: "list:\n  - a\n  - b\n - c\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .badIndentation)
        #expect(diagnostic.range.start == SourceLocation(line: 4, column: 2))
    }

    @Test func unclosedQuoteIsReportedWhereTheStringStarts() throws {
        let result = Fixtures.load("unclosed-quote.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .unclosedConstruct)
        #expect(diagnostic.message == "unclosed quoted string")
        #expect(diagnostic.range.start == SourceLocation(line: 3, column: 14))
    }

    @Test func unclosedFlowList() throws {
        let result = YAMLLoader.load(string: "a: [1, 2\nb: 3\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .unclosedConstruct)
        #expect(diagnostic.notes.first?.range?.start == SourceLocation(line: 1, column: 4))
    }

    @Test func colonInsideAPlainValue() throws {
        let result = YAMLLoader.load(string: "command: echo a: b\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.range.start == SourceLocation(line: 1, column: 16))
        #expect(diagnostic.notes.contains { $0.message.contains("quotes") })
    }

    @Test func reservedIndicator() throws {
        let result = YAMLLoader.load(string: "a: @home\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message == "'@' cannot start a YAML value")
        #expect(diagnostic.range.start == SourceLocation(line: 1, column: 4))
    }

    @Test func unknownEscape() throws {
        let result = YAMLLoader.load(string: "path: \"C:\\dir\"\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message == "unknown escape sequence in a double-quoted string")
    }

    @Test func keyWithoutColon() throws {
        let result = YAMLLoader.load(string: "a: 1\nfoo\nb: 2\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message == "expected ':' after a key")
    }

    @Test func quoteInsideAQuotedValueIsNotCalledIndentation() throws {
        let result = YAMLLoader.load(string: "a: 'it's'\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.message == "unexpected text after the value on this line")
        #expect(diagnostic.range.start == SourceLocation(line: 1, column: 8))
    }

    @Test func unsupportedYAMLVersion() throws {
        let result = YAMLLoader.load(string: "%YAML 2.0\n---\na: 1\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message == "unsupported YAML version in the '%YAML' directive")
    }

    @Test func binaryGarbage() throws {
        let result = Fixtures.load("binary-garbage.bin")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .notText)
        #expect(diagnostic.range.start == SourceLocation(line: 1, column: 1))
        #expect(result.documents.isEmpty)
    }

    @Test func invalidUTF8() throws {
        let result = YAMLLoader.load(bytes: Array("a: 1\nb: ".utf8) + [0xFF, 0x0A], file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .notText)
        #expect(diagnostic.message == "the file is not valid UTF-8 text: byte 0xFF cannot start a character")
        #expect(diagnostic.range.start == SourceLocation(line: 2, column: 4))
    }

    @Test func nulByte() throws {
        let result = YAMLLoader.load(bytes: Array("a: x".utf8) + [0x00] + Array("y\n".utf8), file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .notText)
        #expect(diagnostic.message == "control character U+0000 is not allowed in YAML text")
        #expect(diagnostic.range.start == SourceLocation(line: 1, column: 5))
    }

    @Test func everySyntaxErrorCodeIsDeclared() {
        for code in [DiagnosticCode.yamlSyntax, .tabIndentation, .badIndentation, .unclosedConstruct, .notText] {
            #expect(DiagnosticCode.yamlCodes.contains(code))
        }
        #expect(Set(DiagnosticCode.yamlCodes.map(\.id)).count == DiagnosticCode.yamlCodes.count)
        #expect(DiagnosticCode.yamlCodes.allSatisfy { $0.id.hasPrefix("BV00") && !$0.summary.isEmpty })
    }
}
