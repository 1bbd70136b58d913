/// Parses the Mustache subset the built-in templates use (text, variables, sections, inverted
/// sections, comments, partials and block defaults) into a ``CompiledTemplate``, with the same
/// standalone-line and indentation rules as swift-mustache, so both render the same bytes
/// (Tests/RenderingTests/CompiledTemplateTests compares them). Anything else (unescaped tags,
/// changed delimiters, parents, transforms, carriage returns) makes it return nil.
struct CompiledTemplateParser {
    private let bytes: [UInt8]
    private var position = 0

    static func parse(_ text: String) -> CompiledTemplate? {
        var parser = CompiledTemplateParser(bytes: Array(text.utf8))
        guard !parser.bytes.contains(ascii: "\r"), let tokens = parser.parseTokens(closing: nil, atLineStart: true) else { return nil }
        return CompiledTemplate(tokens: tokens)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// Tokens up to the close tag of `closing` (consumed), or to the end when `closing` is nil.
    private mutating func parseTokens(closing: String?, atLineStart: Bool) -> [CompiledTemplate.Token]? {
        var tokens: [CompiledTemplate.Token] = []
        var atLineStart = atLineStart
        // Spaces that began the line: dropped when a standalone tag follows, kept otherwise.
        var leadingSpace = ""
        while position < bytes.count {
            if atLineStart { leadingSpace = read { $0 == .space || $0 == .tab } }
            let (text, stop) = readText()
            if stop == .newline {
                tokens.append(.text(leadingSpace + text + "\n"))
                position += 1
                atLineStart = true
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(leadingSpace + text))
                leadingSpace = ""
                atLineStart = false
            }
            if stop == .end { break }

            var nextAtLineStart = false
            let sigil = bytes[position]
            switch sigil {
            case .hash, .caret:
                position += 1
                guard let name = readName() else { return nil }
                if isStandalone(atLineStart) {
                    nextAtLineStart = true
                } else if !leadingSpace.isEmpty {
                    tokens.append(.text(leadingSpace))
                    leadingSpace = ""
                }
                guard let inner = parseTokens(closing: name, atLineStart: nextAtLineStart) else { return nil }
                let body = CompiledTemplate(tokens: inner)
                tokens.append(sigil == .hash ? .section(ContextPath(name), body) : .invertedSection(ContextPath(name), body))
            case .slash:
                position += 1
                guard let name = readName(), name == closing else { return nil }
                if !isStandalone(atLineStart), !leadingSpace.isEmpty { tokens.append(.text(leadingSpace)) }
                return tokens
            case .bang:
                position += 1
                guard skipComment() else { return nil }
                nextAtLineStart = isStandalone(atLineStart)
            case .greaterThan:
                position += 1
                _ = read(while: Self.isWhitespace)
                guard position < bytes.count, bytes[position] != .asterisk, let name = readName(allowing: Self.isPartialNameByte) else { return nil }
                if !leadingSpace.isEmpty { tokens.append(.text(leadingSpace)) }
                if isStandalone(atLineStart) {
                    nextAtLineStart = true
                    tokens.append(.partial(name, indentation: leadingSpace))
                } else {
                    tokens.append(.partial(name, indentation: nil))
                }
                leadingSpace = ""
            case .dollar:
                position += 1
                guard let name = readName() else { return nil }
                if !leadingSpace.isEmpty { tokens.append(.text(leadingSpace)) }
                nextAtLineStart = isStandalone(atLineStart)
                guard let inner = parseTokens(closing: name, atLineStart: nextAtLineStart) else { return nil }
                tokens.append(.block(CompiledTemplate(tokens: inner), indentation: leadingSpace))
                leadingSpace = ""
            case .openBrace, .ampersand, .equals, .percent, .lessThan, .newline:
                return nil
            default:
                if !leadingSpace.isEmpty {
                    tokens.append(.text(leadingSpace))
                    leadingSpace = ""
                }
                guard let name = readName() else { return nil }
                tokens.append(.variable(ContextPath(name)))
            }
            atLineStart = nextAtLineStart
        }
        // Spaces at the very end, after the last newline, are dropped, as swift-mustache does.
        return closing == nil ? tokens : nil
    }

    private enum TextStop { case newline, tag, end }

    /// Text up to a newline (not consumed), a `{{` (consumed) or the end.
    private mutating func readText() -> (String, TextStop) {
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case .newline:
                return (string(start..<position), .newline)
            case .openBrace where position + 1 < bytes.count && bytes[position + 1] == .openBrace:
                let text = string(start..<position)
                position += 2
                return (text, position < bytes.count ? .tag : .end)
            default:
                position += 1
            }
        }
        return (string(start..<position), .end)
    }

    /// A tag's name and its closing `}}`; nil for an empty name, a transform (`first(x)`) or a
    /// tag left open.
    private mutating func readName(allowing isNameByte: (UInt8) -> Bool = Self.isNameByte) -> String? {
        _ = read(while: Self.isWhitespace)
        let name = read(while: isNameByte)
        _ = read(while: Self.isWhitespace)
        guard !name.isEmpty, !name.utf8.contains(.openParenthesis), skip("}}") else { return nil }
        return name
    }

    private mutating func skipComment() -> Bool {
        while position + 1 < bytes.count {
            if bytes[position] == .closeBrace && bytes[position + 1] == .closeBrace {
                position += 2
                return true
            }
            position += 1
        }
        return false
    }

    /// Whether the tag just read stands alone on its line; if so, the rest of the line and its
    /// newline are consumed.
    private mutating func isStandalone(_ atLineStart: Bool) -> Bool {
        guard atLineStart else { return false }
        if position >= bytes.count { return true }
        var end = position
        while end < bytes.count, bytes[end] == .space || bytes[end] == .tab { end += 1 }
        guard end < bytes.count, bytes[end] == .newline else { return false }
        position = end + 1
        return true
    }

    private mutating func read(while matches: (UInt8) -> Bool) -> String {
        let start = position
        while position < bytes.count, matches(bytes[position]) { position += 1 }
        return string(start..<position)
    }

    private mutating func skip(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] { return false }
        position += count
        return true
    }

    private func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == .space || (0x09...0x0D).contains(byte) }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), .asterisk, .openParenthesis, UInt8(ascii: ")"):
            true
        default:
            false
        }
    }

    private static func isPartialNameByte(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "/") || isNameByte(byte) }
}

private extension UInt8 {
    static let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let hash = UInt8(ascii: "#"), caret = UInt8(ascii: "^"), slash = UInt8(ascii: "/"), bang = UInt8(ascii: "!")
    static let greaterThan = UInt8(ascii: ">"), lessThan = UInt8(ascii: "<"), dollar = UInt8(ascii: "$")
    static let ampersand = UInt8(ascii: "&"), equals = UInt8(ascii: "="), percent = UInt8(ascii: "%")
    static let asterisk = UInt8(ascii: "*"), openParenthesis = UInt8(ascii: "(")
}

private extension Array where Element == UInt8 {
    func contains(ascii character: Unicode.Scalar) -> Bool { contains(UInt8(ascii: character)) }
}
