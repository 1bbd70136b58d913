/// Prints diagnostics the way the Swift compiler does:
///
///     blueprint.yaml:12:11: error: unknown node type 'cloudify.libvirt.domian' [BV0107]
///         type: cloudify.libvirt.domian
///               ^~~~~~~~~~~~~~~~~~~~~~~
///     note: did you mean 'cloudify.libvirt.domain'?
///
/// A note with a range gets its own location, source line and caret; a note without one, like
/// a diagnostic at a range with no position (`SourceRange.unplaced`), is printed as `note: ...`. Colours follow swiftc (bold location and message, red error, magenta
/// warning, green caret) and are used only when asked for: the caller knows whether it writes to
/// a terminal and whether NO_COLOR is set.
public struct DiagnosticPrinter {
    public let color: Bool
    /// Each file's lines, split once however many diagnostics point into it.
    private let lines: SourceLineCache

    /// Tabs in a source line are expanded to this tab stop so that the caret lines up in any terminal.
    public static let tabWidth = 8
    /// At most this many columns of a source line are shown, starting this many before the range.
    static let excerptWidth = 160
    static let excerptLead = 40

    /// - Parameter sourceText: the text of a file by the path diagnostics use, or nil when it is
    ///   not available (the location line is then printed without source line and caret). Called
    ///   at most once per file.
    public init(color: Bool, sourceText: @escaping (String) -> String?) {
        self.color = color
        lines = SourceLineCache(sourceText: sourceText)
    }

    /// One diagnostic with its notes, each line ending in a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var output = header(diagnostic.range, severity: diagnostic.severity, message: "\(TerminalText.bounded(diagnostic.message)) [\(diagnostic.code.id)]")
        output += excerpt(diagnostic.range)
        for note in diagnostic.notes {
            if let range = note.range {
                output += header(range, severity: .note, message: TerminalText.bounded(note.message))
                output += excerpt(range)
            } else {
                output += label(.note) + paint(.bold, " \(TerminalText.bounded(note.message))") + "\n"
            }
        }
        return output
    }

    /// Several diagnostics in the given order.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        // Appended, not mapped and joined: see summary(errors:warnings:).
        diagnostics.reduce(into: "") { $0 += render($1) }
    }

    /// "2 errors, 1 warning"; "1 error"; "3 warnings"; empty when there is neither.
    public static func summary(errors: Int, warnings: Int) -> String {
        let errorCount = errors == 0 ? "" : errors == 1 ? "1 error" : "\(errors) errors"
        let warningCount = warnings == 0 ? "" : warnings == 1 ? "1 warning" : "\(warnings) warnings"
        // Not [String].joined: its first call resolves the collection's types at run time, a
        // third of a million instructions of every validate, even of a valid blueprint.
        return errorCount.isEmpty || warningCount.isEmpty ? errorCount + warningCount : errorCount + ", " + warningCount
    }

    /// The summary of a list of diagnostics.
    public static func summary(of diagnostics: [Diagnostic]) -> String {
        summary(errors: diagnostics.count { $0.severity == .error },
                warnings: diagnostics.count { $0.severity == .warning })
    }

    private func header(_ range: SourceRange, severity: Severity, message: String) -> String {
        guard !range.isUnplaced else { return label(severity) + paint(.bold, " \(message)") + "\n" }
        let location = "\(TerminalText.bounded(range.file)):\(range.start.line):\(range.start.column):"
        return paint(.bold, location) + " " + label(severity) + paint(.bold, " \(message)") + "\n"
    }

    private func label(_ severity: Severity) -> String {
        switch severity {
        case .error: paint(.red, "error:")
        case .warning: paint(.magenta, "warning:")
        case .note: paint(.gray, "note:")
        }
    }

    /// The source line and a caret line under the range: `^` at the start column, `~` up to the
    /// end column when the range ends on the same line, else to the end of the line.
    private func excerpt(_ range: SourceRange) -> String {
        guard let line = lines.line(range.start.line, of: range.file) else { return "" }
        let lastColumn = range.end.line == range.start.line ? range.end.column - 1 : Int.max
        // A very long line (a minified file, a huge scalar) is shown as a window around the start,
        // moved left as far as lets it end with the line; a line that fits is shown whole.
        let length = line.unicodeScalars.count
        let firstShown = max(1, min(range.start.column - Self.excerptLead, length - Self.excerptWidth + 1))
        let lastShown = firstShown + Self.excerptWidth - 1
        var shown = firstShown > 1 ? "…" : ""
        var caretLine = firstShown > 1 ? " " : ""
        var width = 0
        var column = 1
        for character in line.unicodeScalars {
            if column < firstShown {
                column += 1
                continue
            }
            if column > lastShown {
                shown += "…"
                break
            }
            let cells = character == "\t" ? Self.tabWidth - width % Self.tabWidth : 1
            width += cells
            if character == "\t" {
                shown += String(repeating: " ", count: cells)
            } else if character.value < 0x20 || (0x7F...0x9F).contains(character.value) {
                // A control byte (a NUL in a binary file, an escape) must not reach the terminal raw.
                shown.unicodeScalars.append("\u{FFFD}")
            } else {
                shown.unicodeScalars.append(character)
            }
            if column == range.start.column {
                caretLine += "^" + String(repeating: " ", count: cells - 1)
            } else if column > range.start.column, column <= lastColumn {
                caretLine += String(repeating: "~", count: cells)
            } else {
                caretLine += String(repeating: " ", count: cells)
            }
            column += 1
        }
        if column <= range.start.column {
            // The range starts past the end of the line (a missing value at a line's end, end of file).
            caretLine += String(repeating: " ", count: range.start.column - column) + "^"
        }
        while caretLine.last == " " { caretLine.removeLast() }
        return shown + "\n" + paint(.green, caretLine) + "\n"
    }

    private enum Style: String {
        case bold = "\u{1B}[1m"
        case red = "\u{1B}[1;31m"
        case magenta = "\u{1B}[1;35m"
        case gray = "\u{1B}[1;30m"
        case green = "\u{1B}[1;32m"
    }

    private func paint(_ style: Style, _ text: String) -> String {
        guard color, !text.isEmpty else { return text }
        return style.rawValue + text + "\u{1B}[0m"
    }
}

/// Source lines of the files diagnostics point into, split once per file. A class so that a
/// printer (a value) shares one cache across all its `render` calls.
final class SourceLineCache {
    private let sourceText: (String) -> String?
    private var files: [String: [Substring]?] = [:]

    init(sourceText: @escaping (String) -> String?) {
        self.sourceText = sourceText
    }

    /// Line `number` (1-based) of `file` without its line break, or nil if unknown.
    func line(_ number: Int, of file: String) -> Substring? {
        let lines: [Substring]?
        if let cached = files[file] {
            lines = cached
        } else {
            lines = sourceText(file).map { text in
                // libyaml skips a byte order mark without counting it as a column, and breaks
                // lines at LF, CRLF and CR alike (CRLF is a single Character).
                let body = text.first == "\u{FEFF}" ? text.dropFirst() : Substring(text)
                return body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            }
            files[file] = lines
        }
        guard let lines, number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}
