/// Reads a Mustache text Character by Character (grapheme clusters, so `\r\n` is one, and a `{`
/// followed by a combining mark is no brace), as swift-mustache's reader does: the standalone
/// rules and the line and column of a syntax error depend on it. Positions are UTF-8 offsets;
/// ASCII text, nearly all of any template, is stepped byte by byte without the grapheme rules.
struct MustacheScanner {
    struct Overflow: Error {}

    let text: String
    private let bytes: [UInt8]
    var position = 0

    init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    var reachedEnd: Bool { position == bytes.count }

    /// Where the Character starting at `index` ends.
    func characterEnd(at index: Int) -> Int {
        let next = index + 1
        if bytes[index] < 0x80 {
            if next == bytes.count { return next }
            if bytes[next] < 0x80 { return bytes[index] == .carriageReturn && bytes[next] == .newline ? next + 1 : next }
        }
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: index)
        return text.utf8.distance(from: text.utf8.startIndex, to: text.index(after: start))
    }

    /// The current Character when it is one ASCII byte; nil for any other, and at the end.
    var currentASCII: UInt8? {
        guard !reachedEnd, characterEnd(at: position) == position + 1 else { return nil }
        return bytes[position]
    }

    var currentText: String { reachedEnd ? "" : string(position..<characterEnd(at: position)) }

    /// Character.isNewline of the current Character: its first scalar is a line break.
    var currentIsNewline: Bool { !reachedEnd && Self.isNewline(firstScalar(at: position)) }

    mutating func advance() { position = characterEnd(at: position) }

    /// Whether the Character at `index` is the one ASCII `byte`.
    func isCharacter(at index: Int, ascii byte: UInt8) -> Bool {
        bytes[index] == byte && characterEnd(at: index) == index + 1
    }

    /// Whether the Character at `index` is `character`, compared as Swift compares Characters
    /// (canonical equivalence), for delimiters of any text.
    func isCharacter(at index: Int, _ character: Character) -> Bool {
        if let ascii = character.asciiValue, character.utf8.count == 1 { return isCharacter(at: index, ascii: ascii) }
        return Character(string(index..<characterEnd(at: index))) == character
    }

    /// Reads text up to a `\n` or `\r\n` Character or `stop` (the first Character of the start
    /// delimiter), or to the end: one grapheme step per Character, the parser's hottest loop.
    mutating func readText(upTo stop: Character) -> String {
        let stopByte = stop.utf8.count == 1 ? stop.asciiValue : nil
        let start = position
        while !reachedEnd {
            let end = characterEnd(at: position)
            switch end - position {
            case 1 where bytes[position] == .newline || bytes[position] == stopByte: return string(start..<position)
            case 2 where bytes[position] == .carriageReturn && bytes[position + 1] == .newline: return string(start..<position)
            case _ where stopByte == nil && Character(string(position..<end)) == stop: return string(start..<position)
            default: position = end
            }
        }
        return string(start..<position)
    }

    /// Reads the Characters for which `matches` holds.
    @discardableResult
    mutating func read(while matches: (MustacheScanner, Int) -> Bool) -> String {
        let start = position
        skip(while: matches)
        return string(start..<position)
    }

    mutating func skip(while matches: (MustacheScanner, Int) -> Bool) {
        while !reachedEnd, matches(self, position) { advance() }
    }

    mutating func readSpacesAndTabs() -> String { read(bytesIn: { $0 == .space || $0 == .tab }) }

    mutating func skipWhitespace() { skip(while: { $0.isWhitespace(at: $1) }) }

    /// Reads the Characters that are single ASCII bytes of `allowed`.
    mutating func read(bytesIn allowed: (UInt8) -> Bool) -> String {
        read(while: { scanner, index in scanner.characterEnd(at: index) == index + 1 && allowed(scanner.bytes[index]) })
    }

    /// Reads up to the first Character for which `stops` holds; at the end without one, the
    /// position is restored and it throws.
    mutating func read(until stops: (MustacheScanner, Int) -> Bool) throws(Overflow) -> String {
        let start = position
        while !reachedEnd {
            if stops(self, position) { return string(start..<position) }
            advance()
        }
        position = start
        throw Overflow()
    }

    /// Reads `character` if it is the current one; throws at the end.
    mutating func read(_ character: Character) throws(Overflow) -> Bool {
        guard !reachedEnd else { throw Overflow() }
        guard isCharacter(at: position, character) else { return false }
        advance()
        return true
    }

    /// Reads `literal` if the next Characters are it; throws when fewer Characters are left.
    mutating func read(literal: String) throws(Overflow) -> Bool {
        var end = position
        var allSingleBytes = true
        // An ASCII literal without a carriage return has as many Characters as bytes.
        let count = literal.utf8.allSatisfy { $0 < 0x80 && $0 != .carriageReturn } ? literal.utf8.count : literal.count
        for _ in 0..<count {
            guard end < bytes.count else { throw Overflow() }
            let next = characterEnd(at: end)
            allSingleBytes = allSingleBytes && next == end + 1
            end = next
        }
        let matches = allSingleBytes && literal.utf8.count == end - position
            ? literal.utf8.elementsEqual(bytes[position..<end])
            : string(position..<end) == literal
        guard matches else { return false }
        position = end
        return true
    }

    /// Reads past the first `literal`, matched as swift-mustache does: after a partial match
    /// fails, matching restarts at the next Character (so `%>` is not found in `%%>`).
    mutating func skip(pastNaive literal: String) throws(Overflow) {
        let characters = Array(literal)
        let start = position
        var matched = 0
        while !reachedEnd {
            if isCharacter(at: position, characters[matched]) {
                matched += 1
                if matched == characters.count {
                    advance()
                    return
                }
            } else {
                matched = 0
            }
            advance()
        }
        position = start
        throw Overflow()
    }

    /// Whether the rest of the line is spaces and tabs (or nothing): then they and the line
    /// break are consumed.
    mutating func hasLineFinished() -> Bool {
        if reachedEnd { return true }
        let start = position
        readSpacesAndTabs()
        if currentIsNewline {
            advance()
            return true
        }
        position = start
        return false
    }

    /// The 1-based line and column of the position as swift-mustache counts them: lines end at
    /// every line-break Character, columns restart only after a `\n` alone. It counts the line
    /// breaks as the Characters of the text they make when put together, where a lone `\r` and
    /// the next lone `\n` are one `\r\n`.
    var lineAndColumn: (line: Int, column: Int) {
        var line = 1, column = 1, index = 0
        var afterLoneCarriageReturn = false
        while index < position {
            let end = characterEnd(at: index)
            let isLone = end == index + 1
            if Self.isNewline(firstScalar(at: index)) {
                let joins = afterLoneCarriageReturn && isLone && bytes[index] == .newline
                if !joins { line += 1 }
                afterLoneCarriageReturn = !joins && isLone && bytes[index] == .carriageReturn
            }
            column = isLone && bytes[index] == .newline ? 1 : column + 1
            index = end
        }
        return (line, column)
    }

    /// Character.isWhitespace: its first scalar is Unicode White_Space.
    func isWhitespace(at index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return byte == .space || (0x09...0x0D).contains(byte) }
        return firstScalar(at: index).properties.isWhitespace
    }

    private func firstScalar(at index: Int) -> Unicode.Scalar {
        if bytes[index] < 0x80 { return Unicode.Scalar(bytes[index]) }
        return text.unicodeScalars[text.utf8.index(text.utf8.startIndex, offsetBy: index)]
    }

    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    private func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}

extension UInt8 {
    static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
}
