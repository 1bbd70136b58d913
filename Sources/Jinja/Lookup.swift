import Platform

/// Attribute and item access as jinja2's default environment does it: `a.b` tries Python's
/// attribute first, then the item; `a['b']` the item first, then the attribute. What neither
/// finds is undefined; reading anything of an undefined is an error.
enum Lookup {
    /// The dict methods a template can call.
    static let dictMethods: Set<String> = ["items", "keys", "values", "get"]
    /// The str methods a template can call.
    static let stringMethods: Set<String> = ["lower", "upper", "strip", "startswith", "endswith", "split", "replace"]
    /// Other attributes Python has on these types: reading them is unsupported, never undefined.
    static let otherPythonAttributes: [String: Set<String>] = [
        "dict": ["pop", "popitem", "update", "copy", "setdefault", "clear", "fromkeys"],
        "str": ["capitalize", "casefold", "center", "count", "encode", "expandtabs", "find", "format", "format_map",
                "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric",
                "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lstrip", "maketrans", "partition",
                "removeprefix", "removesuffix", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "splitlines",
                "swapcase", "title", "translate", "zfill"],
        "list": ["append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"],
        "LoopContext": ["changed", "previtem", "nextitem", "depth", "depth0", "revindex", "revindex0"],
    ]

    private static func missing(_ object: Value, _ name: Value) -> Value {
        let owner = switch object {
        case .none: "None"
        case .namespace: "jinja2.utils.Namespace object"
        default: "\(object.typeName) object"
        }
        if case .string(let text) = name {
            return .undefined(hint: "'\(owner)' has no attribute '\(text)'")
        }
        return .undefined(hint: "'\(owner)' has no element \(((try? PythonText.repr(name)) ?? nil) ?? "?")")
    }

    static func attribute(_ object: Value, _ name: String, at position: SourcePosition) throws(JinjaError) -> Value {
        if case .undefined(let hint) = object { throw JinjaError(.undefined, hint, at: position) }
        if let found = try pythonAttribute(object, name, at: position) { return found }
        if case .dict(let dict) = object, let found = dict[.string(name)] { return found }
        return missing(object, .string(name))
    }

    static func item(_ object: Value, _ key: Value, at position: SourcePosition) throws(JinjaError) -> Value {
        if case .undefined(let hint) = object { throw JinjaError(.undefined, hint, at: position) }
        switch object {
        case .dict(let dict):
            if let found = dict[key] { return found }
        case .list, .tuple, .group:
            if let items = object.iterationItems, let index = key.integer {
                let resolved = index < 0 ? index + items.count : index
                if resolved >= 0 && resolved < items.count { return items[resolved] }
            }
        case .string(let text), .markup(let text):
            if let index = key.integer {
                let scalars = Array(text.unicodeScalars)
                let resolved = index < 0 ? index + scalars.count : index
                if resolved >= 0 && resolved < scalars.count {
                    let character = String(String.UnicodeScalarView([scalars[resolved]]))
                    if case .markup = object { return .markup(character) }
                    return .string(character)
                }
            }
        default:
            break
        }
        if case .string(let name) = key, let found = try pythonAttribute(object, name, at: position) { return found }
        return missing(object, key)
    }

    /// What Python's `getattr(object, name)` finds, for the attributes implemented here.
    private static func pythonAttribute(_ object: Value, _ name: String, at position: SourcePosition) throws(JinjaError) -> Value? {
        switch object {
        case .dict:
            if dictMethods.contains(name) { return .method(receiver: object, name: name) }
        case .string, .markup:
            if stringMethods.contains(name) { return .method(receiver: object, name: name) }
        case .loop(let index0, let length):
            switch name {
            case "index": return .int(index0 + 1)
            case "index0": return .int(index0)
            case "first": return .bool(index0 == 0)
            case "last": return .bool(index0 == length - 1)
            case "length": return .int(length)
            case "revindex": return .int(length - index0)
            case "revindex0": return .int(length - index0 - 1)
            case "cycle": return .method(receiver: object, name: name)
            default: break
            }
        case .namespace(let namespace):
            return namespace.attributes[.string(name)] ?? missing(object, .string(name))
        case .group(let grouper, let list):
            if name == "grouper" { return grouper }
            if name == "list" { return .list(list) }
        case .macro(let macro):
            let definition = macro.definition
            switch name {
            case "name": return .string(definition.name)
            case "arguments": return .tuple(definition.parameters.map(Value.string))
            case "catch_kwargs": return .bool(definition.catchesKeywords)
            case "catch_varargs": return .bool(definition.catchesVarargs)
            case "caller": return .bool(definition.readsCaller)
            default:
                throw JinjaError(.unsupported, "'\(name)' of a macro is not supported by bluevirt's Jinja2 interpreter", at: position)
            }
        default:
            break
        }
        let typeKey = object.typeName == "Markup" ? "str" : ["tuple", "_GroupTuple"].contains(object.typeName) ? "list" : object.typeName
        if otherPythonAttributes[typeKey]?.contains(name) == true {
            throw JinjaError(.unsupported, "'\(name)' of a \(object.typeName) is not supported by bluevirt's Jinja2 interpreter", at: position)
        }
        return nil
    }

    /// Calls a method read with `attribute`.
    static func call(_ receiver: Value, _ name: String, _ positional: [Value], _ keywords: [(String, Value)], at position: SourcePosition) throws(JinjaError) -> Value {
        guard keywords.isEmpty else {
            throw JinjaError(.runtime, "\(name)() takes no keyword arguments", at: position)
        }
        func arity(_ range: ClosedRange<Int>) throws(JinjaError) {
            guard range.contains(positional.count) else {
                throw JinjaError(.runtime, "\(name)() takes \(range.lowerBound == range.upperBound ? "exactly \(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)") argument(s) (\(positional.count) given)", at: position)
            }
        }
        func text(_ value: Value) throws(JinjaError) -> String {
            switch value {
            case .string(let t), .markup(let t): return t
            default: throw JinjaError(.runtime, "must be str, not \(value.typeName)", at: position)
            }
        }
        switch (receiver, name) {
        case (.loop(let index0, _), "cycle"):
            guard !positional.isEmpty else { throw JinjaError(.runtime, "no items for cycling given", at: position) }
            return positional[index0 % positional.count]
        case (.dict(let dict), "items"):
            try arity(0...0)
            return .view(kind: "dict_items", items: dict.pairs.map { .tuple([$0.0, $0.1]) })
        case (.dict(let dict), "keys"):
            try arity(0...0)
            return .view(kind: "dict_keys", items: dict.keys)
        case (.dict(let dict), "values"):
            try arity(0...0)
            return .view(kind: "dict_values", items: dict.values)
        case (.dict(let dict), "get"):
            try arity(1...2)
            return dict[positional[0]] ?? (positional.count > 1 ? positional[1] : .none)
        case (.string(let t), _), (.markup(let t), _):
            let isMarkup: Bool = if case .markup = receiver { true } else { false }
            let wrap: (String) -> Value = { isMarkup ? .markup($0) : .string($0) }
            switch name {
            case "lower": try arity(0...0); return wrap(t.lowercased())
            case "upper": try arity(0...0); return wrap(t.uppercased())
            case "strip":
                try arity(0...1)
                return try Filters.apply("trim", receiver, positional, [], autoescape: false, at: position)
            case "startswith", "endswith":
                try arity(1...1)
                let part = try text(positional[0])
                return .bool(name == "startswith" ? t.unicodeScalars.starts(with: part.unicodeScalars)
                                                  : t.unicodeScalars.reversed().starts(with: part.unicodeScalars.reversed()))
            case "replace":
                try arity(2...3)
                return try Filters.apply("replace", .string(t), positional, [], autoescape: false, at: position)
                    .map { wrap($0) }
            case "split":
                try arity(0...1)
                if positional.isEmpty || positional[0] == .none {
                    return .list(t.split(whereSeparator: { $0.isWhitespace }).map { wrap(String($0)) })
                }
                let separator = try text(positional[0])
                guard !separator.isEmpty else { throw JinjaError(.runtime, "empty separator", at: position) }
                let parts = t.components(separatedBy: separator)
                try RenderLimits.checkList(parts.count, "splitting the text", at: position)
                return .list(parts.map(wrap))
            default: break
            }
        default: break
        }
        throw JinjaError(.unsupported, "the method '\(name)' is not supported by bluevirt's Jinja2 interpreter", at: position)
    }
}

private extension Value {
    /// Re-wraps a string result (used to keep Markup through `replace`).
    func map(_ transform: (String) -> Value) -> Value {
        switch self {
        case .string(let t), .markup(let t): transform(t)
        default: self
        }
    }
}
