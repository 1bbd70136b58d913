import Platform

/// A JSON value: how runtime properties and evaluated outputs are kept in the state.
/// Integers stay integers (a port or a CPU count reads back as `.integer`, not `.number`); a
/// whole `.number` such as 3.0 is written as `3` and so reads back as `.integer(3)`.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Compact JSON with sorted keys, so equal values are stored as equal text: the text
    /// JSONEncoder writes with `.sortedKeys` and `.withoutEscapingSlashes` (see JSONTextWriter).
    public func jsonText() -> String {
        // Like JSONEncoder, a value holding a number that is not finite is written as null.
        JSONTextWriter.text(of: self) ?? "null"
    }

    /// Parses JSON text, as stored by `jsonText()` (see JSONTextReader).
    public init(jsonText: String) throws {
        self = try JSONTextReader.value(of: jsonText)
    }
}
