import YAMLSource

/// Reads the secrets a command is given: `--secrets FILE` (a YAML or JSON mapping of names to
/// values, text or structured) and `--secret NAME=VALUE` (the value is text, taken as written).
/// No message quotes a value.
public enum GivenSecrets {
    /// The file name used in ranges of command-line `--secret` assignments.
    public static let commandLine = "<command line --secret>"

    /// The secrets of a `--secrets` file by name. An empty file gives none.
    public static func load(file path: String) -> ([String: Secrets.Secret], [Diagnostic]) {
        let result = YAMLLoader.load(contentsOf: path)
        var diagnostics = result.diagnostics
        guard let document = result.documents.first else { return ([:], diagnostics) }
        if case .scalar(let scalar) = document.content, case .null = scalar.value { return ([:], diagnostics) }
        guard let pairs = document.pairs else {
            diagnostics.append(.error(.malformedSecrets, "a secrets file must be a mapping of secret names to values, not \(document.kindDescription)",
                                      at: document.range, notes: [DiagnosticNote("write one `name: value` line per secret, or a JSON object")]))
            return ([:], diagnostics)
        }
        var secrets: [String: Secrets.Secret] = [:]
        for pair in pairs {
            secrets[pair.key.keyText] = Secrets.Secret(value: Value(pair.value), source: .file(path))
        }
        return (secrets, diagnostics)
    }

    /// Parses `NAME=VALUE`: everything after the first `=` is the value, as text.
    public static func parse(assignment: String) -> ((name: String, secret: Secrets.Secret)?, [Diagnostic]) {
        guard let equals = assignment.firstIndex(of: "=") else {
            // Without '=' the whole text may be a value typed in the wrong place: never quote it.
            return (nil, [.error(.malformedSecrets, "a --secret must look like NAME=VALUE, but one has no '='", at: commandLineRange,
                                 notes: [DiagnosticNote("for example --secret db_password=VALUE; to keep a value out of the shell's history, use a --secrets file or 'bluevirt secret set NAME' reading standard input")])])
        }
        let name = String(assignment[..<equals])
        guard !name.trimmingWhitespace.isEmpty else {
            return (nil, [.error(.malformedSecrets, "a --secret has no name before '='", at: commandLineRange,
                                 notes: [DiagnosticNote("write NAME=VALUE")])])
        }
        let value = String(assignment[assignment.index(after: equals)...])
        return ((name, Secrets.Secret(value: .string(value), source: .commandLine)), [])
    }

    /// Where a `--secret` problem is reported: the assignment itself is never quoted.
    private static let commandLineRange = SourceRange(file: commandLine, start: SourceLocation(line: 1, column: 1),
                                                      end: SourceLocation(line: 1, column: 1))
}
