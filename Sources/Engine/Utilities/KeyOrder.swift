import Blueprint
import StateStore

/// Gives a JSON value (runtime properties keep no key order) the key order of the blueprint's
/// values it came from: at each place, keys in the order the hints first name them, the rest
/// sorted. What a Python plugin dumps follows its dicts' insertion order, which is the order
/// the blueprint wrote.
public struct KeyOrder: Sendable {
    public var hints: [Value]

    public init(hints: [Value]) {
        self.hints = hints
    }

    public func apply(_ json: JSONValue) -> Value {
        Self.ordered(json, hints: hints)
    }

    private static func ordered(_ json: JSONValue, hints: [Value]) -> Value {
        switch json {
        case .array(let items):
            return .list(items.enumerated().map { index, item in
                ordered(item, hints: hints.compactMap { hint in
                    if case .list(let list) = hint, index < list.count { return list[index] }
                    return nil
                })
            })
        case .object(let fields):
            var keys: [String] = []
            var placed: Set<String> = []
            for case .map(let entries) in hints {
                for entry in entries where fields[entry.key] != nil && placed.insert(entry.key).inserted {
                    keys.append(entry.key)
                }
            }
            keys += fields.keys.filter { !placed.contains($0) }.sorted()
            return .map(keys.map { key in
                let childHints = hints.compactMap { hint -> Value? in
                    if case .map(let entries) = hint { return entries.first { $0.key == key }?.value }
                    return nil
                }
                return Value.Entry(key: key, value: ordered(fields[key]!, hints: childHints))
            })
        default:
            return OutputResolver.value(json)
        }
    }
}

/// Blueprint's `Value`, named where the Jinja module's `Value` is in scope too.
typealias BlueprintValue = Value
