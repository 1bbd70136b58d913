import YAMLSource

/// A value given for a blueprint input: from an `--inputs` file (YAML or JSON) or from an
/// `--input KEY=VALUE` assignment on the command line.
public struct ProvidedInput: Sendable, Hashable {
    public var name: String
    /// The value as YAML, with the ranges it was written at.
    public var value: Node
    /// Where the input was given: its key in an inputs file, or the whole assignment on the
    /// command line (file `<command line>`).
    public var origin: SourceRange

    public init(name: String, value: Node, origin: SourceRange) {
        self.name = name
        self.value = value
        self.origin = origin
    }

    /// The file name used in ranges of command-line assignments.
    public static let commandLine = "<command line>"

    /// Reads an inputs file: a YAML or JSON mapping of input names to values. An empty file
    /// gives no inputs; unreadable files and YAML errors come back as the loader reports them.
    public static func load(file path: String) -> ([ProvidedInput], [Diagnostic]) {
        let result = YAMLLoader.load(contentsOf: path)
        var diagnostics = result.diagnostics
        if path.contains("="), diagnostics.contains(where: { $0.code == .unreadableFile }) {
            // `--inputs vcpu=2`: an assignment given where a file was expected.
            for index in diagnostics.indices where diagnostics[index].code == .unreadableFile {
                diagnostics[index].notes.insert(DiagnosticNote("--inputs takes a file; to give one value, write --input \(path)"), at: 0)
            }
        }
        guard let document = result.documents.first else { return ([], diagnostics) }
        if case .scalar(let scalar) = document.content, case .null = scalar.value { return ([], diagnostics) }
        guard let pairs = document.pairs else {
            diagnostics.append(.error(.malformedInputs, "an inputs file must be a mapping of input names to values, not \(document.kindDescription)",
                                      at: document.range, notes: [DiagnosticNote("write one `name: value` line per input, or a JSON object")]))
            return ([], diagnostics)
        }
        let inputs = pairs.map { ProvidedInput(name: $0.key.keyText, value: $0.value, origin: $0.key.range) }
        return (inputs, diagnostics)
    }

    /// Parses `KEY=VALUE`. VALUE is read as a YAML scalar (`2`, `true`, `'text'`) or flow
    /// collection (`[a, b]`, `{size: 10}`); anything else, such as `a: b` or `%secret`, is taken
    /// as plain text, and an empty VALUE is the empty string. A broken flow collection or quoted
    /// string (`[a, b`, `'text`) is an error. Ranges point into the assignment, as line 1
    /// of the file `<command line>`.
    public static func parse(assignment: String) -> (ProvidedInput?, [Diagnostic]) {
        let whole = range(from: 0, to: assignment.unicodeScalars.count)
        guard let equals = assignment.firstIndex(of: "=") else {
            return (nil, [.error(.malformedInputs, "an input assignment must look like KEY=VALUE, but '\(assignment)' has no '='", at: whole,
                                 notes: [DiagnosticNote("for example --input vcpus=2 or --input 'networks=[default, storage]'")])])
        }
        let name = String(assignment[..<equals])
        let text = String(assignment[assignment.index(after: equals)...])
        let nameLength = name.unicodeScalars.count
        guard !name.trimmingWhitespace.isEmpty else {
            return (nil, [.error(.malformedInputs, "the input assignment '\(assignment)' has no name before '='", at: whole,
                                 notes: [DiagnosticNote("write KEY=VALUE")])])
        }
        let valueStart = nameLength + 1
        let valueRange = range(from: valueStart, to: valueStart + text.unicodeScalars.count)
        let origin = whole
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty else {
            let empty = Node(.scalar(Scalar(text: "", style: .plain, value: .string(""))), range: valueRange)
            return (ProvidedInput(name: name, value: empty, origin: origin), [])
        }
        let plain = ProvidedInput(name: name, value: Node(.scalar(Scalar(text: text, style: .plain, value: .string(text))), range: valueRange),
                                  origin: origin)
        let isFlow = trimmed.hasPrefix("[") || trimmed.hasPrefix("{")
        let isQuoted = trimmed.hasPrefix("\"") || trimmed.hasPrefix("'")
        let result = YAMLLoader.load(string: text, file: commandLine)
        let endColumn = valueStart + text.unicodeScalars.count + 1
        let diagnostics = result.diagnostics.map { shifted($0, by: valueStart, endColumn: endColumn) }
        if diagnostics.hasErrors {
            // Text that is not YAML at all (`%secret`, `@file`) is meant literally; a broken
            // flow collection or quoted string is a mistake worth reporting.
            return isFlow || isQuoted ? (nil, diagnostics) : (plain, [])
        }
        guard let document = result.documents.first, document.scalar != nil || isFlow else {
            // Empty after comments, or a block collection (`a: b`): take the text as written.
            return (plain, [])
        }
        return (ProvidedInput(name: name, value: shifted(document, by: valueStart), origin: origin), diagnostics)
    }

    private static func range(from start: Int, to end: Int) -> SourceRange {
        SourceRange(file: commandLine, start: SourceLocation(line: 1, column: start + 1), end: SourceLocation(line: 1, column: end + 1))
    }

    /// Moves ranges on the value's first line right, so they point into the whole assignment.
    private static func shifted(_ range: SourceRange, by offset: Int) -> SourceRange {
        var range = range
        if range.start.line == 1 { range.start.column += offset }
        if range.end.line == 1 { range.end.column += offset }
        return range
    }

    private static func shifted(_ node: Node, by offset: Int) -> Node {
        var node = node
        node.range = shifted(node.range, by: offset)
        switch node.content {
        case .scalar: break
        case .sequence(let items): node.content = .sequence(items.map { shifted($0, by: offset) })
        case .mapping(let pairs): node.content = .mapping(pairs.map { Pair(key: shifted($0.key, by: offset), value: shifted($0.value, by: offset)) })
        }
        return node
    }

    /// A diagnostic about the value, moved into the assignment; the YAML parser reports the end
    /// of the text on a line 2 that the one-line assignment does not have: just past its end.
    private static func shifted(_ diagnostic: Diagnostic, by offset: Int, endColumn: Int) -> Diagnostic {
        func moved(_ range: SourceRange) -> SourceRange {
            var range = shifted(range, by: offset)
            if range.start.line > 1 { range.start = SourceLocation(line: 1, column: endColumn) }
            if range.end.line > 1 { range.end = SourceLocation(line: 1, column: endColumn) }
            return range
        }
        var diagnostic = diagnostic
        diagnostic.range = moved(diagnostic.range)
        diagnostic.notes = diagnostic.notes.map { note in
            var note = note
            note.range = note.range.map(moved)
            return note
        }
        return diagnostic
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
