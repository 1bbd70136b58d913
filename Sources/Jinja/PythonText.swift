/// How Python turns values into text: `str()` for printing, `repr()` inside containers, and
/// float formatting with Python's rules (`1.0`, `1e+16`, `1e-05`).
enum PythonText {
    /// Python's `str(value)`; nil for values Python prints with a memory address (methods,
    /// generators), which no template can rely on.
    static func str(_ value: Value) -> String? {
        switch value {
        case .undefined: ""
        case .string(let text), .markup(let text): text
        default: repr(value)
        }
    }

    /// Python's `repr(value)`.
    static func repr(_ value: Value) -> String? {
        switch value {
        case .undefined: return "Undefined"
        case .none: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .float(let number): return float(number)
        case .string(let text): return quoted(text)
        case .markup(let text): return "Markup(\(quoted(text)))"
        case .list(let items): return joined(items).map { "[\($0)]" }
        case .tuple(let items):
            guard let inner = joined(items) else { return nil }
            return items.count == 1 ? "(\(inner),)" : "(\(inner))"
        case .dict(let dict):
            var parts: [String] = []
            for (key, item) in dict.pairs {
                guard let k = repr(key), let v = repr(item) else { return nil }
                parts.append("\(k): \(v)")
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .loop(let index0, let length): return "<LoopContext \(index0 + 1)/\(length)>"
        case .view(let kind, let items):
            if kind.hasPrefix("range(") { return kind }
            return joined(items).map { "\(kind)([\($0)])" }
        case .method, .generator: return nil
        }
    }

    private static func joined(_ items: [Value]) -> String? {
        var parts: [String] = []
        for item in items {
            guard let text = repr(item) else { return nil }
            parts.append(text)
        }
        return parts.joined(separator: ", ")
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
