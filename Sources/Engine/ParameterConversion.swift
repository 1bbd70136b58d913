import Blueprint
import Rendering

/// Blueprint values as template parameters.
enum ParameterConversion {
    /// A known value as a template parameter; nil for null, which a template treats as "not
    /// given" (a null inside a list becomes an empty string, which counts the same).
    static func renderValue(_ value: Value) -> RenderValue? {
        switch value {
        case .null: nil
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .float: .string(value.description)
        case .string(let text): .string(text)
        case .list(let items): .list(items.map { renderValue($0) ?? .string("") })
        case .map(let entries): .map(mapping(entries, key: \.key) { renderValue($0.value) })
        }
    }

    /// An evaluated value as a template parameter: parts known only at run time stay pending,
    /// so the document shows where they will come from.
    static func renderValue(_ value: EvaluatedValue) -> RenderValue? {
        switch value {
        case .known(let known): renderValue(known)
        case .pending(let source): .pending(source)
        case .list(let items): .list(items.map { renderValue($0) ?? .string("") })
        case .map(let entries): .map(mapping(entries, key: \.key) { renderValue($0.value) })
        }
    }

    /// A mapping without its null values; a repeated key keeps its last value. Sized once and
    /// filled directly: a list of pairs first, then a dictionary growing key by key, cost twice.
    private static func mapping<Entry>(_ entries: [Entry], key: (Entry) -> String, value: (Entry) -> RenderValue?) -> [String: RenderValue] {
        var result = [String: RenderValue](minimumCapacity: entries.count)
        for entry in entries { result[key(entry)] = value(entry) }
        return result
    }
}
