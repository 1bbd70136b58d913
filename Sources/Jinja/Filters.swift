import Platform

/// jinja2's built-in filters that this interpreter implements, with jinja2's argument names
/// and defaults.
enum Filters {
    static let names: Set<String> = Set([
        "default", "d", "e", "escape", "int", "float", "string", "lower", "upper", "trim", "join",
        "length", "count", "first", "last", "replace", "tojson", "list", "items", "round", "abs", "indent",
    ]).union(SequenceFilters.names).union(OrderingFilters.names).union(TextFilters.names).union(CollectionFilters.names)

    /// Every filter jinja2 3.1 has; those missing from `names` are reported as unsupported
    /// rather than unknown.
    static let jinjaNames: Set<String> = names.union([
        "abs", "attr", "batch", "capitalize", "center", "dictsort", "filesizeformat", "forceescape", "format",
        "groupby", "indent", "map", "max", "min", "pprint", "random", "reject", "rejectattr", "reverse", "safe",
        "select", "selectattr", "slice", "sort", "striptags", "sum", "title", "truncate", "unique", "urlencode",
        "urlize", "wordcount", "wordwrap", "xmlattr", "bool",
    ])

    /// The parameter names of each filter after the value, as jinja2 declares them.
    private static let parameters: [String: [String]] = [
        "default": ["default_value", "boolean"], "d": ["default_value", "boolean"],
        "int": ["default", "base"], "float": ["default"], "trim": ["chars"], "join": ["d", "attribute"],
        "replace": ["old", "new", "count"], "tojson": ["indent"], "round": ["precision", "method"],
        "indent": ["width", "first", "blank"],
    ]

    static func apply(
        _ name: String, _ value: Value, _ positional: [Value], _ keywords: [(String, Value)], autoescape: Bool, at position: SourcePosition
    ) throws(JinjaError) -> Value {
        if SequenceFilters.names.contains(name) {
            return try SequenceFilters.apply(name, value, positional, keywords, autoescape: autoescape, at: position)
        }
        if OrderingFilters.names.contains(name) {
            return try OrderingFilters.apply(name, value, positional, keywords, at: position)
        }
        if TextFilters.names.contains(name) {
            return try TextFilters.apply(name, value, positional, keywords, autoescape: autoescape, at: position)
        }
        if CollectionFilters.names.contains(name) {
            return try CollectionFilters.apply(name, value, positional, keywords, at: position)
        }
        let arguments = try Arguments(positional, keywords, names: parameters[name] ?? [], callee: "do_\(name)", at: position)
        func text(_ value: Value) throws(JinjaError) -> String {
            guard let result = try Interpreter.str(value, "the filter '\(name)'", at: position) else {
                throw JinjaError(.unsupported, "a \(value.typeName) has no stable text form", at: position)
            }
            return result
        }
        /// markupsafe keeps `Markup` through string methods; plain text stays plain.
        func sameKind(_ original: Value, _ result: String) -> Value {
            if case .markup = original { return .markup(result) }
            return .string(result)
        }
        switch name {
        case "default", "d":
            let fallback = arguments["default_value"] ?? .string("")
            if arguments["boolean"]?.isTruthy == true { return value.isTruthy ? value : fallback }
            return value.isUndefined ? fallback : value
        case "e", "escape":
            if case .markup = value { return value }
            return .markup(PythonText.escape(try text(value)))
        case "string":
            if case .markup = value { return value }
            return .string(try text(value))
        case "lower": return sameKind(value, try text(value).lowercased())
        case "upper": return sameKind(value, try text(value).uppercased())
        case "trim":
            let source = try text(value)
            if let chars = arguments["chars"], chars != .none {
                let set = Set(try text(chars).unicodeScalars)
                return sameKind(value, strip(source) { set.contains($0) })
            }
            return sameKind(value, strip(source) { $0.properties.isWhitespace })
        case "replace":
            guard let old = arguments["old"], let new = arguments["new"] else {
                throw JinjaError(.runtime, "do_replace() missing required arguments 'old' and 'new'", at: position)
            }
            var limit = -1
            if let count = arguments["count"], count != .none {
                guard let number = count.integer else {
                    throw JinjaError(.runtime, "'\(count.typeName)' object cannot be interpreted as an integer", at: position)
                }
                limit = number
            }
            var source = try text(value)
            let oldText = try text(old)
            var newText = try text(new)
            var isMarkup = false
            if case .markup = value { isMarkup = true }
            if autoescape {
                var oldSafe = false, newSafe = false
                if case .markup = old { oldSafe = true }
                if case .markup = new { newSafe = true }
                if (oldSafe || newSafe) && !isMarkup {
                    source = PythonText.escape(source)
                    isMarkup = true
                }
                // markupsafe's Markup.replace escapes the replacement, not the text it looks for.
                if isMarkup, !newSafe { newText = PythonText.escape(newText) }
            } else {
                isMarkup = false
            }
            let replaced = try replace(source, oldText, newText, limit: limit, at: position)
            return isMarkup ? .markup(replaced) : .string(replaced)
        case "int":
            try Operators.failUndefined(value, at: position)
            let fallback = arguments["default"] ?? .int(0)
            let base = arguments["base"]?.integer ?? 10
            return toInt(value, base: base) ?? fallback
        case "float":
            try Operators.failUndefined(value, at: position)
            let fallback = arguments["default"] ?? .float(0)
            return toFloat(value).map(Value.float) ?? fallback
        case "length", "count":
            switch value {
            case .undefined: return .int(0)
            case .string(let t), .markup(let t): return .int(t.unicodeScalars.count)
            case .list(let items), .tuple(let items), .view(_, let items): return .int(items.count)
            case .dict(let dict): return .int(dict.count)
            default: throw JinjaError(.runtime, "object of type '\(value.typeName)' has no len()", at: position)
            }
        case "first", "last":
            guard let items = value.iterationItems else {
                throw JinjaError(.runtime, "'\(value.typeName)' object is not iterable", at: position)
            }
            if case .generator = value, name == "last" {
                throw JinjaError(.runtime, "'generator' object is not reversible", at: position)
            }
            let item = name == "first" ? items.first : items.last
            return item ?? .undefined(hint: "No \(name) item, sequence was empty.")
        case "list":
            try Interpreter.checkSplit(value, at: position)
            guard let items = value.iterationItems else {
                throw JinjaError(.runtime, "'\(value.typeName)' object is not iterable", at: position)
            }
            return .list(items)
        case "items":
            switch value {
            case .undefined: return .generator([])
            case .dict(let dict): return .generator(dict.pairs.map { .tuple([$0.0, $0.1]) })
            default: throw JinjaError(.runtime, "Can only get item pairs from a mapping.", at: position)
            }
        case "join":
            guard var items = value.iterationItems else {
                throw JinjaError(.runtime, "'\(value.typeName)' object is not iterable", at: position)
            }
            if let attribute = arguments["attribute"], attribute != .none {
                var picked: [Value] = []
                for item in items { picked.append(try AttributePath.value(attribute, of: item, default: nil, at: position)) }
                items = picked
            }
            let separator = arguments["d"] ?? .string("")
            /// The parts joined by `glue`, refused before joining beyond ``RenderLimits/textBytes``.
            func joined(_ parts: [String], _ glue: String) throws(JinjaError) -> String {
                let bytes = parts.reduce(glue.utf8.count * max(parts.count - 1, 0)) { $0 + $1.utf8.count }
                try RenderLimits.checkText(bytes, "the filter 'join'", at: position)
                return parts.joined(separator: glue)
            }
            if !autoescape {
                var parts: [String] = []
                for item in items { parts.append(try text(item)) }
                return .string(try joined(parts, try text(separator)))
            }
            let anySafe = items.contains { if case .markup = $0 { return true } else { return false } }
            var separatorSafe = false
            if case .markup = separator { separatorSafe = true }
            if anySafe || separatorSafe {
                var parts: [String] = []
                for item in items {
                    if case .markup(let t) = item { parts.append(t) } else { parts.append(PythonText.escape(try text(item))) }
                }
                let glue = separatorSafe ? try text(separator) : PythonText.escape(try text(separator))
                return .markup(try joined(parts, glue))
            }
            var parts: [String] = []
            for item in items { parts.append(try text(item)) }
            return .string(try joined(parts, try text(separator)))
        case "tojson":
            let indent = arguments["indent"].flatMap { $0 == .none ? nil : $0.integer }
            do {
                return .markup(try JSONText.dumps(value, indent: indent))
            } catch {
                switch error {
                case .unserializable(let typeName):
                    throw JinjaError(.runtime, "Object of type \(typeName) is not JSON serializable", at: position)
                case .tooLong:
                    throw RenderLimits.tooLong("the filter 'tojson'", bytes: nil, at: position)
                }
            }
        case "round":
            try Operators.failUndefined(value, at: position)
            let precision = arguments["precision"]?.integer ?? 0
            let method = try arguments["method"].flatMap { value throws(JinjaError) in try Interpreter.str(value, "the filter 'round'", at: position) } ?? "common"
            guard ["common", "ceil", "floor"].contains(method) else {
                throw JinjaError(.runtime, "method must be common, ceil or floor", at: position)
            }
            if method == "common", case .int(let number) = value, precision >= 0 { return .int(number) }
            guard let number = value.number else {
                throw JinjaError(.runtime, "type \(value.typeName) doesn't define __round__ method", at: position)
            }
            guard precision >= 0 && precision <= 300 else {
                throw JinjaError(.unsupported, "round with precision \(precision) is not supported by bluevirt's Jinja2 interpreter", at: position)
            }
            if method == "common" {
                // Python rounds the exact binary value half to even, as printf does.
                return .float(Double(String(printf: "%.\(precision)f", number)) ?? number)
            }
            let scale = pow(10.0, Double(precision))
            let scaled = number * scale
            return .float((method == "ceil" ? scaled.rounded(.up) : scaled.rounded(.down)) / scale)
        case "abs":
            try Operators.failUndefined(value, at: position)
            switch value {
            case .int(let number):
                guard number != .min else { throw JinjaError(.unsupported, "integers beyond 64 bits are not supported", at: position) }
                return .int(abs(number))
            case .bool(let flag): return .int(flag ? 1 : 0)
            case .float(let number): return .float(abs(number))
            default: throw JinjaError(.runtime, "bad operand type for abs(): '\(value.typeName)'", at: position)
            }
        case "indent":
            return try indent(value, arguments, at: position)
        default:
            throw JinjaError(.unsupported, "the filter '\(name)' is not supported by bluevirt's Jinja2 interpreter", at: position)
        }
    }

    /// jinja2's `indent(width=4, first=False, blank=False)`: indents every line but the first
    /// (and, unless `blank`, not empty lines), splitting lines as Python's `splitlines` does.
    private static func indent(_ value: Value, _ arguments: Arguments, at position: SourcePosition) throws(JinjaError) -> Value {
        let source: String
        switch value {
        case .string(let text), .markup(let text): source = text
        case .undefined(let hint): throw JinjaError(.undefined, hint, at: position)
        default: throw JinjaError(.runtime, "unsupported operand type(s) for +=: '\(value.typeName)' and 'str'", at: position)
        }
        let indention: String
        switch arguments["width"] ?? .int(4) {
        case .string(let text), .markup(let text): indention = text
        case let width:
            guard let count = width.integer else {
                throw JinjaError(.runtime, "can't multiply sequence by non-int of type '\(width.typeName)'", at: position)
            }
            try RenderLimits.checkText(count, "the filter 'indent'", at: position)
            indention = String(repeating: " ", count: max(count, 0))
        }
        var lines = splitLines(source + "\n")
        // At most one indention a line, and one more before the first.
        try RenderLimits.checkText(RenderLimits.product(indention.utf8.count, lines.count + 1).map { $0 + source.utf8.count },
                                   "the filter 'indent'", at: position)
        var result: String
        if arguments["blank"]?.isTruthy == true {
            result = lines.joined(separator: "\n" + indention)
        } else {
            result = lines.removeFirst()
            if !lines.isEmpty {
                result += "\n" + lines.map { $0.isEmpty ? $0 : indention + $0 }.joined(separator: "\n")
            }
        }
        if arguments["first"]?.isTruthy == true { result = indention + result }
        if case .markup = value { return .markup(result) }
        return .string(result)
    }

    /// Python's `str.splitlines()`.
    private static func splitLines(_ text: String) -> [String] {
        let breaks: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]
        let scalars = Array(text.unicodeScalars)
        var lines: [String] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            if breaks.contains(scalars[index].value) {
                lines.append(String(String.UnicodeScalarView(scalars[start..<index])))
                if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < scalars.count { lines.append(String(String.UnicodeScalarView(scalars[start..<scalars.count]))) }
        return lines
    }

    private static func strip(_ text: String, _ drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var lower = 0
        var upper = scalars.count
        while lower < upper, drop(scalars[lower]) { lower += 1 }
        while upper > lower, drop(scalars[upper - 1]) { upper -= 1 }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[lower..<upper])
        return String(result)
    }

    /// Python's `str.replace` on code points: an empty `old` inserts between every character.
    /// Refused as soon as the result grows beyond ``RenderLimits/textBytes``.
    private static func replace(_ text: String, _ old: String, _ new: String, limit: Int, at position: SourcePosition) throws(JinjaError) -> String {
        let source = Array(text.unicodeScalars)
        let pattern = Array(old.unicodeScalars)
        var result = String.UnicodeScalarView()
        var remaining = limit < 0 ? Int.max : limit
        // Checked at each replacement: the text between them is at most the source.
        var grown = 0
        func replacing() throws(JinjaError) {
            grown += new.utf8.count - old.utf8.count
            remaining -= 1
            try RenderLimits.checkText(text.utf8.count + grown, "the filter 'replace'", at: position)
        }
        if pattern.isEmpty {
            for scalar in source {
                if remaining > 0 { try replacing(); result.append(contentsOf: new.unicodeScalars) }
                result.append(scalar)
            }
            if remaining > 0 { try replacing(); result.append(contentsOf: new.unicodeScalars) }
            return String(result)
        }
        var index = 0
        while index < source.count {
            if remaining > 0, index + pattern.count <= source.count, Array(source[index..<index + pattern.count]) == pattern {
                try replacing()
                result.append(contentsOf: new.unicodeScalars)
                index += pattern.count
            } else {
                result.append(source[index])
                index += 1
            }
        }
        return String(result)
    }

    /// jinja2's `int` filter: `int(value, base)` for strings, `int(value)` otherwise, then
    /// `int(float(value))`; nil when all fail (the default is used).
    private static func toInt(_ value: Value, base: Int) -> Value? {
        switch value {
        case .int(let number): return .int(number)
        case .bool(let flag): return .int(flag ? 1 : 0)
        case .float(let number):
            guard number.isFinite, abs(number) < 9.2e18 else { return nil }
            return .int(Int(number))
        case .string(let text), .markup(let text):
            if let number = parseInt(text, base: base) { return .int(number) }
            if let number = toFloat(value), number.isFinite, abs(number) < 9.2e18 { return .int(Int(number)) }
            return nil
        default:
            return nil
        }
    }

    /// Python's `int(text, base)`: surrounding whitespace, a sign, underscores between digits,
    /// and for base 0 or a matching base the `0x`/`0o`/`0b` prefixes.
    private static func parseInt(_ text: String, base: Int) -> Int? {
        var body = Substring(text.trimmingWhitespaceAndNewlines())
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        var radix = base
        let lower = body.lowercased()
        let prefixes: [(String, Int)] = [("0x", 16), ("0o", 8), ("0b", 2)]
        for (prefix, prefixRadix) in prefixes where lower.hasPrefix(prefix) && (base == 0 || base == prefixRadix) {
            radix = prefixRadix
            body = body.dropFirst(2)
            if body.first == "_" { body = body.dropFirst() }
        }
        if radix == 0 {
            radix = 10
            if body.count > 1, body.first == "0", body.contains(where: { $0 != "0" && $0 != "_" }) { return nil }
        }
        guard !body.isEmpty, !body.hasPrefix("_"), !body.hasSuffix("_"), !body.contains("__") else { return nil }
        let digits = body.replacing("_", with: "")
        guard (2...36).contains(radix), let number = Int(digits, radix: radix) else { return nil }
        return negative ? -number : number
    }

    /// Python's `float(value)`; nil when it raises.
    static func toFloat(_ value: Value) -> Double? {
        switch value {
        case .int(let number): return Double(number)
        case .bool(let flag): return flag ? 1 : 0
        case .float(let number): return number
        case .string(let text), .markup(let text):
            let trimmed = text.trimmingWhitespaceAndNewlines()
            let lowered = trimmed.lowercased()
            let unsigned = lowered.hasPrefix("-") || lowered.hasPrefix("+") ? String(lowered.dropFirst()) : lowered
            if ["inf", "infinity", "nan"].contains(unsigned) {
                let magnitude = unsigned == "nan" ? Double.nan : Double.infinity
                return lowered.hasPrefix("-") ? -magnitude : magnitude
            }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("_"), !trimmed.hasSuffix("_"), !trimmed.contains("__"),
                  trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE_".contains($0)) }),
                  !lowered.contains("0x") else { return nil }
            return Double(trimmed.replacing("_", with: ""))
        default:
            return nil
        }
    }
}
