extension StringProtocol {
    /// Filled with spaces on the right to `length` characters, or cut to it: what
    /// `padding(toLength:withPad: " ", startingAt: 0)` gave, for columns of a table.
    public func padded(toLength length: Int) -> String {
        count >= length ? String(prefix(length)) : String(self) + String(repeating: " ", count: length - count)
    }
}
