/// Splits a template into tokens the way jinja2's default lexer does: `{{ }}`, `{% %}` and
/// `{# #}` delimiters, `-` whitespace control on either side, `{% raw %}` blocks, newlines
/// normalized to `\n`, and one trailing newline dropped (jinja2's `keep_trailing_newline=False`).
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private let lineStarts: [Int]
    private var index = 0
    private var tokens: [Token] = []
    /// Set by a tag ending in `-%}`, `-}}` or `-#}`: the next text loses its leading whitespace.
    private var stripNextData = false

    init(_ source: String) {
        // jinja2 splits on every newline form and joins with "\n" before lexing.
        var normalized: [Unicode.Scalar] = []
        normalized.reserveCapacity(source.unicodeScalars.count)
        var iterator = source.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if scalar == "\r" {
                normalized.append("\n")
                if pending == "\n" { pending = iterator.next() }
            } else {
                normalized.append(scalar)
            }
        }
        if normalized.last == "\n" { normalized.removeLast() }
        scalars = normalized
        var starts = [0]
        for (offset, scalar) in normalized.enumerated() where scalar == "\n" { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The tokens of the whole template, ending with `.end`.
    static func tokenize(_ source: String) throws(JinjaError) -> [Token] {
        var lexer = Lexer(source)
        try lexer.run()
        return lexer.tokens
    }

    func position(_ offset: Int) -> SourcePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourcePosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    private func at(_ offset: Int) -> Unicode.Scalar? { offset < scalars.count ? scalars[offset] : nil }

    private func starts(with text: String, at offset: Int) -> Bool {
        var cursor = offset
        for scalar in text.unicodeScalars {
            guard at(cursor) == scalar else { return false }
            cursor += 1
        }
        return true
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    private mutating func run() throws(JinjaError) {
        while index < scalars.count {
            var opener = index
            while opener < scalars.count {
                if scalars[opener] == "{", let next = at(opener + 1), next == "{" || next == "%" || next == "#" { break }
                opener += 1
            }
            let stripsBefore = at(opener + 2) == "-"
            emitData(from: index, to: opener, stripEnd: stripsBefore)
            guard opener < scalars.count else { break }
            let kind = scalars[opener + 1]
            index = opener + 2
            // A `+` after any opener switches off lstrip_blocks, which is off anyway (so
            // `{{+ 'a' }}` prints `a`, as in jinja2).
            if stripsBefore || at(index) == "+" { index += 1 }
            switch kind {
            case "#": try comment(openedAt: opener)
            case "{": try tag(openedAt: opener, isBlock: false)
            default:
                if try !rawBlock(openedAt: opener) { try tag(openedAt: opener, isBlock: true) }
            }
        }
        tokens.append(Token(kind: .end, position: position(scalars.count)))
    }

    private mutating func emitData(from start: Int, to end: Int, stripEnd: Bool) {
        var lower = start
        var upper = end
        if stripNextData { while lower < upper, Self.isSpace(scalars[lower]) { lower += 1 } }
        if stripEnd { while upper > lower, Self.isSpace(scalars[upper - 1]) { upper -= 1 } }
        stripNextData = false
        guard lower < upper else { return }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[lower..<upper])
        tokens.append(Token(kind: .data(String(text)), position: position(lower)))
    }

    private mutating func comment(openedAt opener: Int) throws(JinjaError) {
        var cursor = index
        while cursor < scalars.count {
            if starts(with: "#}", at: cursor) {
                stripNextData = cursor > index && scalars[cursor - 1] == "-"
                index = cursor + 2
                return
            }
            cursor += 1
        }
        throw JinjaError(.syntax, "missing end of comment tag", at: position(opener))
    }

    /// `{% raw %}…{% endraw %}`: the text between is data, tags and all. Returns false when the
    /// block tag is not `raw`.
    private mutating func rawBlock(openedAt opener: Int) throws(JinjaError) -> Bool {
        var cursor = index
        while let scalar = at(cursor), Self.isSpace(scalar) { cursor += 1 }
        guard starts(with: "raw", at: cursor) else { return false }
        cursor += 3
        while let scalar = at(cursor), Self.isSpace(scalar) { cursor += 1 }
        let stripsAfter = at(cursor) == "-"
        if stripsAfter { cursor += 1 }
        guard starts(with: "%}", at: cursor) else { return false }
        let bodyStart = cursor + 2
        // Find `{%` `-`? spaces `endraw` spaces `-`? `%}`.
        var search = bodyStart
        while search < scalars.count {
            if starts(with: "{%", at: search) {
                var probe = search + 2
                let stripsBody = at(probe) == "-"
                if stripsBody || at(probe) == "+" { probe += 1 }
                while let scalar = at(probe), Self.isSpace(scalar) { probe += 1 }
                if starts(with: "endraw", at: probe) {
                    probe += 6
                    while let scalar = at(probe), Self.isSpace(scalar) { probe += 1 }
                    let stripsNext = at(probe) == "-"
                    if stripsNext { probe += 1 }
                    if starts(with: "%}", at: probe) {
                        stripNextData = stripsAfter
                        emitData(from: bodyStart, to: search, stripEnd: stripsBody)
                        stripNextData = stripsNext
                        index = probe + 2
                        return true
                    }
                }
            }
            search += 1
        }
        throw JinjaError(.syntax, "missing end of raw directive", at: position(opener))
    }

    private static let symbols: [String] = [
        "//", "**", "==", "!=", ">=", "<=",
        "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";",
    ]

    /// The tokens inside `{{ … }}` or `{% … %}`, up to the closing delimiter at bracket depth 0.
    private mutating func tag(openedAt opener: Int, isBlock: Bool) throws(JinjaError) {
        tokens.append(Token(kind: isBlock ? .blockBegin : .variableBegin, position: position(opener)))
        let closer = isBlock ? "%}" : "}}"
        var brackets: [Unicode.Scalar] = []
        while true {
            while let scalar = at(index), Self.isSpace(scalar) { index += 1 }
            guard let scalar = at(index) else {
                throw JinjaError(.syntax, "unexpected end of template, expected '\(closer)'", at: position(opener))
            }
            let start = index
            if brackets.isEmpty {
                if starts(with: "-" + closer, at: index) {
                    stripNextData = true
                    index += 3
                    tokens.append(Token(kind: isBlock ? .blockEnd : .variableEnd, position: position(start)))
                    return
                }
                if starts(with: closer, at: index) {
                    index += 2
                    tokens.append(Token(kind: isBlock ? .blockEnd : .variableEnd, position: position(start)))
                    return
                }
            }
            if scalar == "'" || scalar == "\"" {
                tokens.append(Token(kind: .string(try stringLiteral(quote: scalar)), position: position(start)))
            } else if scalar.properties.numericType != nil, ("0"..."9").contains(scalar) {
                tokens.append(Token(kind: try number(), position: position(start)))
            } else if scalar == "_" || scalar.properties.isXIDStart {
                while let next = at(index), next == "_" || next.properties.isXIDContinue { index += 1 }
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[start..<index])
                tokens.append(Token(kind: .name(String(text)), position: position(start)))
            } else if let symbol = Self.symbols.first(where: { starts(with: $0, at: index) }) {
                index += symbol.unicodeScalars.count
                switch symbol {
                case "(", "[", "{": brackets.append(symbol.unicodeScalars.first!)
                case ")", "]", "}":
                    let expected: Unicode.Scalar = symbol == ")" ? "(" : symbol == "]" ? "[" : "{"
                    guard brackets.last == expected else {
                        throw JinjaError(.syntax, "unexpected '\(symbol)'", at: position(start))
                    }
                    brackets.removeLast()
                default: break
                }
                tokens.append(Token(kind: .symbol(symbol), position: position(start)))
            } else {
                throw JinjaError(.syntax, "unexpected char '\(Character(scalar))' at \(start)", at: position(start))
            }
        }
    }

    private mutating func digits(allowed: (Unicode.Scalar) -> Bool) -> String {
        var text = ""
        while let scalar = at(index) {
            if allowed(scalar) {
                text.unicodeScalars.append(scalar)
                index += 1
            } else if scalar == "_", let next = at(index + 1), allowed(next), !text.isEmpty {
                index += 1
            } else {
                break
            }
        }
        return text
    }

    private mutating func number() throws(JinjaError) -> Token.Kind {
        let start = index
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        if at(index) == "0", let prefix = at(index + 1), "bBoOxX".unicodeScalars.contains(prefix) {
            index += 2
            let radix = "bB".unicodeScalars.contains(prefix) ? 2 : "oO".unicodeScalars.contains(prefix) ? 8 : 16
            if at(index) == "_" { index += 1 }
            let text = digits { Int(String($0), radix: radix) != nil }
            guard let value = Int(text, radix: radix) else {
                throw JinjaError(.syntax, "invalid integer literal", at: position(start))
            }
            return .integer(value)
        }
        let integerPart = digits(allowed: isDigit)
        // After a '.', jinja2 reads digits as an integer (`a.0` is item 0), never a float.
        let afterDot = start > 0 && scalars[start - 1] == "."
        var fraction: String?
        var exponent: String?
        if !afterDot {
            if at(index) == ".", let next = at(index + 1), isDigit(next) {
                index += 1
                fraction = digits(allowed: isDigit)
            }
            if let e = at(index), e == "e" || e == "E" {
                var probe = index + 1
                var sign = ""
                if let s = at(probe), s == "+" || s == "-" { sign = String(Character(s)); probe += 1 }
                if let d = at(probe), isDigit(d) {
                    index = probe
                    exponent = sign + digits(allowed: isDigit)
                }
            }
        }
        if fraction == nil && exponent == nil {
            guard let value = Int(integerPart) else {
                throw JinjaError(.unsupported, "integer literal \(integerPart) is too large", at: position(start))
            }
            return .integer(value)
        }
        let text = integerPart + (fraction.map { "." + $0 } ?? "") + (exponent.map { "e" + $0 } ?? "")
        guard let value = Double(text) else { throw JinjaError(.syntax, "invalid float literal", at: position(start)) }
        return .float(value)
    }

    private mutating func stringLiteral(quote: Unicode.Scalar) throws(JinjaError) -> String {
        let start = index
        index += 1
        var raw: [Unicode.Scalar] = []
        while true {
            guard let scalar = at(index) else {
                throw JinjaError(.syntax, "unexpected char \(quote == "'" ? "\"'\"" : "'\"'") at \(start)", at: position(start))
            }
            index += 1
            if scalar == quote { break }
            raw.append(scalar)
            if scalar == "\\", let next = at(index) {
                raw.append(next)
                index += 1
            }
        }
        return Self.unescape(raw)
    }

    /// Python's `unicode-escape` decoding, which jinja2 applies to string literals.
    static func unescape(_ raw: [Unicode.Scalar]) -> String {
        var result = String.UnicodeScalarView()
        var cursor = 0
        func hex(_ count: Int) -> Unicode.Scalar? {
            guard cursor + count <= raw.count else { return nil }
            var text = ""
            text.unicodeScalars.append(contentsOf: raw[cursor..<cursor + count])
            guard text.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit }), let value = UInt32(text, radix: 16) else { return nil }
            return Unicode.Scalar(value)
        }
        while cursor < raw.count {
            let scalar = raw[cursor]
            cursor += 1
            guard scalar == "\\", cursor < raw.count else {
                result.append(scalar)
                continue
            }
            let escape = raw[cursor]
            cursor += 1
            switch escape {
            case "\n": break
            case "\\": result.append("\\")
            case "'": result.append("'")
            case "\"": result.append("\"")
            case "a": result.append("\u{07}")
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "v": result.append("\u{0B}")
            case "x", "u", "U":
                let count = escape == "x" ? 2 : escape == "u" ? 4 : 8
                if let decoded = hex(count) {
                    result.append(decoded)
                    cursor += count
                } else {
                    result.append("\\")
                    result.append(escape)
                }
            case "0"..."7":
                var value = escape.value - 48
                var taken = 1
                while taken < 3, cursor < raw.count, ("0"..."7").contains(raw[cursor]) {
                    value = value * 8 + raw[cursor].value - 48
                    cursor += 1
                    taken += 1
                }
                result.append(Unicode.Scalar(value) ?? "?")
            default:
                result.append("\\")
                result.append(escape)
            }
        }
        return String(result)
    }
}
