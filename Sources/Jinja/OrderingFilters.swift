/// jinja2's filters that order or compare the items of a sequence: `sort`, `unique`, `min`,
/// `max`. Like jinja2's they compare with Python's `<` (mixed types are an error), compare
/// texts without regard to case unless `case_sensitive`, and may compare an `attribute` of
/// each item instead of the item (a dotted path, as `map` reads it).
enum OrderingFilters {
    static let names: Set<String> = ["sort", "unique", "min", "max"]

    private static let parameters: [String: [String]] = [
        "sort": ["reverse", "case_sensitive", "attribute"], "unique": ["case_sensitive", "attribute"],
        "min": ["case_sensitive", "attribute"], "max": ["case_sensitive", "attribute"],
    ]

    /// `items` in the order of `keys` (one each), compared with Python's `<` as Python's
    /// `sorted` does: stably in either direction, so equal keys keep their order.
    static func sorted(_ items: [Value], by keys: [Value], reverse: Bool, at position: SourcePosition) throws(JinjaError) -> [Value] {
        var keyed = zip(keys, items).enumerated().map { (key: $1.0, index: $0, item: $1.1) }
        var failure: JinjaError?
        keyed.sort { a, b in
            guard failure == nil else { return false }
            do throws(JinjaError) {
                let (first, second) = reverse ? (b.key, a.key) : (a.key, b.key)
                if try Operators.compare("<", first, second, at: position) { return true }
                return try !Operators.compare("<", second, first, at: position) && a.index < b.index
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return keyed.map(\.item)
    }

    static func apply(
        _ name: String, _ value: Value, _ positional: [Value], _ keywords: [(String, Value)], at position: SourcePosition
    ) throws(JinjaError) -> Value {
        let arguments = try Arguments(positional, keywords, names: parameters[name] ?? [], callee: "do_\(name)", at: position)
        try Interpreter.checkSplit(value, at: position)
        guard let items = value.iterationItems else {
            throw JinjaError(.runtime, "'\(value.typeName)' object is not iterable", at: position)
        }
        let attribute = arguments["attribute"] ?? .none
        if case .string(let text) = attribute, text.contains(",") {
            throw JinjaError(.unsupported, "sorting by several attributes ('\(text)') is not supported by bluevirt's Jinja2 interpreter", at: position)
        }
        let ignoresCase = !(arguments["case_sensitive"]?.isTruthy ?? false)
        func key(_ item: Value) throws(JinjaError) -> Value {
            let picked = try AttributePath.value(attribute, of: item, default: nil, at: position)
            guard ignoresCase else { return picked }
            switch picked {
            case .string(let text): return .string(text.lowercased())
            case .markup(let text): return .markup(text.lowercased())
            default: return picked
            }
        }
        func less(_ a: Value, _ b: Value) throws(JinjaError) -> Bool { try Operators.compare("<", a, b, at: position) }
        switch name {
        case "sort":
            // make_multi_attrgetter gives a list of one key: compared as Python compares lists.
            var keys: [Value] = []
            for item in items { keys.append(.list([try key(item)])) }
            return .list(try sorted(items, by: keys, reverse: arguments["reverse"]?.isTruthy ?? false, at: position))
        case "unique":
            var seen: [Value] = []
            var kept: [Value] = []
            for item in items {
                let itemKey = try key(item)
                switch itemKey {
                case .list, .dict: throw JinjaError(.runtime, "unhashable type: '\(itemKey.typeName)'", at: position)
                default: break
                }
                if !seen.contains(where: { $0.pythonEquals(itemKey) }) {
                    seen.append(itemKey)
                    kept.append(item)
                }
            }
            return .generator(kept)
        default:
            guard var chosen = items.first else { return .undefined(hint: "No aggregated item, sequence was empty.") }
            var chosenKey = try key(chosen)
            for item in items.dropFirst() {
                let itemKey = try key(item)
                if name == "min" ? try less(itemKey, chosenKey) : try less(chosenKey, itemKey) {
                    (chosen, chosenKey) = (item, itemKey)
                }
            }
            return chosen
        }
    }
}
