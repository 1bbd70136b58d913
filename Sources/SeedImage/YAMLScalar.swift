/// How one scalar (or empty collection) is written in YAML so that PyYAML's YAML 1.1 resolver
/// reads it back as the same type and text.
enum YAMLScalar {
    /// The text that goes on the node's line, and for literal blocks the content lines below it.
    struct Written {
        var header: String
        var blockLines: [String] = []
    }

    static func write(_ value: SeedValue, contentIndent: Int) -> Written {
        switch value {
        case .null: Written(header: "null")
        case .bool(let flag): Written(header: flag ? "true" : "false")
        case .integer(let number): Written(header: String(number))
        case .number(let number): Written(header: float(number))
        case .string(let text): string(text, contentIndent: contentIndent)
        case .list: Written(header: "[]")
        case .map: Written(header: "{}")
        }
    }

    /// A mapping key: plain when safe, otherwise double-quoted (never a block).
    static func key(_ text: String) -> String {
        isPlainSafe(text) ? text : doubleQuoted(text)
    }

    private static func string(_ text: String, contentIndent: Int) -> Written {
        if isPlainSafe(text) {
            return Written(header: text)
        }
        if let literal = literalBlock(text, contentIndent: contentIndent) {
            return literal
        }
        return Written(header: doubleQuoted(text))
    }

    /// YAML 1.1 floats need a dot in the mantissa ("1e-05" would read as a string) and a
    /// signed exponent, which Swift's description already gives.
    private static func float(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        let text = String(number)
        guard !text.contains("."), let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return text
        }
        return text[..<exponent] + ".0" + text[exponent...]
    }

    // MARK: Plain scalars

    /// Words PyYAML resolves to booleans or null (plus YAML 1.1's y/n, which other readers take
    /// as booleans), compared without case.
    private static let reservedWords: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "<<", "=",
    ]

    /// Whether `text` can be written unquoted and read back as this same string. Deliberately
    /// conservative: anything starting with a digit, a sign or a dot may be a number, a date or
    /// a sexagesimal in YAML 1.1, so it is quoted.
    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        let startsSafely = ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "/" || first == "_"
        let printableOnly = text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) || $0 == " " }
        return startsSafely
            && printableOnly
            && last != " " && last != ":"
            && !text.contains(": ") && !text.contains(" #")
            && !reservedWords.contains(text.lowercased())
            && !isSpecialFloat(text)
    }

    /// `.inf`, `.NaN` and friends start with a dot and are quoted anyway; this catches words
    /// like "inf" that PyYAML does not read as numbers but other readers might.
    private static func isSpecialFloat(_ text: String) -> Bool {
        ["inf", "nan"].contains(text.lowercased())
    }

    // MARK: Literal blocks

    /// Multi-line text as a literal block (`|`), kept exactly: the chomping indicator says how
    /// many final newlines there are (`|-` none, `|` one, `|+` more), and an indentation
    /// indicator is added when the first line starts with a space or is empty. Text a literal
    /// block cannot hold (no visible line, carriage returns, control characters) is not written so.
    private static func literalBlock(_ text: String, contentIndent: Int) -> Written? {
        guard text.contains("\n"),
              text.unicodeScalars.allSatisfy({ isWrittenAsIs($0) || $0 == "\n" || $0 == "\t" })
        else { return nil }
        var body = Substring(text)
        var trailingNewlines = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailingNewlines += 1
        }
        guard body.contains(where: { $0 != " " && $0 != "\t" && $0 != "\n" }) else { return nil }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let padding = String(repeating: " ", count: contentIndent)
        let chomping = trailingNewlines == 0 ? "-" : trailingNewlines == 1 ? "" : "+"
        let needsIndentation = lines[0].isEmpty || lines[0].hasPrefix(" ")
        // The indicator counts from the parent node's indentation, two columns to the left.
        let header = "|" + (needsIndentation ? "2" : "") + chomping
        let content = lines.map { $0.isEmpty ? "" : padding + $0 }
        let keptEmptyLines = Array(repeating: "", count: max(0, trailingNewlines - 1))
        return Written(header: header, blockLines: content + keptEmptyLines)
    }

    /// Characters YAML keeps as they are inside a scalar: printable ASCII, and printable
    /// non-ASCII except the line separators LS and PS, the byte order mark and non-characters.
    private static func isWrittenAsIs(_ scalar: Unicode.Scalar) -> Bool {
        (0x20...0x7E).contains(scalar.value)
            || scalar.value >= 0xA0 && ![0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF].contains(scalar.value)
    }

    // MARK: Double-quoted scalars

    /// A double-quoted scalar; backslash escapes for the quote, the backslash, and every
    /// character outside printable ASCII that YAML would not keep as is.
    private static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            case _ where isWrittenAsIs(scalar):
                result.unicodeScalars.append(scalar)
            default:
                result += escape(scalar)
            }
        }
        return result + "\""
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let (prefix, width) = scalar.value <= 0xFF ? ("\\x", 2) : scalar.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return prefix + String(repeating: "0", count: width - digits.count) + digits
    }
}
