import Blueprint
import StateStore

/// Python's truth value, which the utilities plugin's code tests its settings with (`if header:`,
/// `config.get('use_secret_store') or ...`): false for None, False, 0, "" and empty collections.
enum PythonTruth {
    static func of(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: false
        case .bool(let flag)?: flag
        case .integer(let number)?: number != 0
        case .number(let number)?: number != 0
        case .string(let text)?: !text.isEmpty
        case .array(let items)?: !items.isEmpty
        case .object(let fields)?: !fields.isEmpty
        }
    }

    static func of(_ value: Value) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .int(let number): number != 0
        case .float(let number): number != 0
        case .string(let text): !text.isEmpty
        case .list(let items): !items.isEmpty
        case .map(let entries): !entries.isEmpty
        }
    }
}
