/// Turns libyaml's terse problem text ("found character that cannot start any token") into a
/// diagnostic in plain words with a hint, at libyaml's position.
struct SyntaxErrorTranslator {
    /// What libyaml reported, with marks already converted to 1-based locations.
    struct Problem {
        var kind: Kind
        var problem: String
        var problemLocation: SourceLocation
        var context: String?
        var contextLocation: SourceLocation?
        /// For reader errors: the offending byte or character code.
        var value: Int32

        enum Kind { case reader, scanner, parser, memory }
    }

    let file: String
    let bytes: UnsafeBufferPointer<UInt8>

    func diagnostic(for problem: Problem) -> Diagnostic {
        let at = range(problem.problemLocation)
        let contextRange = problem.contextLocation.map(range)
        switch problem.kind {
        case .memory:
            return .error(.yamlSyntax, "out of memory while parsing YAML", at: at)
        case .reader:
            return readerDiagnostic(problem, at: at)
        case .scanner, .parser:
            return syntaxDiagnostic(problem, at: at, contextRange: contextRange)
        }
    }

    private func readerDiagnostic(_ problem: Problem, at: SourceRange) -> Diagnostic {
        let hint = DiagnosticNote("bluevirt reads YAML text in UTF-8; is this a binary file?")
        if problem.problem.hasPrefix("control characters") {
            let code = String(UInt32(bitPattern: problem.value), radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            return .error(.notText, "control character U+\(padded) is not allowed in YAML text", at: at, notes: [hint])
        }
        let byte = "0x" + String(UInt8(truncatingIfNeeded: problem.value), radix: 16, uppercase: true)
        let detail: String? = switch problem.problem {
        case "invalid leading UTF-8 octet": "byte \(byte) cannot start a character"
        case "invalid trailing UTF-8 octet": "byte \(byte) cannot continue a character"
        case "incomplete UTF-8 octet sequence": "the file ends in the middle of a character"
        case "invalid length of a UTF-8 sequence": "a character is encoded with too many bytes"
        case "invalid Unicode character": "a character outside Unicode (or a lone surrogate)"
        default: nil
        }
        if let detail {
            return .error(.notText, "the file is not valid UTF-8 text: \(detail)", at: at, notes: [hint])
        }
        return .error(.notText, "cannot read the file as text: \(problem.problem)", at: at, notes: [hint])
    }

    private func syntaxDiagnostic(_ problem: Problem, at: SourceRange, contextRange: SourceRange?) -> Diagnostic {
        let text = problem.problem
        let context = problem.context ?? ""
        func note(_ message: String) -> DiagnosticNote? { contextRange.map { DiagnosticNote(message, at: $0) } }

        if text.contains("cannot start any token") || text.contains("tab character") {
            let character = self.character(at: problem.problemLocation)
            if character == "\t" || text.contains("tab character") {
                return .error(.tabIndentation, "tabs are not allowed for indentation in YAML", at: at,
                              notes: [DiagnosticNote("indent with spaces instead of tabs")])
            }
            let shown = character.map { "'\($0)'" } ?? "this character"
            return .error(.yamlSyntax, "\(shown) cannot start a YAML value", at: at,
                          notes: [DiagnosticNote("put the value in quotes if \(shown) is part of the text")])
        }
        if text == "did not find expected key" || text == "did not find expected '-' indicator", !startsItsLine(problem.problemLocation) {
            // Not an indentation problem: something follows a complete value on the same line,
            // most often a quote inside a quoted string ('it's').
            return .error(.yamlSyntax, "unexpected text after the value on this line", at: at, notes: [
                DiagnosticNote("if the value contains quotes, quote it as a whole: \"it's\", or 'it''s' (a quote is doubled inside single quotes)"),
            ])
        }
        if text == "did not find expected key" {
            let notes = [note("the mapping starts here"), DiagnosticNote("indent this line exactly like the other keys of its mapping")].compactMap { $0 }
            return .error(.badIndentation, "bad indentation: expected a key of the mapping here", at: at, notes: notes)
        }
        if text == "did not find expected '-' indicator" {
            let notes = [note("the list starts here"), DiagnosticNote("indent this line like the other items of its list ('- ...')")].compactMap { $0 }
            return .error(.badIndentation, "bad indentation: expected a list item ('- ') here", at: at, notes: notes)
        }
        if text == "block sequence entries are not allowed in this context" {
            return .error(.badIndentation, "a list item ('- ') is not allowed here", at: at,
                          notes: [DiagnosticNote("put the list on the lines below its key, indented, or check this line's indentation")])
        }
        if text == "mapping values are not allowed in this context" {
            return .error(.yamlSyntax, "unexpected ':' here: a mapping cannot start inside this value", at: at,
                          notes: [DiagnosticNote("if the value contains ': ', put it in quotes; otherwise check the indentation of this line")])
        }
        if text == "found unexpected ':'", context.contains("plain scalar") {
            return .error(.yamlSyntax, "unexpected ':' inside a value of a flow collection ('{...}' or '[...]')", at: at, notes: [
                DiagnosticNote("if the ':' ends a key, write a space after it ('key: value'); if it is part of the text, put the text in quotes"),
            ])
        }
        if text == "found unexpected end of stream", context.contains("quoted scalar") {
            let notes = [DiagnosticNote("the file ends before the closing quote; close the string on the line where it should end")]
            return .error(.unclosedConstruct, "unclosed quoted string", at: contextRange ?? at, notes: notes)
        }
        if text.hasPrefix("did not find expected ',' or") {
            let closing = text.hasSuffix("']'") ? "]" : "}"
            let what = closing == "]" ? "list" : "mapping"
            let notes = [note("the \(what) starts here"), DiagnosticNote("separate items with ',' and close the \(what) with '\(closing)'")].compactMap { $0 }
            return .error(.unclosedConstruct, "expected ',' or '\(closing)' in this flow \(what)", at: at, notes: notes)
        }
        if text == "could not find expected ':'" {
            let notes = [note("the key starts here"), DiagnosticNote("a key and its ':' must be on one line; put a value spanning lines in quotes")].compactMap { $0 }
            return .error(.yamlSyntax, "expected ':' after a key", at: at, notes: notes)
        }
        if text == "did not find expected node content" {
            return .error(.yamlSyntax, "expected a value here", at: at, notes: [note("while reading this collection")].compactMap { $0 })
        }
        if text == "found unknown escape character" {
            return .error(.yamlSyntax, "unknown escape sequence in a double-quoted string", at: at,
                          notes: [DiagnosticNote("write '\\\\' for a backslash, or use single quotes, where '\\' has no special meaning")])
        }
        if text == "did not find expected alphabetic or numeric character", context.contains("anchor") || context.contains("alias") {
            return .error(.yamlSyntax, "'&' and '*' must be followed by an anchor name", at: at,
                          notes: [DiagnosticNote("put the value in quotes if it starts with '&' or '*'")])
        }
        if text == "did not find expected <document start>" {
            return .error(.yamlSyntax, "unexpected content after the end of the document", at: at,
                          notes: [DiagnosticNote("a document holding a single value cannot continue with keys; check the first lines, or start a new document with '---'")])
        }
        if text == "did not find expected comment or line break" {
            return .error(.yamlSyntax, "only a comment may follow on this line", at: at)
        }
        if text == "found incompatible YAML document" {
            return .error(.yamlSyntax, "unsupported YAML version in the '%YAML' directive", at: at, notes: [
                DiagnosticNote("remove the '%YAML' line; bluevirt reads every document by YAML 1.2 rules"),
            ])
        }
        if text == "found undefined tag handle" {
            return .error(.yamlSyntax, "unknown tag handle: only '!' and '!!' are defined without a '%TAG' directive", at: at, notes: [
                DiagnosticNote("remove the tag, or put the value in quotes if the '!' is part of the text"),
            ])
        }
        let words = context.isEmpty ? text : "\(text) \(context)"
        return .error(.yamlSyntax, "YAML syntax error: \(words)", at: at,
                      notes: [note("the construct being read starts here")].compactMap { $0 })
    }

    private func range(_ location: SourceLocation) -> SourceRange {
        SourceRange(file: file, start: location, end: SourceLocation(line: location.line, column: location.column + 1))
    }

    /// Whether only spaces (or tabs) come before this location on its line.
    private func startsItsLine(_ location: SourceLocation) -> Bool {
        var index = offset(of: SourceLocation(line: location.line, column: 1))
        var column = 1
        while column < location.column, index < bytes.count {
            guard bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") else { return false }
            index += 1
            column += 1
        }
        return true
    }

    private func offset(of location: SourceLocation) -> Int {
        Self.offset(of: location, in: bytes)
    }

    /// The byte offset of a 1-based line and column (columns count Unicode scalars, as libyaml does).
    static func offset(of location: SourceLocation, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var index = byteOrderMarkLength(bytes)
        while line < location.line, index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        var column = 1
        while column < location.column, index < bytes.count {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index
    }

    /// The character at a 1-based line and column (columns count Unicode scalars, as libyaml does).
    private func character(at location: SourceLocation) -> Character? {
        let index = offset(of: location)
        guard index < bytes.count else { return nil }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self).first
    }

    /// Where a byte offset lies, for reader errors (libyaml reports those by offset only).
    static func location(ofByteOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1
        var column = 1
        let start = byteOrderMarkLength(bytes)
        for byte in bytes[min(start, offset)..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    /// libyaml skips a UTF-8 byte order mark without counting it as a column.
    private static func byteOrderMarkLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}
