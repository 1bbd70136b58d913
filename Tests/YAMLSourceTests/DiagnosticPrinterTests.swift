import Testing
import YAMLSource

/// The printer's exact output, as golden strings.
@Suite struct DiagnosticPrinterTests {
    static let source = """
    node_templates:
      vm:
        type: cloudify.libvirt.domian
    \tlabel: x
    end
    """

    let printer = DiagnosticPrinter(color: false) { $0 == "b.yaml" ? DiagnosticPrinterTests.source : nil }

    func range(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int, file: String = "b.yaml") -> SourceRange {
        SourceRange(file: file, start: SourceLocation(line: line, column: column), end: SourceLocation(line: endLine, column: endColumn))
    }

    @Test func errorWithCaretAndNotes() {
        let diagnostic = Diagnostic.error(DiagnosticCode("BV0107", "unknown node type"), "unknown node type 'cloudify.libvirt.domian'",
                                          at: range(3, 11, 3, 34), notes: [
            DiagnosticNote("did you mean 'cloudify.libvirt.domain'?"),
            DiagnosticNote("the node template starts here", at: range(2, 3, 2, 5)),
        ])
        #expect(printer.render(diagnostic) == """
        b.yaml:3:11: error: unknown node type 'cloudify.libvirt.domian' [BV0107]
            type: cloudify.libvirt.domian
                  ^~~~~~~~~~~~~~~~~~~~~~~
        note: did you mean 'cloudify.libvirt.domain'?
        b.yaml:2:3: note: the node template starts here
          vm:
          ^~

        """)
    }

    @Test func warningWithOneColumnRange() {
        let diagnostic = Diagnostic.warning(.unknownTag, "unknown tag", at: range(1, 1, 1, 2))
        #expect(printer.render(diagnostic) == "b.yaml:1:1: warning: unknown tag [BV0017]\nnode_templates:\n^\n")
    }

    @Test func tabsKeepTheCaretAligned() {
        let diagnostic = Diagnostic.error(.yamlSyntax, "bad label", at: range(4, 2, 4, 7))
        #expect(printer.render(diagnostic) == """
        b.yaml:4:2: error: bad label [BV0004]
                label: x
                ^~~~~

        """)
    }

    @Test func controlBytesInTheSourceLineNeverReachTheTerminalRaw() {
        let printer = DiagnosticPrinter(color: false) { _ in "ip: \"10.0.0.1\u{0}\u{1B}[2J\"" }
        let diagnostic = Diagnostic.error(.notText, "control character", at: range(1, 14, 1, 15, file: "c.yaml"))
        let text = printer.render(diagnostic)
        #expect(!text.unicodeScalars.contains { $0.value == 0 || $0.value == 0x1B }, "\(text.debugDescription)")
        #expect(text == "c.yaml:1:14: error: control character [BV0003]\nip: \"10.0.0.1\u{FFFD}\u{FFFD}[2J\"\n             ^\n")
    }

    @Test func aLineThatFitsIsShownWholeWhereverTheCaretIs() {
        let line = "      name: { get_property: [vm, params, memroy] }"
        let printer = DiagnosticPrinter(color: false) { _ in line }
        let diagnostic = Diagnostic.error(.yamlSyntax, "no key", at: range(1, 42, 1, 48))
        #expect(printer.render(diagnostic) == "b.yaml:1:42: error: no key [BV0004]\n\(line)\n" + String(repeating: " ", count: 41) + "^~~~~~\n")
    }

    @Test func aLongLineIsAWindowThatEndsWithTheLineWhenTheCaretIsNearItsEnd() {
        let line = String(repeating: "a", count: 300) + "Z"
        let printer = DiagnosticPrinter(color: false) { _ in line }
        let rendered = printer.render(Diagnostic.error(.yamlSyntax, "here", at: range(1, 301, 1, 302)))
        let shown = rendered.split(separator: "\n")[1]
        #expect(shown == "…" + String(repeating: "a", count: 159) + "Z", "the last 160 columns, cut only at the start")
        let caret = rendered.split(separator: "\n")[2]
        #expect(caret == String(repeating: " ", count: 160) + "^")
    }

    @Test func caretOnATabCharacter() {
        let diagnostic = Diagnostic.error(.tabIndentation, "tab", at: range(4, 1, 4, 2))
        #expect(printer.render(diagnostic) == "b.yaml:4:1: error: tab [BV0005]\n        label: x\n^\n")
    }

    @Test func rangeOverSeveralLinesUnderlinesToTheEndOfTheFirst() {
        let diagnostic = Diagnostic.error(.yamlSyntax, "whole node", at: range(2, 3, 3, 34))
        #expect(printer.render(diagnostic) == "b.yaml:2:3: error: whole node [BV0004]\n  vm:\n  ^~~\n")
    }

    @Test func rangePastTheEndOfTheLine() {
        let diagnostic = Diagnostic.error(.yamlSyntax, "missing value", at: range(2, 6, 2, 6))
        #expect(printer.render(diagnostic) == "b.yaml:2:6: error: missing value [BV0004]\n  vm:\n     ^\n")
    }

    @Test(arguments: ["\r\n", "\r"])
    func otherLineBreaks(_ lineBreak: String) {
        let text = ["a: 1", "bb: [x, y]", ""].joined(separator: lineBreak)
        let loaded = YAMLLoader.load(string: text + "bb: 2" + lineBreak, file: "w.yaml")
        let duplicate = loaded.diagnostics.first
        #expect(duplicate?.range.start == SourceLocation(line: 3, column: 1))
        let printer = DiagnosticPrinter(color: false) { _ in text + "bb: 2" + lineBreak }
        let note = DiagnosticNote("here", at: SourceRange(file: "w.yaml", start: SourceLocation(line: 2, column: 6), end: SourceLocation(line: 2, column: 7)))
        let diagnostic = Diagnostic.error(.yamlSyntax, "x", at: duplicate?.range ?? .wholeFile("w.yaml"), notes: [note])
        #expect(printer.render(diagnostic) == "w.yaml:3:1: error: x [BV0004]\nbb: 2\n^~\nw.yaml:2:6: note: here\nbb: [x, y]\n     ^\n")
    }

    @Test func byteOrderMarkIsNotAColumn() {
        let text = "\u{FEFF}key: @x\n"
        let loaded = YAMLLoader.load(string: text, file: "bom.yaml")
        let printer = DiagnosticPrinter(color: false) { _ in text }
        #expect(printer.render(loaded.diagnostics).hasPrefix("bom.yaml:1:6: error: '@' cannot start a YAML value [BV0004]\nkey: @x\n     ^\n"))
    }

    @Test func unknownSourcePrintsTheLocationOnly() {
        let diagnostic = Diagnostic.error(.unreadableFile, "cannot open 'x.yaml': no such file", at: .wholeFile("x.yaml"),
                                          notes: [DiagnosticNote("elsewhere", at: range(9, 1, 9, 2))])
        #expect(printer.render(diagnostic) == """
        x.yaml:1:1: error: cannot open 'x.yaml': no such file [BV0001]
        b.yaml:9:1: note: elsewhere

        """)
    }

    @Test func colourLikeSwiftc() {
        let colored = DiagnosticPrinter(color: true) { _ in "ab\n" }
        let diagnostic = Diagnostic.warning(DiagnosticCode("BV0999", "x"), "careful", at: range(1, 1, 1, 3), notes: [DiagnosticNote("hint")])
        let bold = "\u{1B}[1m", reset = "\u{1B}[0m"
        #expect(colored.render(diagnostic) ==
            "\(bold)b.yaml:1:1:\(reset) \u{1B}[1;35mwarning:\(reset)\(bold) careful [BV0999]\(reset)\n"
            + "ab\n\u{1B}[1;32m^~\(reset)\n"
            + "\u{1B}[1;30mnote:\(reset)\(bold) hint\(reset)\n")
        let error = Diagnostic.error(DiagnosticCode("BV0998", "x"), "bad", at: range(1, 1, 1, 2))
        #expect(colored.render(error).contains("\u{1B}[1;31merror:\(reset)"))
        #expect(!printer.render(error).contains("\u{1B}"))
    }

    @Test func severalDiagnosticsInOrder() {
        let first = Diagnostic.error(.yamlSyntax, "one", at: range(1, 1, 1, 2))
        let second = Diagnostic.error(.yamlSyntax, "two", at: range(5, 1, 5, 4))
        #expect(printer.render([first, second]) == printer.render(first) + printer.render(second))
    }

    @Test func loadedDiagnosticPrintsWithItsNote() throws {
        let path = Fixtures.path("duplicate-keys.yaml")
        let result = YAMLLoader.load(contentsOf: path)
        let filePrinter = DiagnosticPrinter(color: false) { $0 == path ? Fixtures.text("duplicate-keys.yaml") : nil }
        #expect(filePrinter.render(result.diagnostics) == """
        \(path):6:7: error: duplicate key 'vcpus' in this mapping [BV0010]
              vcpus: 4
              ^~~~~
        \(path):5:7: note: 'vcpus' first appears here; a mapping may hold each key only once
              vcpus: 2
              ^~~~~

        """)
    }

    @Test func summary() {
        #expect(DiagnosticPrinter.summary(errors: 2, warnings: 1) == "2 errors, 1 warning")
        #expect(DiagnosticPrinter.summary(errors: 1, warnings: 0) == "1 error")
        #expect(DiagnosticPrinter.summary(errors: 0, warnings: 3) == "3 warnings")
        #expect(DiagnosticPrinter.summary(errors: 1, warnings: 1) == "1 error, 1 warning")
        #expect(DiagnosticPrinter.summary(errors: 0, warnings: 0) == "")
        let diagnostics = [
            Diagnostic.error(.yamlSyntax, "a", at: .wholeFile("x")),
            Diagnostic.warning(.unknownTag, "b", at: .wholeFile("x")),
            Diagnostic.warning(.unknownTag, "c", at: .wholeFile("x")),
        ]
        #expect(DiagnosticPrinter.summary(of: diagnostics) == "1 error, 2 warnings")
    }
}
