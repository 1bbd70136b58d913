/// How bad a problem is. Errors make a blueprint invalid; warnings and notes do not.
public enum Severity: String, Sendable, Codable, Comparable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A stable identifier for a kind of problem, such as `BV0107`. Codes never change meaning;
/// docs/diagnostics.md lists every one. Each module declares its codes in a `DiagnosticCode`
/// extension and adds them to its catalog.
public struct DiagnosticCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let id: String
    /// One line saying what the code means, for listings.
    public let summary: String

    public init(_ id: String, _ summary: String) {
        self.id = id
        self.summary = summary
    }

    public var description: String { id }

    public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    public init(from decoder: any Decoder) throws {
        let id = try decoder.singleValueContainer().decode(String.self)
        self.init(id, "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}

/// A secondary message attached to a diagnostic: a did-you-mean, the first of two duplicates,
/// the other end of a cycle. A note may point somewhere else or nowhere.
public struct DiagnosticNote: Sendable, Hashable, Codable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// One problem found in a blueprint. Diagnostics are values: every stage collects them and
/// the command prints them all at the end, so a user sees every problem of a run at once.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var range: SourceRange
    public var notes: [DiagnosticNote]

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []) {
        self.severity = severity
        self.code = code
        self.message = message
        self.range = range
        self.notes = notes
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []) -> Diagnostic {
        Diagnostic(.error, code, message, at: range, notes: notes)
    }

    public static func warning(_ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []) -> Diagnostic {
        Diagnostic(.warning, code, message, at: range, notes: notes)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, then position, so output reads top to bottom.
    public var sortedBySource: [Diagnostic] {
        enumerated().sorted { a, b in
            let (l, r) = (a.element.range, b.element.range)
            if l.file != r.file { return l.file < r.file }
            if l.start != r.start { return l.start < r.start }
            return a.offset < b.offset
        }.map(\.element)
    }
}
