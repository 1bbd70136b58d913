import Blueprint

/// The text of Python's `json.dumps(value)` with its defaults, which the utilities plugin
/// writes as a CloudConfig's `json_config`: `", "` and `": "` separators, keys in the map's
/// order, everything outside printable ASCII escaped (`\u00e9`, surrogate pairs beyond the
/// BMP), floats as Python's repr.
public enum PythonJSONDump {
    public static func text(of value: Value) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    private static func write(_ value: Value, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .float(let number): output += PythonFloat.jsonText(number)
        case .string(let text): writeString(text, to: &output)
        case .list(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", " }
                write(item, to: &output)
            }
            output += "]"
        case .map(let entries):
            output += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { output += ", " }
                writeString(entry.key, to: &output)
                output += ": "
                write(entry.value, to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{8}": output += "\\b"
            case "\u{C}": output += "\\f"
            default:
                if (0x20...0x7E).contains(character.value) {
                    output.unicodeScalars.append(character)
                } else {
                    for unit in String(character).utf16 { output += "\\u" + hex4(unit) }
                }
            }
        }
        output += "\""
    }

    private static func hex4(_ unit: UInt16) -> String {
        let text = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - text.count) + text
    }
}
