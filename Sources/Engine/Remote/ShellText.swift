import StateStore

/// Text made safe for a POSIX shell command line.
enum ShellText {
    /// `text` in single quotes, each `'` in it written `'\''`: the shell reads it back unchanged.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// The texts of a list value; nil when it is not a list of texts.
    static func texts(_ value: JSONValue?) -> [String]? {
        guard case .array(let items)? = value else { return nil }
        let texts = items.compactMap { item -> String? in
            if case .string(let text) = item { return text }
            return nil
        }
        return texts.count == items.count ? texts : nil
    }

    /// Whether `name` can be an exported shell variable (letters, digits, `_`, not first a digit).
    static func isVariableName(_ name: String) -> Bool {
        name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) != nil
    }
}
