import Jinja

/// A small JSON reader that keeps object keys in order, as Python's `json.loads` does, so a
/// context means the same to the Swift interpreter and to jinja2 (Foundation's reader does not
/// keep the order, and dict order is visible in `{{ d }}` and `for k in d`).
struct OrderedJSON {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    static func parse(_ text: String) throws -> Value {
        var reader = OrderedJSON(scalars: Array(text.unicodeScalars))
        let value = try reader.value()
        reader.skipSpace()
        guard reader.index == reader.scalars.count else { throw Failure(description: "trailing text in JSON") }
        return value
    }

    /// A JSON object as a template context.
    static func context(_ text: String) throws -> [String: Value] {
        guard case .dict(let dict) = try parse(text) else { throw Failure(description: "the context must be a JSON object") }
        var context: [String: Value] = [:]
        for (key, value) in dict.pairs {
            guard case .string(let name) = key else { continue }
            context[name] = value
        }
        return context
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private mutating func skipSpace() {
        while index < scalars.count, " \n\r\t".unicodeScalars.contains(scalars[index]) { index += 1 }
    }

    private mutating func expect(_ word: String) throws {
        for scalar in word.unicodeScalars {
            guard index < scalars.count, scalars[index] == scalar else { throw Failure(description: "expected \(word)") }
            index += 1
        }
    }

    private mutating func value() throws -> Value {
        skipSpace()
        guard index < scalars.count else { throw Failure(description: "unexpected end of JSON") }
        switch scalars[index] {
        case "{":
            index += 1
            var dict = Value.Dictionary()
            skipSpace()
            if scalars[index] == "}" { index += 1; return .dict(dict) }
            while true {
                skipSpace()
                guard case .string(let key) = try value() else { throw Failure(description: "object keys must be strings") }
                skipSpace()
                try expect(":")
                dict[.string(key)] = try value()
                skipSpace()
                if scalars[index] == "," { index += 1; continue }
                try expect("}")
                return .dict(dict)
            }
        case "[":
            index += 1
            var items: [Value] = []
            skipSpace()
            if scalars[index] == "]" { index += 1; return .list(items) }
            while true {
                items.append(try value())
                skipSpace()
                if scalars[index] == "," { index += 1; continue }
                try expect("]")
                return .list(items)
            }
        case "\"":
            index += 1
            var text = String.UnicodeScalarView()
            while scalars[index] != "\"" {
                if scalars[index] == "\\" {
                    index += 1
                    let escape = scalars[index]
                    index += 1
                    switch escape {
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    case "r": text.append("\r")
                    case "b": text.append("\u{08}")
                    case "f": text.append("\u{0C}")
                    case "u":
                        var hex = ""
                        hex.unicodeScalars.append(contentsOf: scalars[index..<index + 4])
                        index += 4
                        text.append(Unicode.Scalar(UInt32(hex, radix: 16)!) ?? "?")
                    default: text.append(escape)
                    }
                } else {
                    text.append(scalars[index])
                    index += 1
                }
            }
            index += 1
            return .string(String(text))
        case "t": try expect("true"); return .bool(true)
        case "f": try expect("false"); return .bool(false)
        case "n": try expect("null"); return .none
        default:
            let start = index
            while index < scalars.count, "+-0123456789.eE".unicodeScalars.contains(scalars[index]) { index += 1 }
            var number = ""
            number.unicodeScalars.append(contentsOf: scalars[start..<index])
            if let integer = Int(number) { return .int(integer) }
            guard let float = Double(number) else { throw Failure(description: "bad number \(number)") }
            return .float(float)
        }
    }
}
