/// The attribute a filter's `attribute` argument names (`join`, `map`, `selectattr`, …), read
/// as jinja2's `make_attrgetter` reads it: a text is a dotted path whose all-digit parts are
/// indexes (`'dhcp.start'`, `'ips.0'`), not one key with dots in it.
enum AttributePath {
    /// Each part looked up as `item[part]` is; `fallback` replaces a part that is undefined.
    static func value(_ attribute: Value, of item: Value, default fallback: Value?, at position: SourcePosition) throws(JinjaError) -> Value {
        let parts: [Value]
        if case .string(let path) = attribute {
            parts = path.split(separator: ".", omittingEmptySubsequences: false).map { part in
                if !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let index = Int(part) { return .int(index) }
                return .string(String(part))
            }
        } else if attribute == .none {
            parts = []
        } else {
            parts = [attribute]
        }
        var current = item
        for part in parts {
            current = try Lookup.item(current, part, at: position)
            if let fallback, fallback != .none, current.isUndefined { current = fallback }
        }
        return current
    }
}
