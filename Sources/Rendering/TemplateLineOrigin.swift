import Platform
import Jinja

/// Which line of a user's template made a line of what it rendered, for diagnostics about the
/// rendered document: the one template line whose text, its tags standing for anything, is the
/// rendered line. Lines of tags alone make no text of their own and are never the answer; when
/// several lines could have made it, or none (the line is the built-in template's a template
/// inherits from), there is no answer rather than a guess.
struct TemplateLineOrigin {
    /// Each template line's text between its tags, whitespace at both ends removed; nil for a
    /// line without text of its own.
    private let patterns: [[Substring]?]

    init(template: String, language: TemplateLanguage) {
        let tag = language == .jinja ? #/\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}/# : #/\{\{.*?\}\}/#
        patterns = template.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let pieces = line.trimmingWhitespace()[...].split(separator: tag, omittingEmptySubsequences: false)
            return pieces.allSatisfy { $0.allSatisfy(\.isWhitespace) } ? nil : pieces
        }
    }

    /// The 1-based template line that made `rendered`, when exactly one could have.
    func line(rendering rendered: Substring) -> Int? {
        let text = rendered.trimmingWhitespace()
        let candidates = patterns.indices.filter { index in
            patterns[index].map { Self.matches(text[...], $0) } ?? false
        }
        return candidates.count == 1 ? candidates[0] + 1 : nil
    }

    /// `text` starts with the first piece, ends with the last, and holds the others in order.
    private static func matches(_ text: Substring, _ pieces: [Substring]) -> Bool {
        guard pieces.count > 1 else { return text == pieces[0] }
        guard text.hasPrefix(pieces[0]), text.hasSuffix(pieces[pieces.count - 1]),
              text.count >= pieces[0].count + pieces[pieces.count - 1].count else { return false }
        var rest = text.dropFirst(pieces[0].count).dropLast(pieces[pieces.count - 1].count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = rest.firstRange(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}
