import Platform
import YAMLSource

/// A plain, fully known value: what a literal in a blueprint, an input given on the command line,
/// or an evaluated expression is. Maps keep the order they were written in.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([Value])
    case map([Entry])

    /// One key and value of a map.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: Value

        public init(key: String, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// The value of a YAML scalar under the YAML 1.2 core schema.
    public init(_ scalar: ScalarValue) {
        switch scalar {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .float(let number): self = .float(number)
        case .string(let text): self = .string(text)
        }
    }

    /// The literal value of a YAML node, taken as data: a mapping becomes a map even when its only
    /// key is a function name (use `ExpressionParser` to see functions).
    public init(_ node: Node) {
        switch node.content {
        case .scalar(let scalar):
            self.init(scalar.value)
        case .sequence(let items):
            self = .list(items.map(Value.init))
        case .mapping(let pairs):
            self = .map(pairs.map { Entry(key: $0.key.keyText, value: Value($0.value)) })
        }
    }

    /// A map from ordered entries; a repeated key keeps its last value at its first position.
    public static func map(pairs: [(String, Value)]) -> Value {
        var entries: [Entry] = []
        var positions: [String: Int] = [:]
        for (key, value) in pairs {
            if let index = positions[key] {
                entries[index].value = value
            } else {
                positions[key] = entries.count
                entries.append(Entry(key: key, value: value))
            }
        }
        return .map(entries)
    }

    /// The value under `key` when this is a map.
    public subscript(key: String) -> Value? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The map's entries, or nil when this is not a map.
    public var entries: [Entry]? {
        if case .map(let entries) = self { return entries }
        return nil
    }

    /// The list's items, or nil when this is not a list.
    public var items: [Value]? {
        if case .list(let items) = self { return items }
        return nil
    }

    /// The text when this is a string.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A word for the value's kind in messages: "a map", "a list", "a string", "null", …
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .float: "a number"
        case .string: "a string"
        case .list: "a list"
        case .map: "a map"
        }
    }
}

extension Value: CustomStringConvertible {
    /// The value in YAML flow style, for messages: `"text"`, `42`, `[1, 2]`, `{a: 1}`.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .float(let number): return Value.formatFloat(number)
        case .string(let text): return Value.quoted(text)
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { "\($0.key): \($0.value.description)" }.joined(separator: ", ") + "}"
        }
    }

    /// The value as Cloudify's `concat` renders it (Python's `str`): strings bare, `True`/`False`,
    /// `None`, and Python's list and dict syntax, so a concatenation reads as it would there.
    public var pythonString: String {
        switch self {
        case .string(let text): return text
        default: return pythonRepresentation
        }
    }

    private var pythonRepresentation: String {
        switch self {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .float(let number): return Value.formatFloat(number)
        case .string(let text): return "'" + text.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
        case .list(let items): return "[" + items.map(\.pythonRepresentation).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { "'\($0.key)': \($0.value.pythonRepresentation)" }.joined(separator: ", ") + "}"
        }
    }

    static func formatFloat(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        return String(number)
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}

extension Node {
    /// A mapping key as text: the string, or the scalar as written (`80` for an integer key).
    var keyText: String {
        if case .scalar(let scalar) = content {
            if case .string(let text) = scalar.value { return text }
            return scalar.text
        }
        return Value(self).description
    }
}
