/// jinja2's `tojson` filter: Python's `json.dumps(value, sort_keys=True)` (ASCII only, `", "`
/// and `": "` separators), then `<`, `>`, `&` and `'` written as `\u` escapes so the text is
/// safe inside HTML or XML.
enum JSONText {
    enum Failure: Error {
        /// A value JSON has no form for, by its Python type name.
        case unserializable(typeName: String)
        /// The text would be longer than ``RenderLimits/textBytes``.
        case tooLong
    }

    static func dumps(_ value: Value, indent: Int?) throws(Failure) -> String {
        var out = ""
        try write(value, indent: indent, depth: 0, into: &out)
        return out
    }

    private static func write(_ value: Value, indent: Int?, depth: Int, into out: inout String) throws(Failure) {
        switch value {
        case .none: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .float(let number):
            out += number.isNaN ? "NaN" : number.isInfinite ? (number < 0 ? "-Infinity" : "Infinity") : PythonText.float(number)
        case .string(let text), .markup(let text): out += string(text)
        case .list, .tuple, .group:
            let items = value.iterationItems ?? []
            out += "["
            for (offset, item) in items.enumerated() {
                try separate(offset, indent: indent, depth: depth, into: &out)
                try write(item, indent: indent, depth: depth + 1, into: &out)
            }
            try close("]", empty: items.isEmpty, indent: indent, depth: depth, into: &out)
        case .dict(let dict):
            var entries: [(String, Value)] = []
            for (key, item) in dict.pairs {
                let name: String
                switch key {
                case .string(let text), .markup(let text): name = text
                case .int(let number): name = String(number)
                case .bool(let flag): name = flag ? "true" : "false"
                case .none: name = "null"
                case .float(let number): name = PythonText.float(number)
                default: throw .unserializable(typeName: key.typeName)
                }
                entries.append((name, item))
            }
            entries.sort { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) { $0.value < $1.value } }
            out += "{"
            for (offset, entry) in entries.enumerated() {
                try separate(offset, indent: indent, depth: depth, into: &out)
                out += string(entry.0) + ": "
                try write(entry.1, indent: indent, depth: depth + 1, into: &out)
            }
            try close("}", empty: entries.isEmpty, indent: indent, depth: depth, into: &out)
        default:
            throw .unserializable(typeName: value.typeName)
        }
        if out.utf8.count > RenderLimits.textBytes { throw .tooLong }
    }

    /// The separator before an element: `, ` on one line, or `,` and a new indented line.
    private static func separate(_ offset: Int, indent: Int?, depth: Int, into out: inout String) throws(Failure) {
        if offset > 0 { out += indent == nil ? ", " : "," }
        if let indent { try newLine(indent: indent, depth: depth + 1, into: &out) }
    }

    private static func close(_ bracket: String, empty: Bool, indent: Int?, depth: Int, into out: inout String) throws(Failure) {
        if let indent, !empty { try newLine(indent: indent, depth: depth, into: &out) }
        out += bracket
    }

    /// A new line indented `indent` spaces (none when negative, as Python's `' ' * indent`) for
    /// each level of `depth`, refused before it is made when the text would grow too long.
    private static func newLine(indent: Int, depth: Int, into out: inout String) throws(Failure) {
        guard let spaces = RenderLimits.product(max(indent, 0), depth), out.utf8.count + 1 + spaces <= RenderLimits.textBytes else {
            throw .tooLong
        }
        out += "\n" + String(repeating: " ", count: spaces)
    }

    private static func string(_ text: String) -> String {
        var out = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            // The HTML-safe replacements jinja2 applies after dumping.
            case 0x3C, 0x3E, 0x26, 0x27, 0..<0x20, 0x7F...:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            }
        }
        return out + "\""
    }
}
