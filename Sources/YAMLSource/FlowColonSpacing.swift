/// Reads `{concat:["a", b]}` as Cloudify does. PyYAML, the parser Cloudify loads blueprints with,
/// ends a plain scalar inside a flow collection at a ':' followed by one of `,[]{}` and takes that
/// ':' as the key's colon; libyaml refuses the same text ("found unexpected ':'"). When libyaml
/// fails with exactly that error, the loader inserts a space after the colon and parses again,
/// and this type maps every position of the rewritten text back to the file as written.
struct FlowColonSpacing {
    /// At most this many spaces are inserted into one file; each costs a parse of the whole text.
    static let maxInsertions = 256

    /// Inserted spaces by 0-based line: the original 0-based columns they stand before, ascending.
    private var insertions: [Int: [Int]] = [:]
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Whether libyaml's error is the shape PyYAML reads as a key's colon: libyaml's problem and
    /// context text, and at `location` (1-based, in the text parsed) a ':' followed by one of `,[]{}`.
    static func isPyYAMLColon(problem: String, context: String?, at location: SourceLocation,
                              in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard problem == "found unexpected ':'", context == "while scanning a plain scalar" else { return false }
        let index = SyntaxErrorTranslator.offset(of: location, in: bytes)
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
        return [UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}")].contains(bytes[index + 1])
    }

    /// `bytes` with a space after the colon at `location` (1-based, in `bytes`), which must be
    /// one `isPyYAMLColon` accepted; remembers the insertion.
    mutating func insertingSpace(afterColonAt location: SourceLocation, in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let index = SyntaxErrorTranslator.offset(of: location, in: bytes)
        let line = location.line - 1
        // The space goes before the character after the colon: 0-based column `location.column`.
        let original = originalColumn(line: line, column: location.column)
        var columns = insertions[line, default: []]
        columns.insert(original, at: columns.firstIndex { $0 > original } ?? columns.count)
        insertions[line] = columns
        count += 1
        var rewritten = [UInt8]()
        rewritten.reserveCapacity(bytes.count + 1)
        rewritten.append(contentsOf: bytes[...index])
        rewritten.append(UInt8(ascii: " "))
        rewritten.append(contentsOf: bytes[(index + 1)...])
        return rewritten
    }

    /// The 0-based column in the file as written of the 0-based `column` of the rewritten text.
    /// An inserted space maps to the character after it.
    func originalColumn(line: Int, column: Int) -> Int {
        guard let columns = insertions[line] else { return column }
        var shift = 0
        // The k-th inserted space (0-based, ascending) sits at rewritten column original + k.
        for (k, original) in columns.enumerated() where original + k < column { shift = k + 1 }
        return column - shift
    }

    /// A 1-based location of the rewritten text in the file as written.
    func original(_ location: SourceLocation) -> SourceLocation {
        SourceLocation(line: location.line, column: originalColumn(line: location.line - 1, column: location.column - 1) + 1)
    }

    /// A range of the rewritten text in the file as written.
    func original(_ range: SourceRange) -> SourceRange {
        guard !isEmpty else { return range }
        var mapped = range
        mapped.start = original(range.start)
        mapped.end = original(range.end)
        return mapped
    }

    /// A diagnostic about the rewritten text, about the file as written.
    func original(_ diagnostic: Diagnostic) -> Diagnostic {
        guard !isEmpty else { return diagnostic }
        var mapped = diagnostic
        mapped.range = original(diagnostic.range)
        mapped.notes = diagnostic.notes.map { note in
            var note = note
            note.range = note.range.map(original)
            return note
        }
        return mapped
    }
}
