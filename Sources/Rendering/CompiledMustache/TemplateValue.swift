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
    /// Any other value (none of bluevirt's contexts holds one): printed by its description,
    /// with no children, as swift-mustache treats it.
    case other(Any)

    /// Converts a context value: the `[String: Any]` trees of the context builders, or a value a
    /// transform made.
    init(_ value: Any) {
        switch value {
        case let text as String: self = .text(text)
        case let number as Int: self = .number(number)
        case let flag as Bool: self = .flag(flag)
        case let pairs as [String: Any]:
            var converted: [String: TemplateValue] = [:]
            converted.reserveCapacity(pairs.count)
            for (key, item) in pairs { converted[key] = TemplateValue(item) }
            self = .object(converted, original: value)
        case let items as [Any]:
            self = .list(items.map(TemplateValue.init), original: value)
        default:
            self = .other(value)
        }
    }

    /// The child `name` of a mapping; nil for every other kind, as in swift-mustache, whose
    /// lookups in strings, numbers and lists find no labelled children.
    func child(named name: String) -> TemplateValue? {
        if case .object(let pairs, _) = self { return pairs[name] }
        return nil
    }

    /// The text a variable tag prints before escaping: Swift's description of the value, which
    /// is what swift-mustache prints.
    var printed: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .flag(let flag): flag ? "true" : "false"
        case .list(_, let original), .object(_, let original), .other(let original): String(describing: original)
        }
    }
}
