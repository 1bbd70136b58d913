import Platform

/// The `--json` form of a run's diagnostics: one document, keys sorted, for scripts.
///
///     {"diagnostics":[{"code":"BV0107","column":11,"endColumn":34,"endLine":12,"file":"b.yaml",
///       "line":12,"message":"…","notes":[{"message":"…","file":"b.yaml","line":3,"column":5}],
///       "severity":"error"}],"errorCount":1,"warningCount":0}
public struct DiagnosticJSON: Codable, Sendable, Hashable {
    public struct Entry: Codable, Sendable, Hashable {
        public var file: String
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
        public var severity: Severity
        public var code: String
        public var message: String
        public var notes: [Note]
    }

    /// A note; file, line and column are absent when the note points nowhere.
    public struct Note: Codable, Sendable, Hashable {
        public var message: String
        public var file: String?
        public var line: Int?
        public var column: Int?
        public var endLine: Int?
        public var endColumn: Int?
    }

    public var diagnostics: [Entry]
    public var errorCount: Int
    public var warningCount: Int

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.map { diagnostic in
            Entry(file: diagnostic.range.file,
                  line: diagnostic.range.start.line, column: diagnostic.range.start.column,
                  endLine: diagnostic.range.end.line, endColumn: diagnostic.range.end.column,
                  severity: diagnostic.severity, code: diagnostic.code.id, message: diagnostic.message,
                  notes: diagnostic.notes.map { note in
                      Note(message: note.message, file: note.range?.file,
                           line: note.range?.start.line, column: note.range?.start.column,
                           endLine: note.range?.end.line, endColumn: note.range?.end.column)
                  })
        }
        errorCount = diagnostics.count { $0.severity == .error }
        warningCount = diagnostics.count { $0.severity == .warning }
    }

    /// The JSON text of a run's diagnostics (sorted keys, slashes unescaped; pretty-printed on request).
    public static func encode(_ diagnostics: [Diagnostic], pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        guard let data = try? encoder.encode(DiagnosticJSON(diagnostics)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
