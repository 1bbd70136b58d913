/// jinja2's filters that pick from or transform each item of a sequence: `map`, `select`,
/// `reject`, `selectattr`, `rejectattr`. Like jinja2's they give a generator (it iterates, and
/// `|list`, `|join`, `|first` or a loop read it), and a value that is empty or undefined gives an
/// empty one. jinja2 runs them lazily; here the items are worked out at once, which differs only
/// for a generator that is never read.
enum SequenceFilters {
    static let names: Set<String> = ["map", "select", "reject", "selectattr", "rejectattr"]

    static func apply(
        _ name: String, _ value: Value, _ positional: [Value], _ keywords: [(String, Value)], autoescape: Bool, at position: SourcePosition
    ) throws(JinjaError) -> Value {
        // jinja2 starts with `if value:`: an empty or undefined value gives nothing, whatever the arguments.
        guard value.isTruthy else { return .generator([]) }
        guard let items = value.iterationItems else {
            throw JinjaError(.runtime, "'\(value.typeName)' object is not iterable", at: position)
        }
        if name == "map" {
            let transform = try mapping(positional, keywords, autoescape: autoescape, at: position)
            var mapped: [Value] = []
            for item in items { mapped.append(try transform(item)) }
            return .generator(mapped)
        }
        let keep = name == "select" || name == "selectattr"
        let predicate = try selection(positional, keywords, byAttribute: name.hasSuffix("attr"), at: position)
        var kept: [Value] = []
        for item in items where try predicate(item) == keep { kept.append(item) }
        return .generator(kept)
    }

    /// jinja2's `prepare_map`: `map(attribute=NAME, default=VALUE)`, or `map(FILTER, *args, **kwargs)`.
    private static func mapping(
        _ positional: [Value], _ keywords: [(String, Value)], autoescape: Bool, at position: SourcePosition
    ) throws(JinjaError) -> (Value) throws(JinjaError) -> Value {
        if positional.isEmpty, let attribute = keywords.first(where: { $0.0 == "attribute" })?.1 {
            if let unexpected = keywords.first(where: { $0.0 != "attribute" && $0.0 != "default" }) {
                throw JinjaError(.runtime, "Unexpected keyword argument '\(unexpected.0)'", at: position)
            }
            let fallback = keywords.first { $0.0 == "default" }?.1
            return { item throws(JinjaError) in try AttributePath.value(attribute, of: item, default: fallback, at: position) }
        }
        guard let first = positional.first else {
            throw JinjaError(.runtime, "map requires a filter argument", at: position)
        }
        let filter = try calleeName(first, kind: "filter", implemented: Filters.names, known: Filters.jinjaNames, at: position)
        let arguments = Array(positional.dropFirst())
        return { item throws(JinjaError) in try Filters.apply(filter, item, arguments, keywords, autoescape: autoescape, at: position) }
    }

    /// jinja2's `prepare_select_or_reject`: whether an item (or its attribute) passes the test
    /// named after it, or is true when no test is named.
    private static func selection(
        _ positional: [Value], _ keywords: [(String, Value)], byAttribute: Bool, at position: SourcePosition
    ) throws(JinjaError) -> (Value) throws(JinjaError) -> Bool {
        var rest = positional[...]
        var attribute: Value?
        if byAttribute {
            guard let first = rest.popFirst() else {
                throw JinjaError(.runtime, "Missing parameter for attribute name", at: position)
            }
            attribute = first
        }
        guard let testValue = rest.popFirst() else {
            return { item throws(JinjaError) in try picked(item, attribute, at: position).isTruthy }
        }
        let test = try calleeName(testValue, kind: "test", implemented: Tests.names, known: Tests.jinjaNames, at: position)
        guard keywords.isEmpty else {
            throw JinjaError(.unsupported, "keyword arguments to a test are not supported by bluevirt's Jinja2 interpreter", at: position)
        }
        let arguments = Array(rest)
        return { item throws(JinjaError) in try Tests.apply(test, try picked(item, attribute, at: position), arguments, at: position) }
    }

    private static func picked(_ item: Value, _ attribute: Value?, at position: SourcePosition) throws(JinjaError) -> Value {
        guard let attribute else { return item }
        return try AttributePath.value(attribute, of: item, default: nil, at: position)
    }

    /// The filter or test a string argument names: an error as jinja2 raises it for a name it
    /// does not know, unsupported for one it knows that is not implemented here.
    private static func calleeName(
        _ value: Value, kind: String, implemented: Set<String>, known: Set<String>, at position: SourcePosition
    ) throws(JinjaError) -> String {
        guard case .string(let name) = value, known.contains(name) else {
            let shown = ((try? PythonText.repr(value)) ?? nil) ?? value.typeName
            throw JinjaError(.runtime, "No \(kind) named \(shown).", at: position)
        }
        guard implemented.contains(name) else {
            throw JinjaError(.unsupported, "the \(kind) '\(name)' is not supported by bluevirt's Jinja2 interpreter", at: position)
        }
        return name
    }
}
