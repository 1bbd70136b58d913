/// Text made safe for a POSIX shell command line.
enum ShellText {
    /// `text` in single quotes, each `'` in it written `'\''`: the shell reads it back unchanged.
    static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: #"'\''"#) + "'"
    }

    /// Whether `name` can be an exported shell variable (letters, digits, `_`, not first a digit).
    static func isVariableName(_ name: String) -> Bool {
        name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) != nil
    }
}
