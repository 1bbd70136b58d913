/// Text from a blueprint, an input or a script made safe to print on a terminal: control
/// characters (ESC, BEL, CR, …) are shown as escapes instead of acting on the terminal, and
/// very long text is shortened in the middle, so that a 10 MB name does not print 10 MB.
public enum TerminalText {
    /// The longest text printed whole; longer text keeps its start and end.
    public static let maximumLength = 400

    /// `text` with control characters escaped and, when longer than `maximumLength` characters,
    /// its middle left out.
    public static func bounded(_ text: String, maximumLength: Int = maximumLength) -> String {
        let safe = escapingControls(text)
        guard safe.unicodeScalars.count > maximumLength else { return safe }
        let scalars = safe.unicodeScalars
        let head = String(String.UnicodeScalarView(scalars.prefix(maximumLength * 3 / 4)))
        let tail = String(String.UnicodeScalarView(scalars.suffix(maximumLength / 4)))
        return head + "…(\(scalars.count - maximumLength) characters left out)…" + tail
    }

    /// `text` with every C0 and C1 control character except line feed and tab written as
    /// `\u{1B}`, the way Swift spells it.
    public static func escapingControls(_ text: String, keepingLineBreaks: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0, keepingLineBreaks: keepingLineBreaks) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar, keepingLineBreaks: keepingLineBreaks) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar, keepingLineBreaks: Bool) -> Bool {
        if keepingLineBreaks && (scalar == "\n" || scalar == "\t") { return false }
        return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
