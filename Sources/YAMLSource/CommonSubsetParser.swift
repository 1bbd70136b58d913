/// Reads the YAML that blueprints are almost always written in straight into a node tree, without
/// libyaml, and gives up (returns nil) on anything else, which the loader then hands to libyaml.
///
/// Why: libyaml's event parse was 111 M of the 577 M instructions of validating 1,000 node
/// templates, and building the tree from its events another 63 M (docs/performance.md, sixteenth
/// round). This reader builds the same tree in a third of those instructions, each node once.
///
/// The subset: one document (an optional `---` line first), block mappings and sequences
/// (indentless sequences and `- key: value` included), single-line plain, single- and
/// double-quoted scalars, literal and folded block scalars, single-line flow collections,
/// comments, UTF-8. Everything else (anchors, aliases, tags, merge keys, multi-line plain and
/// quoted scalars and flow collections, block scalars with an indentation indicator,
/// tabs, carriage returns, explicit keys, directives, a second document, and every error) is
/// libyaml's. Where this reader returns a tree it is the tree libyaml's path builds, ranges
/// included: CommonSubsetParserTests compare the two on every YAML file of the project, on the
/// PyYAML corpus and on thousands of damaged variants.
struct CommonSubsetParser {
    /// Thrown on anything outside the subset; the whole file then goes to libyaml.
    struct OutsideSubset: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private let source: SourceFileName
    private let maxDepth: Int
    /// Whether any byte is beyond ASCII: only then does a column need counting characters.
    private let hasMultibyte: Bool
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0
    /// After a block node is read: the indentation of the next line with content (nil at the
    /// end), where the position now is.
    private var nextIndent: Int?
    private var diagnostics: [Diagnostic] = []
    /// The children of all open collections, innermost last: each collection leaves with an
    /// exactly sized array (growing arrays kept a fifth more memory for a big blueprint).
    private let items = ScratchStack<Node>()
    private let pairs = ScratchStack<Pair>()

    private static let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), hash = UInt8(ascii: "#")
    private static let colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-"), comma = UInt8(ascii: ",")
    private static let singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let literal = UInt8(ascii: "|"), folded = UInt8(ascii: ">")

    /// The tree of `bytes` and the duplicate-key diagnostics, or nil when libyaml must read it.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits) -> YAMLLoadResult? {
        guard let hasMultibyte = Self.characters(of: bytes) else { return nil }
        // Recursion, unlike libyaml's path, which keeps its own stack: deeper files are libyaml's.
        let maxDepth = min(limits.maxDepth, 64)
        var parser = CommonSubsetParser(bytes: bytes, source: SourceFileName(file), maxDepth: maxDepth, hasMultibyte: hasMultibyte)
        guard let root = try? parser.document() else { return nil }
        return YAMLLoadResult(documents: [root], diagnostics: parser.diagnostics)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, source: SourceFileName, maxDepth: Int, hasMultibyte: Bool) {
        self.bytes = bytes
        self.source = source
        self.maxDepth = maxDepth
        self.hasMultibyte = hasMultibyte
    }

    // MARK: - Characters

    /// Whether the text has multibyte characters, or nil when it has a character this reader
    /// leaves to libyaml: tabs, carriage returns and other controls, a byte order mark, libyaml's
    /// other line breaks (U+0085, U+2028, U+2029), characters it refuses, and malformed UTF-8.
    private static func characters(of bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var hasMultibyte = false
        var index = 0
        let count = bytes.count
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return false }
        // Eight bytes at a time while none is a control, DEL or beyond ASCII; a word that has
        // one (a line break is a control here) is checked byte by byte, up to `slowEnd`.
        var slowEnd = 0
        while index < count {
            if index >= slowEnd, index + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
                let below0x20 = (word &- ones &* 0x20) & ~word & highBits
                let delete = word ^ (ones &* 0x7F)
                let isDelete = (delete &- ones) & ~delete & highBits
                if (word & highBits) | below0x20 | isDelete == 0 {
                    index += 8
                    continue
                }
                slowEnd = index + 8
            }
            let byte = bytes[index]
            if byte < 0x80 {
                if (byte < 0x20 && byte != newline) || byte == 0x7F { return nil }
                index += 1
                continue
            }
            hasMultibyte = true
            guard let (scalar, length) = decode(bytes, at: index), isPrintable(scalar) else { return nil }
            index += length
        }
        return hasMultibyte
    }

    /// The code point at `index` and its length in bytes, or nil for malformed or overlong UTF-8.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        let length: Int, initial: UInt32, minimum: UInt32
        switch lead {
        case 0xC2...0xDF: (length, initial, minimum) = (2, UInt32(lead & 0x1F), 0x80)
        case 0xE0...0xEF: (length, initial, minimum) = (3, UInt32(lead & 0x0F), 0x800)
        case 0xF0...0xF4: (length, initial, minimum) = (4, UInt32(lead & 0x07), 0x10000)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        var scalar = initial
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return (scalar, length)
    }

    /// libyaml's printable characters beyond ASCII, less its line breaks and the byte order mark.
    private static func isPrintable(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xA0...0xD7FF: scalar != 0x2028 && scalar != 0x2029
        case 0xE000...0xFFFD: scalar != 0xFEFF
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    private func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    private var current: UInt8 { byte(at: position) }

    /// A space, a line break or the end of the text: what must follow `:` or `-` as indicators.
    private func isBlankOrEnd(at index: Int) -> Bool {
        let next = byte(at: index)
        return next == Self.space || next == Self.newline || index >= bytes.count
    }

    private func location(at index: Int) -> SourceLocation {
        guard hasMultibyte else { return SourceLocation(line: line, column: index - lineStart + 1) }
        // libyaml counts columns in characters: every byte but UTF-8's continuation bytes.
        var column = 1
        for offset in lineStart..<index where bytes[offset] & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(line: line, column: column)
    }

    private func range(from start: SourceLocation, to end: SourceLocation) -> SourceRange {
        SourceRange(source: source, start: start, end: end)
    }

    // MARK: - Lines

    /// The indentation of the next line with content, the position at its first character; nil
    /// at the end of the text. Called at a line break, the end, or a comment.
    private mutating func nextContentLine() throws(OutsideSubset) -> Int? {
        while position < bytes.count, bytes[position] != Self.newline { position += 1 }
        guard position < bytes.count else { return nil }
        startNextLine()
        return try contentFromHere()
    }

    /// From a place in a line where only spaces may come before content: past blank and
    /// comment-only lines to the next character with content; its indentation, or nil at the
    /// end. A document marker there (`---`, `...`) ends the document: libyaml's.
    @inline(__always)
    private mutating func contentFromHere() throws(OutsideSubset) -> Int? {
        guard let indent = skipToContent() else { return nil }
        if isDocumentMarker { throw OutsideSubset() }
        return indent
    }

    /// contentFromHere without the check for a document marker.
    @inline(__always)
    private mutating func skipToContent() -> Int? {
        while true {
            while current == Self.space { position += 1 }
            guard position < bytes.count else { return nil }
            if current != Self.newline, current != Self.hash { return position - lineStart }
            while position < bytes.count, bytes[position] != Self.newline { position += 1 }
            guard position < bytes.count else { return nil }
            startNextLine()
        }
    }

    /// Whether `---` or `...` begins the line at the position, alone or before a blank.
    private var isDocumentMarker: Bool {
        position == lineStart && (current == Self.dash || current == UInt8(ascii: "."))
            && byte(at: position + 1) == current && byte(at: position + 2) == current && isBlankOrEnd(at: position + 3)
    }

    /// After a node written on one line: only spaces and a comment may follow it; moves to the
    /// next line with content and returns its indentation (nil at the end).
    private mutating func endOfLine() throws(OutsideSubset) -> Int? {
        while current == Self.space { position += 1 }
        switch current {
        case Self.newline: break
        case Self.hash where bytes[position - 1] == Self.space: break
        default: if position < bytes.count { throw OutsideSubset() }
        }
        return try nextContentLine()
    }

    // MARK: - Document

    private mutating func document() throws(OutsideSubset) -> Node {
        guard skipToContent() != nil else { throw OutsideSubset() }
        if isDocumentMarker {
            // An explicit start of the only document, the marker alone on its line; `...` is libyaml's.
            guard current == Self.dash else { throw OutsideSubset() }
            position += 3
            guard try endOfLine() != nil else { throw OutsideSubset() }
        }
        let root = try blockNode(indent: -1)
        if nextIndent != nil { throw OutsideSubset() }
        return root
    }

    // MARK: - Block nodes

    /// The node starting at the current position, inside a collection indented `indent`; sets
    /// `nextIndent`.
    private mutating func blockNode(indent parent: Int) throws(OutsideSubset) -> Node {
        let column = position - lineStart
        switch current {
        case Self.dash where isBlankOrEnd(at: position + 1):
            return try blockSequence(indent: column, indentless: false)
        case Self.openBracket, Self.openBrace:
            let node = try flowCollection()
            nextIndent = try endOfLine()
            return node
        case Self.literal, Self.folded:
            return try blockScalar(parentIndent: parent)
        case Self.singleQuote, Self.doubleQuote:
            let scalar = try quotedScalar()
            let afterQuote = position
            while current == Self.space { position += 1 }
            if current == Self.colon, isBlankOrEnd(at: position + 1) {
                return try blockMapping(indent: column, firstKey: scalar)
            }
            position = afterQuote
            nextIndent = try endOfLine()
            return scalar
        default:
            try checkPlainStart(inFlow: false)
            let (scalar, endsAtColon) = try plainScalar(inFlow: false)
            if endsAtColon { return try blockMapping(indent: column, firstKey: scalar) }
            nextIndent = try endOfLine()
            return scalar
        }
    }

    private mutating func enter() throws(OutsideSubset) {
        depth += 1
        // libyaml reports nesting past the limit; stay well inside it.
        if depth + 2 >= maxDepth { throw OutsideSubset() }
    }

    /// A block mapping whose first key has been read; the position is at or before its colon.
    private mutating func blockMapping(indent: Int, firstKey: consuming Node) throws(OutsideSubset) -> Node {
        try enter()
        defer { depth -= 1 }
        let firstPair = pairs.count
        var key = firstKey
        var next: Int?
        while true {
            while current == Self.space { position += 1 }
            guard current == Self.colon, isBlankOrEnd(at: position + 1) else { throw OutsideSubset() }
            if Self.isLeftToLibYAML(key: key) { throw OutsideSubset() }
            position += 1
            let afterColon = location(at: position)
            let value: Node
            while current == Self.space { position += 1 }
            if current == Self.newline || current == Self.hash || position >= bytes.count {
                next = try nextContentLine()
                if let below = next, below > indent {
                    value = try blockNode(indent: indent)
                    next = nextIndent
                } else if next == indent, current == Self.dash, isBlankOrEnd(at: position + 1) {
                    value = try blockSequence(indent: indent, indentless: true)
                    next = nextIndent
                } else {
                    value = Node(.scalar(Scalar(text: "", style: .plain, value: .null)), range: range(from: afterColon, to: afterColon))
                }
            } else if current == Self.literal || current == Self.folded {
                value = try blockScalar(parentIndent: indent)
                next = nextIndent
            } else {
                value = try inlineValue()
                next = try endOfLine()
            }
            pairs.push(Pair(key: consume key, value: consume value))
            guard let following = next, following >= indent else { break }
            if following > indent { throw OutsideSubset() }
            key = try blockKey()
        }
        let written = pairs.popArray(from: firstPair)
        let start = written[0].key.range.start, end = written[written.count - 1].value.range.end
        let assembled = MappingAssembler.assemble(written, mayMerge: false, diagnostics: &diagnostics)
        nextIndent = next
        return Node(.mapping(assembled), range: range(from: start, to: end))
    }

    /// A merge key, and a key longer than the 1,024 characters libyaml and PyYAML allow a key
    /// without `?` (in a flow mapping too), which they refuse: libyaml's, to apply or report.
    private static func isLeftToLibYAML(key: Node) -> Bool {
        MappingAssembler.isMergeKey(key) || key.range.end.column - key.range.start.column > 1_000
    }

    /// A key at the start of a line of a block mapping.
    private mutating func blockKey() throws(OutsideSubset) -> Node {
        switch current {
        case Self.singleQuote, Self.doubleQuote:
            return try quotedScalar()
        default:
            try checkPlainStart(inFlow: false)
            let (scalar, endsAtColon) = try plainScalar(inFlow: false)
            guard endsAtColon else { throw OutsideSubset() }
            return scalar
        }
    }

    /// A mapping's value written after its key on the same line: a scalar or a flow collection.
    private mutating func inlineValue() throws(OutsideSubset) -> Node {
        switch current {
        case Self.openBracket, Self.openBrace:
            return try flowCollection()
        case Self.singleQuote, Self.doubleQuote:
            return try quotedScalar()
        default:
            // A `- ` here is an error in YAML, and so is a second `key:`: libyaml reports both.
            if current == Self.dash, isBlankOrEnd(at: position + 1) { throw OutsideSubset() }
            try checkPlainStart(inFlow: false)
            let (scalar, endsAtColon) = try plainScalar(inFlow: false)
            if endsAtColon { throw OutsideSubset() }
            return scalar
        }
    }

    /// A block sequence whose first `-` is at the position. `indentless`: the value of a mapping
    /// key at the key's own indentation, which ends at the first line that is not an item.
    private mutating func blockSequence(indent: Int, indentless: Bool) throws(OutsideSubset) -> Node {
        try enter()
        defer { depth -= 1 }
        let start = location(at: position)
        let firstItem = items.count
        var next: Int?
        while true {
            position += 1
            let afterDash = location(at: position)
            while current == Self.space { position += 1 }
            if current == Self.newline || current == Self.hash || position >= bytes.count {
                next = try nextContentLine()
                if let below = next, below > indent {
                    items.push(try blockNode(indent: indent))
                    next = nextIndent
                } else {
                    items.push(Node(.scalar(Scalar(text: "", style: .plain, value: .null)), range: range(from: afterDash, to: afterDash)))
                }
            } else {
                items.push(try blockNode(indent: indent))
                next = nextIndent
            }
            guard let following = next, following >= indent else { break }
            if following > indent { throw OutsideSubset() }
            guard current == Self.dash, isBlankOrEnd(at: position + 1) else {
                if indentless { break }
                throw OutsideSubset()
            }
        }
        let written = items.popArray(from: firstItem)
        let end = written[written.count - 1].range.end
        nextIndent = next
        return Node(.sequence(written), range: range(from: start, to: end))
    }

    // MARK: - Block scalars

    /// A literal (`|`) or folded (`>`) scalar whose indicator is at the position, read as
    /// libyaml's yaml_parser_scan_block_scalar reads it: the indentation is that of its first
    /// line with content (at least one more than `parentIndent`), chomping clips, strips (`-`)
    /// or keeps (`+`) the final line breaks, and the range ends at the start of the line after
    /// the last line it took, blank lines included.
    private mutating func blockScalar(parentIndent: Int) throws(OutsideSubset) -> Node {
        let start = location(at: position)
        let isLiteral = current == Self.literal
        position += 1
        var chomping = 0
        if current == UInt8(ascii: "-") { chomping = -1; position += 1 } else if current == UInt8(ascii: "+") { chomping = 1; position += 1 }
        // An indentation indicator (`|2`) is rare: libyaml's.
        if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(current) { throw OutsideSubset() }
        while current == Self.space { position += 1 }
        if current == Self.hash, bytes[position - 1] == Self.space {
            while position < bytes.count, bytes[position] != Self.newline { position += 1 }
        }
        guard current == Self.newline || position >= bytes.count else { throw OutsideSubset() }
        if position < bytes.count { startNextLine() }

        var text: [UInt8] = []
        var indent = 0
        var trailingBreaks = 0
        var leadingBreak = false
        var leadingBlank = false
        var end = location(at: position)
        blockScalarBreaks(indent: &indent, parentIndent: parentIndent, trailingBreaks: &trailingBreaks, end: &end)
        while position - lineStart == indent, position < bytes.count {
            let trailingBlank = current == Self.space
            // Folding: a line break between two lines that do not start with a space is a space,
            // or nothing when blank lines follow it (they are kept as line breaks).
            if !isLiteral, leadingBreak, !leadingBlank, !trailingBlank {
                if trailingBreaks == 0 { text.append(Self.space) }
            } else if leadingBreak {
                text.append(Self.newline)
            }
            leadingBreak = false
            text.append(contentsOf: repeatElement(Self.newline, count: trailingBreaks))
            trailingBreaks = 0
            leadingBlank = current == Self.space
            let lineContent = position
            while position < bytes.count, bytes[position] != Self.newline { position += 1 }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineContent..<position]))
            if position < bytes.count {
                leadingBreak = true
                startNextLine()
            }
            blockScalarBreaks(indent: &indent, parentIndent: parentIndent, trailingBreaks: &trailingBreaks, end: &end)
        }
        if chomping != -1, leadingBreak { text.append(Self.newline) }
        if chomping == 1 { text.append(contentsOf: repeatElement(Self.newline, count: trailingBreaks)) }

        let string = String(decoding: text, as: UTF8.self)
        let node = Node(.scalar(Scalar(text: string, style: isLiteral ? .literal : .folded, value: .string(string))),
                        range: range(from: start, to: end))
        // It stopped at a character less indented than itself, or at the end.
        nextIndent = try contentFromHere()
        return node
    }

    /// libyaml's yaml_parser_scan_block_scalar_breaks: skips the indentation (up to `indent`
    /// spaces) and the blank lines before a block scalar's next line, counting those lines, and
    /// settles the indentation when it is not known yet.
    private mutating func blockScalarBreaks(indent: inout Int, parentIndent: Int, trailingBreaks: inout Int, end: inout SourceLocation) {
        var maxIndent = 0
        end = location(at: position)
        while true {
            while indent == 0 || position - lineStart < indent, current == Self.space {
                position += 1
            }
            maxIndent = max(maxIndent, position - lineStart)
            guard current == Self.newline else { break }
            trailingBreaks += 1
            startNextLine()
            end = location(at: position)
        }
        if indent == 0 { indent = max(maxIndent, parentIndent + 1, 1) }
    }

    /// Past the line break at the position, to the start of the next line.
    private mutating func startNextLine() {
        position += 1
        line += 1
        lineStart = position
    }

    // MARK: - Flow collections (on one line)

    private mutating func flowCollection() throws(OutsideSubset) -> Node {
        try enter()
        defer { depth -= 1 }
        let isMapping = current == Self.openBrace
        let closing = isMapping ? Self.closeBrace : Self.closeBracket
        let start = location(at: position)
        position += 1
        let firstChild = isMapping ? pairs.count : items.count
        skipFlowSpaces()
        if current != closing {
            while true {
                if isMapping {
                    let key = try flowNode(asKey: true)
                    if Self.isLeftToLibYAML(key: key) { throw OutsideSubset() }
                    skipFlowSpaces()
                    guard current == Self.colon, isBlankOrEnd(at: position + 1) else { throw OutsideSubset() }
                    position += 1
                    skipFlowSpaces()
                    // `{a: }` and `{a: , b: 1}`: an empty value, which libyaml places elsewhere.
                    if current == Self.comma || current == closing { throw OutsideSubset() }
                    pairs.push(Pair(key: key, value: try flowNode(asKey: false)))
                } else {
                    items.push(try flowNode(asKey: false))
                }
                skipFlowSpaces()
                if current == closing { break }
                guard current == Self.comma else { throw OutsideSubset() }
                position += 1
                skipFlowSpaces()
                // A trailing comma: libyaml accepts it, PyYAML too; rare, so libyaml's.
                if current == closing { throw OutsideSubset() }
            }
        }
        position += 1
        let nodeRange = range(from: start, to: location(at: position))
        if isMapping {
            let written = pairs.popArray(from: firstChild)
            return Node(.mapping(MappingAssembler.assemble(written, mayMerge: false, diagnostics: &diagnostics)), range: nodeRange)
        }
        return Node(.sequence(items.popArray(from: firstChild)), range: nodeRange)
    }

    private mutating func skipFlowSpaces() {
        while current == Self.space { position += 1 }
    }

    /// A node inside a flow collection. Anything but a key followed by `: ` in a flow sequence
    /// (a one-pair mapping) and every line break are libyaml's.
    private mutating func flowNode(asKey: Bool) throws(OutsideSubset) -> Node {
        switch current {
        case Self.openBracket, Self.openBrace:
            if asKey { throw OutsideSubset() }
            return try flowCollection()
        case Self.singleQuote, Self.doubleQuote:
            let scalar = try quotedScalar()
            if !asKey {
                let after = position
                skipFlowSpaces()
                if current == Self.colon { throw OutsideSubset() }
                position = after
            }
            return scalar
        default:
            try checkPlainStart(inFlow: true)
            let (scalar, endsAtColon) = try plainScalar(inFlow: true)
            if endsAtColon != asKey { throw OutsideSubset() }
            return scalar
        }
    }

    // MARK: - Scalars

    /// Plain scalars may not start with an indicator; `-` followed by a non-blank may (`-1`).
    /// `?` and `:` followed by a non-blank may too in block context, but rarely do: libyaml's.
    private func checkPlainStart(inFlow: Bool) throws(OutsideSubset) {
        switch current {
        case Self.dash:
            if isBlankOrEnd(at: position + 1) { throw OutsideSubset() }
        case UInt8(ascii: "?"), Self.colon, Self.comma, Self.openBracket, Self.closeBracket, Self.openBrace, Self.closeBrace,
             Self.hash, UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"),
             Self.singleQuote, Self.doubleQuote, UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), Self.space, Self.newline:
            throw OutsideSubset()
        default:
            if position >= bytes.count { throw OutsideSubset() }
        }
    }

    /// A plain scalar on one line, and whether a `: ` (a key's colon) ends it. Ends before
    /// ` #`, the line's end, and in a flow collection `,[]{}`.
    // Inlined into its callers: called, the node it returns cost retains and releases, 0.7% of
    // validating 1,000 node templates (callgrind).
    @inline(__always)
    private mutating func plainScalar(inFlow: Bool) throws(OutsideSubset) -> (Node, endsAtColon: Bool) {
        let start = position
        var end = position
        var endsAtColon = false
        scan: while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case Self.newline:
                break scan
            case Self.space:
                position += 1
                continue scan
            case Self.hash where bytes[position - 1] == Self.space:
                break scan
            case Self.colon:
                if isBlankOrEnd(at: position + 1) {
                    endsAtColon = true
                    break scan
                }
                // libyaml refuses `x:[` and the like in a flow collection (PyYAML reads them:
                // the loader's FlowColonSpacing handles that, after libyaml's error).
                if inFlow, [Self.comma, UInt8(ascii: "?"), Self.openBracket, Self.closeBracket, Self.openBrace, Self.closeBrace]
                    .contains(self.byte(at: position + 1)) {
                    throw OutsideSubset()
                }
            case Self.comma, Self.openBracket, Self.closeBracket, Self.openBrace, Self.closeBrace:
                if inFlow { break scan }
            default:
                break
            }
            position += 1
            end = position
        }
        // A flow collection that goes on to the next line, and a block scalar that may: libyaml's.
        if inFlow, position >= bytes.count || bytes[position] == Self.newline || bytes[position] == Self.hash { throw OutsideSubset() }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let text = String(decoding: slice, as: UTF8.self)
        let value = ScalarResolver.resolvePlain(slice, text: text)
        let nodeRange = range(from: location(at: start), to: location(at: end))
        if YAML11Reading.mayDiffer(slice), let warning = YAML11Reading.warning(slice, text: text, resolved: value, at: nodeRange) {
            diagnostics.append(warning)
        }
        return (Node(.scalar(Scalar(text: text, style: .plain, value: value)), range: nodeRange), endsAtColon)
    }

    /// A quoted scalar on one line. Double-quoted ones may use the escapes `\\ \" \/ \n \t`;
    /// any other escape is libyaml's.
    private mutating func quotedScalar() throws(OutsideSubset) -> Node {
        let quote = current
        let start = position
        position += 1
        let contentStart = position
        var unescaped: [UInt8]?
        while true {
            guard position < bytes.count else { throw OutsideSubset() }
            let byte = bytes[position]
            if byte == Self.newline { throw OutsideSubset() }
            if byte == quote {
                if quote == Self.singleQuote, self.byte(at: position + 1) == Self.singleQuote {
                    if unescaped == nil { unescaped = Array(bytes[contentStart..<position]) }
                    unescaped!.append(Self.singleQuote)
                    position += 2
                    continue
                }
                break
            }
            if quote == Self.doubleQuote, byte == Self.backslash {
                let replacement: UInt8
                switch self.byte(at: position + 1) {
                case Self.backslash: replacement = Self.backslash
                case Self.doubleQuote: replacement = Self.doubleQuote
                case UInt8(ascii: "/"): replacement = UInt8(ascii: "/")
                case UInt8(ascii: "n"): replacement = Self.newline
                case UInt8(ascii: "t"): replacement = 0x09
                default: throw OutsideSubset()
                }
                if unescaped == nil { unescaped = Array(bytes[contentStart..<position]) }
                unescaped!.append(replacement)
                position += 2
                continue
            }
            unescaped?.append(byte)
            position += 1
        }
        let text = unescaped.map { String(decoding: $0, as: UTF8.self) }
            ?? String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<position]), as: UTF8.self)
        position += 1
        let style: Scalar.Style = quote == Self.singleQuote ? .singleQuoted : .doubleQuoted
        let nodeRange = range(from: location(at: start), to: location(at: position))
        return Node(.scalar(Scalar(text: text, style: style, value: .string(text))), range: nodeRange)
    }
}
