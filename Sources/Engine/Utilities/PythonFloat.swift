/// Python's `repr` of a float (the shortest text that reads back as the same number, in fixed
/// notation from 1e-4 to 1e16 and in scientific notation outside), and the forms PyYAML and
/// Python's json module write from it.
enum PythonFloat {
    /// `repr(number)`: `1.0`, `0.0001`, `1e-05`, `1.5e+16`, `inf`, `nan`.
    static func repr(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        let (digits, pointPosition) = shortestDigits(abs(number))
        let sign = number.sign == .minus ? "-" : ""
        // Python's rule (float_repr_style 'short'): scientific when the decimal point would sit
        // more than 4 places left of the digits or more than 16 right of the first.
        if pointPosition <= -4 || pointPosition > 16 {
            let exponent = pointPosition - 1
            let mantissa = digits.count == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
            let exponentText = String(abs(exponent))
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exponentText.count < 2 ? "0" : "") + exponentText
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
        }
        return sign + digits.prefix(pointPosition) + "." + digits.dropFirst(pointPosition)
    }

    /// PyYAML's float: `.nan`, `.inf`, `-.inf`, else the lower-cased repr with `.0` added
    /// before an exponent that follows a bare digit (`1.0e+16`).
    static func yamlText(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        let text = repr(number)
        guard !text.contains("."), let e = text.firstIndex(of: "e") else { return text }
        return text[..<e] + ".0" + text[e...]
    }

    /// Python's json module: the repr, `NaN`, `Infinity`, `-Infinity`.
    static func jsonText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return repr(number)
    }

    /// The shortest round-tripping decimal digits of a finite, non-negative number (Swift's
    /// description finds them), and where the decimal point goes: the number is
    /// 0.DIGITS × 10^pointPosition.
    private static func shortestDigits(_ number: Double) -> (digits: String, pointPosition: Int) {
        if number == 0 { return ("0", 1) }
        let text = "\(number)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var pointPosition = whole.count + exponent
        // Leading zeros (0.000123) move the point; trailing zeros (1.0, 100.0) are not digits.
        while digits.count > 1, digits.hasPrefix("0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        return (digits, pointPosition)
    }
}
