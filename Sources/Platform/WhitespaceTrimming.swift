extension StringProtocol {
    /// Without leading and trailing spaces and tabs (Unicode's horizontal white space): what
    /// `trimmingCharacters(in: .whitespaces)` gave.
    public func trimmingWhitespace() -> String {
        trimming { $0.isWhitespace && !$0.isNewline }
    }

    /// Without leading and trailing white space of any kind, line breaks included: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gave.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming(\.isWhitespace)
    }

    private func trimming(_ isTrimmed: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !isTrimmed($0) }),
              let last = lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(self[first...last])
    }
}
