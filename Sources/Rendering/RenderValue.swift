/// A plain parameter value handed to a template: what a blueprint's evaluated `params` become
/// once intrinsic functions are resolved. Deliberately small, so the planner can build it from
/// any source and tests can write it as literals.
public enum RenderValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([RenderValue])
    case map([String: RenderValue])
    /// A value known only at run time (an address from `get_attribute`); the text says where it
    /// will come from, e.g. `get_attribute: [web, ip]`. It renders as a visible placeholder
    /// (``placeholder(for:)``), and the format checks skip it: its value cannot be checked yet.
    case pending(String)

    /// The text a pending value renders as: `${get_attribute: [web, ip]}`.
    public static func placeholder(for source: String) -> String { "${\(source)}" }

    /// How the value is described in messages: "a string", "a list", ...
    public var kindDescription: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .bool: "a boolean"
        case .list: "a list"
        case .map: "a mapping"
        case .pending: "a value known only at run time"
        }
    }

    /// The value as it appears in messages, short and quoted where it is text.
    var shortDescription: String {
        switch self {
        case .string(let text): "'\(text.count > 60 ? String(text.prefix(57)) + "..." : text)'"
        case .int(let number): String(number)
        case .bool(let flag): String(flag)
        case .list(let items): "a list of \(items.count)"
        case .map(let pairs): "a mapping of \(pairs.count)"
        case .pending(let source): RenderValue.placeholder(for: source)
        }
    }
}

extension RenderValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension RenderValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension RenderValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension RenderValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: RenderValue...) { self = .list(elements) }
}

extension RenderValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, RenderValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
