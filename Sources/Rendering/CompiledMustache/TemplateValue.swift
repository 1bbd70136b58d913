/// A template context as typed values: what ``CompiledTemplate`` renders over instead of the
/// `[String: Any]` trees the context builders make. Looking a name up in a typed tree costs a
/// hash lookup; swift-mustache's lookups in `[String: Any]` cost dynamic protocol casts at every
/// step, which were most of a domain's rendering.
indirect enum TemplateValue {
    case text(String)
    case number(Int)
    case flag(Bool)
    /// `original` is the value as given, for the rare variable that prints a whole list.
    case list([TemplateValue], original: Any)
    case object([String: TemplateValue], original: Any)

    /// Converts a context value; nil when it holds a kind of value the compiled renderer does not
    /// handle (the caller then renders with swift-mustache, whose result it would differ from).
    init?(_ value: Any) {
        switch value {
        case let text as String: self = .text(text)
        case let number as Int: self = .number(number)
        case let flag as Bool: self = .flag(flag)
        case let pairs as [String: Any]:
            var converted: [String: TemplateValue] = [:]
            converted.reserveCapacity(pairs.count)
            for (key, item) in pairs {
                guard let typed = TemplateValue(item) else { return nil }
                converted[key] = typed
            }
            self = .object(converted, original: value)
        case let items as [Any]:
            var converted: [TemplateValue] = []
            converted.reserveCapacity(items.count)
            for item in items {
                guard let typed = TemplateValue(item) else { return nil }
                converted.append(typed)
            }
            self = .list(converted, original: value)
        default:
            return nil
        }
    }

    /// The child `name` of a mapping; nil for every other kind, as in swift-mustache, whose
    /// lookups in strings, numbers and lists find no labelled children.
    func child(named name: String) -> TemplateValue? {
        if case .object(let pairs, _) = self { return pairs[name] }
        return nil
    }

    var isEmptyList: Bool {
        if case .list(let items, _) = self { return items.isEmpty }
        return false
    }

    /// The text a variable tag prints before escaping: Swift's description of the value, which
    /// is what swift-mustache prints.
    var printed: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .flag(let flag): flag ? "true" : "false"
        case .list(_, let original), .object(_, let original): String(describing: original)
        }
    }
}
