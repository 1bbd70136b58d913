import Platform

/// Python's printf-style formatting, `text % arguments`, as the `format` filter and the `%`
/// operator on a string use it: `%s`, `%r`, `%d`/`%i`, `%x`/`%X`/`%o`, `%e`/`%f`/`%g` (and their
/// capitals), `%c`, `%%`, with flags (`-+ 0#`), width and precision (`*` too), and `%(key)s`
/// against a mapping; with Python's `TypeError`s and `ValueError`s.
enum PercentFormat {
    /// `format % arguments`: a tuple gives positional values, a dict named ones (and is itself
    /// the value of a lone `%s`), anything else is one value. `escapesValues`: the format is
    /// Markup, whose `%` escapes the texts it puts in (markupsafe).
    static func format(_ format: String, _ arguments: Value, escapesValues: Bool, at position: SourcePosition) throws(JinjaError) -> String {
        var positional: [Value]
        var mapping: Value.Dictionary?
        switch arguments {
        case .tuple(let items): positional = items
        case .dict(let dict): positional = [arguments]; mapping = dict
        default: positional = [arguments]
        }
        var next = 0
        func fail(_ message: String) -> JinjaError { JinjaError(.runtime, message, at: position) }
        func take() throws(JinjaError) -> Value {
            guard next < positional.count else { throw fail("not enough arguments for format string") }
            next += 1
            return positional[next - 1]
        }
        let scalars = Array(format.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard scalar == "%" else { out.append(scalar); continue }
            guard index < scalars.count else { throw fail("incomplete format") }
            var value: Value?
            if scalars[index] == "(" {
                guard let mapping else { throw fail("format requires a mapping") }
                var depth = 1
                var end = index + 1
                while end < scalars.count {
                    if scalars[end] == "(" { depth += 1 } else if scalars[end] == ")" { depth -= 1; if depth == 0 { break } }
                    end += 1
                }
                guard end < scalars.count else { throw fail("incomplete format key") }
                let key = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                guard let found = mapping[.string(key)] else { throw fail("KeyError: \(PythonText.quoted(key))") }
                value = found
                index = end + 1
            }
            var flags: Set<Unicode.Scalar> = []
            while index < scalars.count, "-+ #0".unicodeScalars.contains(scalars[index]) {
                flags.insert(scalars[index])
                index += 1
            }
            func number() throws(JinjaError) -> Int? {
                if index < scalars.count, scalars[index] == "*" {
                    index += 1
                    let argument = try take()
                    guard case .int(let count) = argument else { throw fail("* wants int") }
                    return count
                }
                var digits = ""
                while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                    digits.unicodeScalars.append(scalars[index])
                    index += 1
                }
                return digits.isEmpty ? nil : Int(digits)
            }
            var width = try number() ?? 0
            if width < 0 {
                flags.insert("-")
                width = -width
            }
            var precision: Int?
            if index < scalars.count, scalars[index] == "." {
                index += 1
                precision = try number() ?? 0
            }
            while index < scalars.count, "hlL".unicodeScalars.contains(scalars[index]) { index += 1 }
            guard index < scalars.count else { throw fail("incomplete format") }
            let conversion = scalars[index]
            let conversionIndex = index
            index += 1
            if conversion == "%" {
                out.append("%")
                continue
            }
            let argument: Value
            if let value { argument = value } else { argument = try take() }
            var text: String
            var numeric = false
            switch conversion {
            case "s", "r", "a":
                var made: String?
                if conversion == "s" {
                    made = try Interpreter.str(argument, "formatting it with '%s'", at: position)
                } else {
                    do {
                        made = try PythonText.repr(argument)
                    } catch {
                        throw RenderLimits.tooLong("the text of a \(argument.typeName) (formatting it with '%r')", bytes: nil, at: position)
                    }
                    if conversion == "a", let repr = made { made = asciiRepr(repr) }
                }
                guard var made else {
                    throw JinjaError(.unsupported, "a \(argument.typeName) has no stable text form", at: position)
                }
                if let precision { made = String(String.UnicodeScalarView(made.unicodeScalars.prefix(precision))) }
                let isMarkup = if case .markup = argument { true } else { false }
                text = escapesValues && !isMarkup ? PythonText.escape(made) : made
            case "d", "i", "u":
                guard let number = integer(argument, truncating: true) else {
                    throw fail("%\(Character(conversion)) format: a real number is required, not \(argument.typeName)")
                }
                text = digits(number, radix: 10, precision: precision)
                text = signed(text, negative: number < 0, flags: flags)
                numeric = true
            case "x", "X", "o":
                guard let number = integer(argument, truncating: false) else {
                    throw fail("%\(Character(conversion)) format: an integer is required, not \(argument.typeName)")
                }
                var body = digits(number, radix: conversion == "o" ? 8 : 16, precision: precision)
                if conversion == "X" { body = body.uppercased() }
                if flags.contains("#") { body = (conversion == "o" ? "0o" : conversion == "x" ? "0x" : "0X") + body }
                text = signed(body, negative: number < 0, flags: flags)
                numeric = true
            case "e", "E", "f", "F", "g", "G":
                guard let number = argument.number else {
                    throw fail("must be real number, not \(argument.typeName)")
                }
                let spec = "%" + (flags.contains("#") ? "#" : "") + ".\(precision ?? 6)" + String(Character(conversion))
                let body = String(printf: spec, abs(number))
                text = signed(body, negative: number.sign == .minus && !number.isNaN, flags: flags)
                numeric = number.isFinite
            case "c":
                switch argument {
                case .int(let code):
                    guard let character = Unicode.Scalar(UInt32(clamping: max(code, 0))), code >= 0, code <= 0x10FFFF else {
                        throw fail("%c arg not in range(0x110000)")
                    }
                    text = String(Character(character))
                case .string(let single) where single.unicodeScalars.count == 1:
                    text = single
                default:
                    throw fail("%c requires an int or a unicode character, not \(argument.typeName)")
                }
            default:
                let hex = String(conversion.value, radix: 16)
                throw JinjaError(.runtime, "unsupported format character '\(Character(conversion))' (0x\(hex)) at index \(conversionIndex)", at: position)
            }
            try RenderLimits.checkText(width, "formatting with a width", at: position)
            let length = text.unicodeScalars.count
            if length < width {
                let padding = width - length
                if flags.contains("-") {
                    text += String(repeating: " ", count: padding)
                } else if numeric, flags.contains("0") {
                    // Zeros go after the sign and the 0x prefix.
                    var prefixLength = 0
                    let lead = Array(text.unicodeScalars)
                    if let first = lead.first, "+- ".unicodeScalars.contains(first) { prefixLength = 1 }
                    if lead.count >= prefixLength + 2, lead[prefixLength] == "0", "xXo".unicodeScalars.contains(lead[prefixLength + 1]), flags.contains("#") {
                        prefixLength += 2
                    }
                    let head = String(String.UnicodeScalarView(lead[..<prefixLength]))
                    let tail = String(String.UnicodeScalarView(lead[prefixLength...]))
                    text = head + String(repeating: "0", count: padding) + tail
                } else {
                    text = String(repeating: " ", count: padding) + text
                }
            }
            out.append(contentsOf: text.unicodeScalars)
            try RenderLimits.checkText(out.count, "formatting a text", at: position)
        }
        if mapping == nil, next < positional.count {
            throw fail("not all arguments converted during string formatting")
        }
        return String(out)
    }

    private static func integer(_ value: Value, truncating: Bool) -> Int? {
        switch value {
        case .int(let number): number
        case .bool(let flag): flag ? 1 : 0
        case .float(let number) where truncating && number.isFinite && abs(number) < 9.2e18: Int(number)
        default: nil
        }
    }

    /// The magnitude's digits, with at least `precision` of them.
    private static func digits(_ number: Int, radix: Int, precision: Int?) -> String {
        let body = String(number.magnitude, radix: radix)
        guard let precision, body.count < precision else { return body }
        return String(repeating: "0", count: precision - body.count) + body
    }

    private static func signed(_ body: String, negative: Bool, flags: Set<Unicode.Scalar>) -> String {
        if negative { return "-" + body }
        if flags.contains("+") { return "+" + body }
        if flags.contains(" ") { return " " + body }
        return body
    }

    /// Python's `ascii()`: the repr with every non-ASCII character escaped.
    private static func asciiRepr(_ repr: String) -> String {
        var out = ""
        for scalar in repr.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                let value = scalar.value
                let (prefix, width) = value < 0x100 ? ("\\x", 2) : value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
                let hex = String(value, radix: 16)
                out += prefix + String(repeating: "0", count: width - hex.count) + hex
            }
        }
        return out
    }
}
