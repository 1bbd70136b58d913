/// Writes a ``JSONValue`` as the compact text JSONEncoder writes with `.sortedKeys` and
/// `.withoutEscapingSlashes`, byte for byte (Tests/StateStoreTests/JSONTextTests compares the
/// two), without Codable's containers: every state commit writes runtime properties, and
/// JSONEncoder spent about 120,000 instructions on each.
enum JSONTextWriter {
    /// The text, or nil when a number is not finite (JSON has no NaN or infinity; JSONEncoder
    /// refuses the whole value then).
    static func text(of value: JSONValue) -> String? {
        var output = ""
        return write(value, into: &output) ? output : nil
    }

    private static func write(_ value: JSONValue, into output: inout String) -> Bool {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .number(let number):
            guard number.isFinite else { return false }
            // A whole number is written without ".0", as JSONEncoder does: 3.0 → 3, 1e+20 stays.
            let text = number.description
            output += text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                guard write(element, into: &output) else { return false }
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                writeString(key, into: &output)
                output += ":"
                guard write(members[key]!, into: &output) else { return false }
            }
            output += "}"
        }
        return true
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        var plainStart = text.unicodeScalars.startIndex
        var index = plainStart
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escape: String? = switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case "\u{8}": "\\b"
            case "\u{c}": "\\f"
            case _ where scalar.value < 0x20:
                "\\u00" + String(hexDigits[Int(scalar.value >> 4)]) + String(hexDigits[Int(scalar.value & 0xF)])
            default: nil
            }
            if let escape {
                output.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                output += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        output.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        output += "\""
    }
}
