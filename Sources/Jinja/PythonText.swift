/// How Python turns values into text: `str()` for printing, `repr()` inside containers, and
/// float formatting with Python's rules (`1.0`, `1e+16`, `1e-05`).
enum PythonText {
    /// The text of a value would be longer than ``RenderLimits/textBytes``: a list repeated
    /// into itself is small in memory, and its text is not.
    struct TooLong: Error {}

    /// Python's `str(value)`; nil for values Python prints with a memory address (methods,
    /// generators), which no template can rely on.
    static func str(_ value: Value) throws(TooLong) -> String? {
        switch value {
        case .undefined: ""
        case .string(let text), .markup(let text): text
        default: try repr(value)
        }
    }

    /// Python's `repr(value)`.
    static func repr(_ value: Value) throws(TooLong) -> String? {
        var text = ""
        return try write(value, into: &text) ? text : nil
    }

    /// Appends `repr(value)` to `out`; false for a value without a stable text (nothing then
    /// is of use). Throws once `out` is longer than the limit.
    private static func write(_ value: Value, into out: inout String) throws(TooLong) -> Bool {
        switch value {
        case .undefined: out += "Undefined"
        case .none: out += "None"
        case .bool(let flag): out += flag ? "True" : "False"
        case .int(let number): out += String(number)
        case .float(let number): out += float(number)
        case .string(let text): out += quoted(text)
        case .markup(let text): out += "Markup(\(quoted(text)))"
        case .list(let items):
            out += "["
            guard try write(items, into: &out) else { return false }
            out += "]"
        case .tuple(let items):
            out += "("
            guard try write(items, into: &out) else { return false }
            out += items.count == 1 ? ",)" : ")"
        case .dict(let dict):
            out += "{"
            for (offset, (key, item)) in dict.pairs.enumerated() {
                if offset > 0 { out += ", " }
                guard try write(key, into: &out) else { return false }
                out += ": "
                guard try write(item, into: &out) else { return false }
            }
            out += "}"
        case .loop(let index0, let length): out += "<LoopContext \(index0 + 1)/\(length)>"
        case .view(let kind, let items):
            if kind.hasPrefix("range(") {
                out += kind
            } else {
                out += "\(kind)(["
                guard try write(items, into: &out) else { return false }
                out += "])"
            }
        case .macro(let macro): out += "<Macro \(quoted(macro.definition.name))>"
        case .namespace(let namespace):
            out += "<Namespace "
            guard try write(.dict(namespace.attributes), into: &out) else { return false }
            out += ">"
        case .group(let grouper, let list):
            // _GroupTuple prints as the tuple it is.
            guard try write(.tuple([grouper, .list(list)]), into: &out) else { return false }
        case .method, .generator: return false
        }
        if out.utf8.count > RenderLimits.textBytes { throw TooLong() }
        return true
    }

    /// The items' reprs separated by ", ".
    private static func write(_ items: [Value], into out: inout String) throws(TooLong) -> Bool {
        for (offset, item) in items.enumerated() {
            if offset > 0 { out += ", " }
            guard try write(item, into: &out) else { return false }
        }
        return true
    }

    /// Python's `repr(float)`: the shortest digits that read back the same, fixed notation
    /// for exponents from -4 to 15, scientific otherwise.
    static func float(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        let sign = number.sign == .minus ? "-" : ""
        // Swift's description also gives the shortest round-trip digits; only the layout differs.
        let text = abs(number).description
        let parts = text.split(separator: "e")
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(pieces[0])
        let fraction = pieces.count > 1 ? String(pieces[1]) : ""
        var digits = Array(whole + fraction)
        var point = whole.count + exponent
        while digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return sign + "0.0" }
        let decimalExponent = point - 1
        if decimalExponent >= -4 && decimalExponent < 16 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
            if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) + ".0" }
            return sign + String(digits[..<point]) + "." + String(digits[point...])
        }
        let head = String(digits[0]) + (digits.count > 1 ? "." + String(digits[1...]) : "")
        let magnitude = abs(decimalExponent)
        return sign + head + "e" + (decimalExponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
    }

    /// Python's `repr(str)`: single quotes unless the text holds one and no double quote.
    static func quoted(_ text: String) -> String {
        let quote: Unicode.Scalar = text.unicodeScalars.contains("'") && !text.unicodeScalars.contains("\"") ? "\"" : "'"
        var result = String.UnicodeScalarView()
        result.append(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case quote, "\\":
                result.append("\\")
                result.append(scalar)
            case "\n": result.append(contentsOf: "\\n".unicodeScalars)
            case "\r": result.append(contentsOf: "\\r".unicodeScalars)
            case "\t": result.append(contentsOf: "\\t".unicodeScalars)
            default:
                if isPrintable(scalar) {
                    result.append(scalar)
                } else {
                    let value = scalar.value
                    let (prefix, width) = value < 0x100 ? ("\\x", 2) : value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
                    let hex = String(value, radix: 16)
                    result.append(contentsOf: (prefix + String(repeating: "0", count: width - hex.count) + hex).unicodeScalars)
                }
            }
        }
        result.append(quote)
        return String(result)
    }

    /// Python's `str.isprintable()` for one character.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// markupsafe's `escape`: the five characters HTML and XML treat specially.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&#34;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
