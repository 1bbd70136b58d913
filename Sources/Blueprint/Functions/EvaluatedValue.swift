/// The result of evaluating an expression before a run: a known value, or a structure in which
/// some parts are only known during a run (get_attribute, get_secret, …) and stay pending.
public enum EvaluatedValue: Sendable, Hashable {
    case known(Value)
    /// A list with at least one pending item.
    case list([EvaluatedValue])
    /// A map with at least one pending value.
    case map([Entry])
    /// Known only during a run; the text says what it waits for, e.g. `get_attribute: [vm, ip]`.
    case pending(String)

    /// One key and value of a partly known map.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: EvaluatedValue

        public init(key: String, value: EvaluatedValue) {
            self.key = key
            self.value = value
        }
    }

    /// A list from items: known when every item is known.
    public static func collecting(_ items: [EvaluatedValue]) -> EvaluatedValue {
        let values = items.compactMap(\.value)
        return values.count == items.count ? .known(.list(values)) : .list(items)
    }

    /// A map from entries: known when every value is known.
    public static func collecting(_ entries: [Entry]) -> EvaluatedValue {
        let values = entries.compactMap { entry in entry.value.value.map { Value.Entry(key: entry.key, value: $0) } }
        return values.count == entries.count ? .known(.map(values)) : .map(entries)
    }

    /// The value when it is fully known.
    public var value: Value? {
        if case .known(let value) = self { return value }
        return nil
    }

    /// True when nothing is pending.
    public var isKnown: Bool { value != nil }

    /// What the pending parts wait for, in order.
    public var pendingParts: [String] {
        switch self {
        case .known: []
        case .pending(let reason): [reason]
        case .list(let items): items.flatMap(\.pendingParts)
        case .map(let entries): entries.flatMap(\.value.pendingParts)
        }
    }
}

extension EvaluatedValue: CustomStringConvertible {
    /// The value in YAML flow style with pending parts in angle brackets, for dry-run output:
    /// `{name: "vm-1", ip: <get_attribute: [vm, ip]>}`.
    public var description: String {
        switch self {
        case .known(let value): value.description
        case .pending(let reason): "<\(reason)>"
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { "\($0.key): \($0.value.description)" }.joined(separator: ", ") + "}"
        }
    }
}
