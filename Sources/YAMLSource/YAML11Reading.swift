/// What Cloudify's parser, which resolves plain scalars by YAML 1.1 (PyYAML), reads from a plain
/// scalar whose YAML 1.2 value, bluevirt's, is another: `017` is 15 there (octal), `1:30` is 90
/// (base 60), `1_000` is 1000, `0b101` is 5, `2001-12-14` a date, and `0o17`, `08`, `1e3` and
/// `-.5` are text. bluevirt keeps YAML 1.2's value and warns (BV0019), so the blueprint says what
/// it means for both. `yes`, `no`, `on` and `off` are BV0207's, where they meet a boolean.
enum YAML11Reading {
    /// Whether the scalar starts like a number ('+', '-', '.' or a digit): only such a one can
    /// differ, and the readers call `warning` for no other.
    @inline(__always)
    static func mayDiffer(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        return first >= UInt8(ascii: "+") && first <= UInt8(ascii: "9") && first != UInt8(ascii: ",") && first != UInt8(ascii: "/")
    }

    /// The warning for the plain scalar `text` at `range`, whose YAML 1.2 value is `resolved`, or
    /// nil when Cloudify reads that value too. Out of line, so that the readers' scalar code stays
    /// small; the readers call it before they move `resolved` into the node, which a later use
    /// would copy (2.7% of validating 1,000 node templates, before).
    @inline(never)
    static func warning(_ bytes: UnsafeBufferPointer<UInt8>, text: String, resolved: ScalarValue, at range: SourceRange) -> Diagnostic? {
        let differing: String?
        switch resolved {
        case .int(let value): differing = integer(bytes, value: value)
        case .float: differing = float(bytes)
        case .string: differing = self.text(bytes)
        default: return nil
        }
        guard let cloudify = differing else { return nil }
        let ours: String
        switch resolved {
        case .int(let value): ours = "the integer \(value)"
        case .float(let value): ours = "the number \(value)"
        default: ours = "it as text"
        }
        return .warning(.yaml11Reading, "Cloudify (YAML 1.1) reads '\(text)' as \(cloudify); bluevirt (YAML 1.2) reads \(ours)", at: range, notes: [
            DiagnosticNote("quote it ('\(text)') if it is text; if it is a number, write it so that YAML 1.1 and 1.2 read it alike "
                + "(no leading zero, '_' or ':'; a dot and a signed exponent, as in 1.0e+3)"),
        ])
    }

    private static let zero = UInt8(ascii: "0"), dot = UInt8(ascii: "."), colon = UInt8(ascii: ":"), underscore = UInt8(ascii: "_")

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= UInt8(ascii: "9") }

    /// The scalar without its sign, and whether the sign is '-'.
    private static func unsigned(_ bytes: UnsafeBufferPointer<UInt8>) -> (UnsafeBufferPointer<UInt8>, negative: Bool) {
        guard bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") else { return (bytes, false) }
        return (UnsafeBufferPointer(rebasing: bytes[1...]), bytes[0] == UInt8(ascii: "-"))
    }

    private static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String { "the text '\(String(decoding: bytes, as: UTF8.self))'" }

    /// An integer by YAML 1.2 with a leading zero: octal in YAML 1.1 (`017`), or text there (`08`, `0o17`).
    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, value: Int) -> String? {
        let (digits, negative) = unsigned(bytes)
        guard digits.count > 1, digits[0] == zero, digits[1] != UInt8(ascii: "x") else { return nil }
        var octal = 0
        for byte in digits {
            guard byte >= zero, byte <= UInt8(ascii: "7") else { return quoted(bytes) }
            let (times, overflow) = octal.multipliedReportingOverflow(by: 8)
            if overflow { return "another integer" }
            octal = times + Int(byte - zero)
        }
        if negative { octal = -octal }
        return octal == value ? nil : "the integer \(octal)"
    }

    /// A float by YAML 1.2 that YAML 1.1's float pattern does not take (`1e3`, `1.0e3`, `-.5`): text there.
    private static func float(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let (body, signed) = (unsigned(bytes).0, bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+"))
        guard let exponent = body.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
            // `.5` and `5.` read alike, `-.5` is text in YAML 1.1; `.inf`, `.nan` and integers
            // too large for 64 bits (no dot) read alike.
            return signed && body.count > 1 && body[0] == dot && isDigit(body[1]) ? quoted(bytes) : nil
        }
        let hasDot = body[..<exponent].contains(dot)
        let signedExponent = exponent + 1 < body.count && (body[exponent + 1] == UInt8(ascii: "-") || body[exponent + 1] == UInt8(ascii: "+"))
        return hasDot && signedExponent && !(signed && body[0] == dot) ? nil : quoted(bytes)
    }

    /// Text by YAML 1.2 that YAML 1.1 reads as a number or a date.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // A version, an address or a size (`1.2.3`, `10.0.0.1`, `10G`) has none of these.
        guard bytes.contains(where: { $0 == underscore || $0 == colon || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "b") }) else { return nil }
        if let date = dateOrTimestamp(bytes) { return date }
        let (body, negative) = unsigned(bytes)
        guard !body.isEmpty else { return nil }
        if body.count > 2, body[0] == zero, body[1] == UInt8(ascii: "b") {
            return integer(UnsafeBufferPointer(rebasing: body[2...]), radix: 2, negative: negative)
        }
        if body.count > 2, body[0] == zero, body[1] == UInt8(ascii: "x") {
            return integer(UnsafeBufferPointer(rebasing: body[2...]), radix: 16, negative: negative)
        }
        if body.contains(colon) { return sexagesimal(body, negative: negative) }
        guard body.contains(underscore) else { return nil }
        if !body.contains(dot), !body.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            // `[-+]?0[0-7_]+` is octal, `[-+]?[1-9][0-9_]*` decimal.
            guard isDigit(body[0]) else { return nil }
            return body[0] == zero ? integer(UnsafeBufferPointer(rebasing: body[1...]), radix: 8, negative: negative)
                : integer(body, radix: 10, negative: negative)
        }
        // `1_0.5`: YAML 1.1's float, whose underscores it drops: `[-+]?[0-9][0-9_]*\.[0-9_]*` or
        // `\.[0-9][0-9_]*` (no sign), each with an optional signed exponent.
        let plain = bytes.filter { $0 != underscore }
        let allowed: Set<UInt8> = [dot, UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-")]
        guard body.contains(dot), isDigit(body[0]) || (body[0] == dot && bytes[0] == dot && body.count > 1 && isDigit(body[1])),
              plain.allSatisfy({ isDigit($0) || allowed.contains($0) }),
              let number = Double(String(decoding: plain, as: UTF8.self)),
              plain.withUnsafeBufferPointer({ float($0) == nil }) else { return nil }
        return "the number \(number)"
    }

    /// Digits (and underscores) in `radix`, as YAML 1.1's int pattern reads them; nil unless all are.
    private static func integer(_ digits: UnsafeBufferPointer<UInt8>, radix: Int, negative: Bool) -> String? {
        var value = 0, count = 0
        for byte in digits where byte != underscore {
            guard let digit = ScalarResolver.digitValue(byte), digit < radix else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: radix)
            let (sum, o2) = times.addingReportingOverflow(digit)
            if o1 || o2 { return "another integer" }
            value = sum
            count += 1
        }
        guard count > 0 else { return nil }
        return "the integer \(negative ? -value : value)"
    }

    /// `1:30` (90), `190:20:30.15`: YAML 1.1's base 60, `[1-9][0-9_]*(:[0-5]?[0-9])+`, with an
    /// optional fraction after the last part (then a float, whose first part may be 0).
    private static func sexagesimal(_ body: UnsafeBufferPointer<UInt8>, negative: Bool) -> String? {
        let parts = body.split(separator: colon, omittingEmptySubsequences: false)
        guard parts.count > 1, let head = parts.first, let firstByte = head.first, isDigit(firstByte),
              head.allSatisfy({ isDigit($0) || $0 == underscore }) else { return nil }
        var value = Double(String(decoding: head.filter { $0 != underscore }, as: UTF8.self)) ?? 0
        var isFloat = false
        for (index, part) in parts.dropFirst().enumerated() {
            var sixty = part[...]
            var fraction = ""
            if index == parts.count - 2, let point = part.firstIndex(of: dot) {
                sixty = part[..<point]
                guard part[(point + 1)...].allSatisfy({ isDigit($0) || $0 == underscore }) else { return nil }
                fraction = "0." + String(decoding: part[(point + 1)...].filter { $0 != underscore }, as: UTF8.self)
                isFloat = true
            }
            guard (1...2).contains(sixty.count), sixty.allSatisfy(isDigit),
                  sixty.count == 1 || sixty[sixty.startIndex] <= UInt8(ascii: "5") else { return nil }
            value = value * 60 + Double(Int(String(decoding: sixty, as: UTF8.self)) ?? 0) + (Double(fraction) ?? 0)
        }
        if !isFloat, firstByte == zero { return nil }
        let signed = negative ? -value : value
        if isFloat { return "the number \(signed)" }
        return signed.magnitude < 9e15 ? "the integer \(Int(signed))" : "another integer"
    }

    /// YAML 1.1's timestamp: `2001-12-14`, or with a time (`2001-12-14 21:59:43.10 -5`).
    private static func dateOrTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        func digits(_ minimum: Int, _ maximum: Int) -> Bool {
            var count = 0
            while count < maximum, index < bytes.count, isDigit(bytes[index]) { index += 1; count += 1 }
            return count >= minimum
        }
        func byte(_ expected: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == expected else { return false }
            index += 1
            return true
        }
        let dash = UInt8(ascii: "-")
        guard bytes.count >= 8, digits(4, 4), byte(dash), digits(1, 2) else { return nil }
        let monthDigits = index - 5
        guard byte(dash), digits(1, 2) else { return nil }
        if index == bytes.count { return monthDigits == 2 && index == 10 ? "a date" : nil }
        // The time: after T, t, or spaces and tabs.
        if !byte(UInt8(ascii: "T")), !byte(UInt8(ascii: "t")) {
            let start = index
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            if index == start { return nil }
        }
        guard digits(1, 2), byte(colon), digits(2, 2), byte(colon), digits(2, 2) else { return nil }
        if byte(dot) { _ = digits(0, Int.max) }
        if index == bytes.count { return "a timestamp" }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        if byte(UInt8(ascii: "Z")) { return index == bytes.count ? "a timestamp" : nil }
        guard byte(dash) || byte(UInt8(ascii: "+")), digits(1, 2) else { return nil }
        if byte(colon) { guard digits(2, 2) else { return nil } }
        return index == bytes.count ? "a timestamp" : nil
    }
}
