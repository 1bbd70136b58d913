/// Resolves scalars to values by the YAML 1.2 core schema, working on the scalar's UTF-8 bytes so
/// that the common case (a plain word) is decided by its first byte.
///
/// Only plain scalars are resolved; quoted and block scalars are strings. `yes`, `no`, `on` and
/// `off` are strings (they were booleans in YAML 1.1 only).
enum ScalarResolver {
    /// The value of an untagged plain scalar.
    static func resolvePlain(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> ScalarValue {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return isNull(bytes) ? .null : .string(text)
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if let value = bool(bytes) { return .bool(value) }
            return .string(text)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return number(bytes, text: text) ?? .string(text)
        default:
            return .string(text)
        }
    }

    /// The value of a scalar with an explicit tag, or nil when the text does not fit the tag.
    static func resolveTagged(_ tag: StandardTag, _ bytes: UnsafeBufferPointer<UInt8>, text: String) -> ScalarValue? {
        switch tag {
        case .str: return .string(text)
        case .null: return bytes.isEmpty || isNull(bytes) ? .null : nil
        case .bool: return bool(bytes).map(ScalarValue.bool)
        case .int:
            if case .int(let value)? = number(bytes, text: text) { return .int(value) }
            return nil
        case .float:
            switch number(bytes, text: text) {
            case .int(let value)?: return .float(Double(value))
            case .float(let value)?: return .float(value)
            default: return nil
            }
        }
    }

    /// The core-schema tags a scalar may carry.
    enum StandardTag: String {
        case str, int, float, bool, null

        /// Recognises the `!!` shorthand (libyaml's expanded `tag:yaml.org,2002:` form, shortened).
        init?(shorthand tag: String) {
            guard tag.hasPrefix("!!") else { return nil }
            self.init(rawValue: String(tag.dropFirst(2)))
        }

        /// What a value of this tag is called in messages.
        var noun: String {
            switch self {
            case .str: "string"
            case .int: "integer"
            case .float: "number"
            case .bool: "boolean"
            case .null: "null"
            }
        }

        /// A hint listing the accepted spellings.
        var example: String {
            switch self {
            case .str: "any text is a string"
            case .int: "an integer is written like 42, -7, 0o17 or 0x1F"
            case .float: "a number is written like 1.5, -2e3, .inf or .nan"
            case .bool: "a boolean is written true or false (also True, TRUE, False, FALSE)"
            case .null: "null is written null, Null, NULL, ~ or nothing at all"
            }
        }
    }

    private static func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        equals(bytes, "~") || equals(bytes, "null") || equals(bytes, "Null") || equals(bytes, "NULL")
    }

    private static func bool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if equals(bytes, "true") || equals(bytes, "True") || equals(bytes, "TRUE") { return true }
        if equals(bytes, "false") || equals(bytes, "False") || equals(bytes, "FALSE") { return false }
        return nil
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let other = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return bytes.elementsEqual(other)
    }

    /// Integers (decimal, `0o` octal, `0x` hex), floats, `.inf` and `.nan`; nil for anything else.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> ScalarValue? {
        // An empty scalar reaches here tagged (`!!int` with no value): no number, and no bytes[0].
        guard !bytes.isEmpty else { return nil }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o") { return radixInteger(bytes, from: 2, radix: 8).map(ScalarValue.int) }
            if bytes[1] == UInt8(ascii: "x") { return radixInteger(bytes, from: 2, radix: 16).map(ScalarValue.int) }
        }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        if let special = specialFloat(bytes, from: index, negative: negative) { return special }
        guard index < bytes.count else { return nil }

        // [0-9]*, then optionally . [0-9]*, then optionally [eE][-+]?[0-9]+, with at least one digit
        // before the exponent.
        var mantissaDigits = 0
        var isInteger = true
        var integer = 0
        var overflow = false
        while index < bytes.count, let digit = decimalDigit(bytes[index]) {
            if !overflow {
                let (times, o1) = integer.multipliedReportingOverflow(by: 10)
                let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                overflow = o1 || o2
                integer = sum
            }
            mantissaDigits += 1
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            while index < bytes.count, decimalDigit(bytes[index]) != nil {
                mantissaDigits += 1
                index += 1
            }
        }
        guard mantissaDigits > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            var exponentDigits = 0
            while index < bytes.count, decimalDigit(bytes[index]) != nil {
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == bytes.count else { return nil }
        if isInteger && !overflow { return .int(integer) }
        // An integer too large for Int keeps its magnitude as a float rather than turning into text.
        return Double(text).map(ScalarValue.float)
    }

    private static func specialFloat(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int, negative: Bool) -> ScalarValue? {
        guard bytes.count - index == 4, bytes[index] == UInt8(ascii: ".") else { return nil }
        let rest = UnsafeBufferPointer(rebasing: bytes[(index + 1)...])
        if equals(rest, "inf") || equals(rest, "Inf") || equals(rest, "INF") { return .float(negative ? -.infinity : .infinity) }
        if index == 0, equals(rest, "nan") || equals(rest, "NaN") || equals(rest, "NAN") { return .float(.nan) }
        return nil
    }

    private static func radixInteger(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int) -> Int? {
        var value = 0
        for byte in bytes[start...] {
            guard let digit = digitValue(byte), digit < radix else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: radix)
            let (sum, o2) = times.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    /// A digit's value in a base up to 16 (`0`-`9`, `a`-`f`, `A`-`F`), or nil.
    @inline(__always)
    static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    @inline(__always)
    private static func decimalDigit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
