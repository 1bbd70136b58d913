import Platform

/// jinja2's filters that make text: `title`, `capitalize`, `center`, `wordcount`, `truncate`,
/// `format`, `urlencode`, `xmlattr`, `filesizeformat`, each with Python's output, and keeping
/// Markup where markupsafe keeps it.
enum TextFilters {
    static let names: Set<String> = ["title", "capitalize", "center", "wordcount", "truncate", "format", "urlencode", "xmlattr", "filesizeformat"]

    private static let parameters: [String: [String]] = [
        "center": ["width"], "truncate": ["length", "killwords", "end", "leeway"], "xmlattr": ["autospace"],
        "filesizeformat": ["binary"],
    ]

    static func apply(
        _ name: String, _ value: Value, _ positional: [Value], _ keywords: [(String, Value)], autoescape: Bool, at position: SourcePosition
    ) throws(JinjaError) -> Value {
        if name == "format" { return try format(value, positional, keywords, at: position) }
        let arguments = try Arguments(positional, keywords, names: parameters[name] ?? [], callee: "do_\(name)", at: position)
        func text(_ value: Value) throws(JinjaError) -> String {
            guard let result = try Interpreter.str(value, "the filter '\(name)'", at: position) else {
                throw JinjaError(.unsupported, "a \(value.typeName) has no stable text form", at: position)
            }
            return result
        }
        let isMarkup = if case .markup = value { true } else { false }
        func sameKind(_ result: String) -> Value { isMarkup ? .markup(result) : .string(result) }
        func integer(_ argument: Value?, _ fallback: Int) throws(JinjaError) -> Int {
            guard let argument else { return fallback }
            guard let number = argument.integer else {
                throw JinjaError(.runtime, "'\(argument.typeName)' object cannot be interpreted as an integer", at: position)
            }
            return number
        }
        switch name {
        case "title":
            // re.split and "".join give plain text, even of Markup.
            return .string(title(try text(value)))
        case "capitalize":
            let scalars = Array(try text(value).unicodeScalars)
            guard let first = scalars.first else { return sameKind("") }
            let rest = String(String.UnicodeScalarView(scalars.dropFirst())).lowercased()
            return sameKind(first.properties.titlecaseMapping + rest)
        case "center":
            let source = try text(value)
            let width = try integer(arguments["width"], 80)
            let length = source.unicodeScalars.count
            guard width > length else { return sameKind(source) }
            try RenderLimits.checkText(width, "the filter 'center'", at: position)
            // CPython's pad: the odd space goes left only when both the margin and the width are odd.
            let margin = width - length
            let left = margin / 2 + (margin & width & 1)
            return sameKind(String(repeating: " ", count: left) + source + String(repeating: " ", count: margin - left))
        case "wordcount":
            return .int(wordCount(try text(value)))
        case "truncate":
            return try truncate(value, arguments, at: position)
        case "urlencode":
            return .string(try urlencode(value, at: position))
        case "xmlattr":
            return try xmlattr(value, autospace: arguments["autospace"]?.isTruthy ?? true, autoescape: autoescape, at: position)
        default:
            return .string(try fileSize(value, binary: arguments["binary"]?.isTruthy ?? false, at: position))
        }
    }

    /// `do_title`: each piece between runs of `-`, whitespace, `(`, `{`, `[`, `<` gets its first
    /// character upper-cased and the rest lower-cased.
    private static func title(_ source: String) -> String {
        let separators: Set<Unicode.Scalar> = ["-", "(", "{", "[", "<"]
        var result = ""
        var word = String.UnicodeScalarView()
        func flush() {
            guard let first = word.first else { return }
            result += first.properties.uppercaseMapping + String(String.UnicodeScalarView(word.dropFirst())).lowercased()
            word = String.UnicodeScalarView()
        }
        var inSeparators = false
        for scalar in source.unicodeScalars {
            let isSeparator = separators.contains(scalar) || scalar.properties.isWhitespace
            if isSeparator != inSeparators { flush() }
            inSeparators = isSeparator
            word.append(scalar)
        }
        flush()
        return result
    }

    /// Python's `\w+` matches: runs of letters, digits and `_`.
    private static func wordCount(_ source: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in source.unicodeScalars {
            let isWord = scalar == "_" || isAlphanumeric(scalar)
            if isWord && !inWord { count += 1 }
            inWord = isWord
        }
        return count
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    /// `do_truncate(length=255, killwords=False, end='...', leeway=5)`.
    private static func truncate(_ value: Value, _ arguments: Arguments, at position: SourcePosition) throws(JinjaError) -> Value {
        func integer(_ name: String, _ fallback: Int) throws(JinjaError) -> Int {
            guard let argument = arguments[name], argument != .none else { return fallback }
            guard let number = argument.integer else {
                throw JinjaError(.runtime, "'<=' not supported between instances of 'int' and '\(argument.typeName)'", at: position)
            }
            return number
        }
        let length = try integer("length", 255)
        let leeway = try integer("leeway", 5)
        let end = arguments["end"] ?? .string("...")
        guard case .string(let endText) = end else {
            throw JinjaError(.unsupported, "the filter 'truncate' with an end that is a \(end.typeName) is not supported by bluevirt's Jinja2 interpreter", at: position)
        }
        let endLength = endText.unicodeScalars.count
        guard length >= endLength else {
            throw JinjaError(.runtime, "expected length >= \(endLength), got \(length)", at: position)
        }
        guard leeway >= 0 else { throw JinjaError(.runtime, "expected leeway >= 0, got \(leeway)", at: position) }
        let source: String
        switch value {
        case .string(let text), .markup(let text): source = text
        case .undefined: return value
        default: throw JinjaError(.runtime, "object of type '\(value.typeName)' has no len()", at: position)
        }
        let scalars = Array(source.unicodeScalars)
        guard scalars.count > length + leeway else { return value }
        var kept = String(String.UnicodeScalarView(scalars.prefix(length - endLength)))
        if arguments["killwords"]?.isTruthy != true, let space = kept.unicodeScalars.lastIndex(of: " ") {
            kept = String(kept.unicodeScalars[..<space])
        }
        if case .markup = value { return .markup(kept + PythonText.escape(endText)) }
        return .string(kept + endText)
    }

    /// `do_format`: `value % args` or `value % kwargs`, never both.
    private static func format(_ value: Value, _ positional: [Value], _ keywords: [(String, Value)], at position: SourcePosition) throws(JinjaError) -> Value {
        guard positional.isEmpty || keywords.isEmpty else {
            throw JinjaError(.runtime, "can't handle positional and keyword arguments at the same time", at: position)
        }
        guard let source = try Interpreter.str(value, "the filter 'format'", at: position) else {
            throw JinjaError(.unsupported, "a \(value.typeName) has no stable text form", at: position)
        }
        let arguments: Value = keywords.isEmpty ? .tuple(positional) : .dict(keywords)
        let isMarkup = if case .markup = value { true } else { false }
        let result = try PercentFormat.format(source, arguments, escapesValues: isMarkup, at: position)
        return isMarkup ? .markup(result) : .string(result)
    }

    /// `do_urlencode`: a text (or any value as text) quoted for a URL path; a mapping or a
    /// sequence of pairs as a query string.
    private static func urlencode(_ value: Value, at position: SourcePosition) throws(JinjaError) -> String {
        func quote(_ part: Value, forQuery: Bool) throws(JinjaError) -> String {
            guard let text = try Interpreter.str(part, "the filter 'urlencode'", at: position) else {
                throw JinjaError(.unsupported, "a \(part.typeName) has no stable text form", at: position)
            }
            var out = ""
            for byte in text.utf8 {
                let scalar = Unicode.Scalar(byte)
                let unreserved = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || "_.-~".unicodeScalars.contains(scalar)
                if unreserved || (!forQuery && scalar == "/") {
                    out.unicodeScalars.append(scalar)
                } else if forQuery && byte == UInt8(ascii: " ") {
                    out += "+"
                } else {
                    out += String(printf: "%%%02X", byte)
                }
            }
            return out
        }
        let pairs: [Value]
        switch value {
        case .string, .markup, .undefined, .none, .bool, .int, .float:
            return try quote(value, forQuery: false)
        case .dict(let dict): pairs = dict.pairs.map { .tuple([$0.0, $0.1]) }
        default:
            guard let items = value.iterationItems else { return try quote(value, forQuery: false) }
            pairs = items
        }
        var parts: [String] = []
        for pair in pairs {
            guard let both = pair.iterationItems, !pair.isUndefined, both.count == 2 else {
                throw JinjaError(.runtime, "cannot unpack \(pair.typeName) into a key and a value", at: position)
            }
            parts.append(try quote(both[0], forQuery: true) + "=" + (try quote(both[1], forQuery: true)))
        }
        return parts.joined(separator: "&")
    }

    /// `do_xmlattr`: `key="value"` for each entry that is neither none nor undefined, escaped,
    /// with a space before (`autospace`).
    private static func xmlattr(_ value: Value, autospace: Bool, autoescape: Bool, at position: SourcePosition) throws(JinjaError) -> Value {
        guard case .dict(let dict) = value else {
            if case .undefined(let hint) = value { throw JinjaError(.undefined, hint, at: position) }
            throw JinjaError(.runtime, "'\(value.typeName)' object has no attribute 'items'", at: position)
        }
        var items: [String] = []
        for (key, item) in dict.pairs {
            if item == .none || item.isUndefined { continue }
            guard case .string(let name) = key else {
                throw JinjaError(.runtime, "expected string or bytes-like object, got '\(key.typeName)'", at: position)
            }
            if name.unicodeScalars.contains(where: { " \t\n\r\u{0B}\u{0C}/>=".unicodeScalars.contains($0) }) {
                throw JinjaError(.runtime, "Invalid character in attribute name: \(PythonText.quoted(name))", at: position)
            }
            let text: String
            if case .markup(let safe) = item {
                text = safe
            } else {
                guard let plain = try Interpreter.str(item, "the filter 'xmlattr'", at: position) else {
                    throw JinjaError(.unsupported, "a \(item.typeName) has no stable text form", at: position)
                }
                text = PythonText.escape(plain)
            }
            items.append("\(PythonText.escape(name))=\"\(text)\"")
        }
        var result = items.joined(separator: " ")
        if autospace, !result.isEmpty { result = " " + result }
        return autoescape ? .markup(result) : .string(result)
    }

    /// `do_filesizeformat`: bytes in decimal (kB, MB, …) or binary (KiB, MiB, …) units.
    private static func fileSize(_ value: Value, binary: Bool, at position: SourcePosition) throws(JinjaError) -> String {
        try Operators.failUndefined(value, at: position)
        guard let bytes = Filters.toFloat(value) else {
            throw JinjaError(.runtime, "could not convert \(value.typeName) to float", at: position)
        }
        let base = binary ? 1024.0 : 1000.0
        let prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        if bytes == 1 { return "1 Byte" }
        if bytes < base {
            guard bytes.isFinite else { throw JinjaError(.runtime, "cannot convert float infinity to integer", at: position) }
            guard bytes > -9.2e18 else {
                throw JinjaError(.unsupported, "integers beyond 64 bits are not supported by bluevirt's Jinja2 interpreter", at: position)
            }
            return "\(Int(bytes)) Bytes"
        }
        var unit = base
        for prefix in prefixes {
            unit *= base
            if bytes < unit || prefix == prefixes.last {
                return String(printf: "%.1f", base * bytes / unit) + " " + prefix
            }
        }
        return ""
    }
}
