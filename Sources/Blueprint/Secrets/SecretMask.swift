import Platform

/// Hides secret values in text that bluevirt prints or records for display (diagnostics,
/// progress, script output, dry-run XML, outputs, events): every occurrence of a value becomes
/// `${get_secret: NAME}` (`${get_secret: [NAME, key]}` for a part of a structured value), the
/// same form dry-run uses for values known only at run time.
///
/// The value is searched for as written and as the escapes that printing adds to it (XML,
/// JSON and YAML strings, Python's repr), and each line of a multi-line value on its own (a
/// script may print a key line by line). A value shorter than `minimumLength` characters is
/// not searched for: it would hide unrelated text all over the output (validate warns about
/// such a secret, BV0842). Booleans and null are not secret text.
public struct SecretMask: Sendable, Hashable {
    /// The shortest value that is searched for.
    public static let minimumLength = 4

    /// What to find and what replaces it, longest first so that a value containing another is
    /// replaced whole.
    private let replacements: [Replacement]
    /// Names the user chose (the deployment, node templates, the blueprint's path), shown as they
    /// are even when a secret value is part of one (`centos` in `vm_centos`): a secret inside
    /// such a name is the name's text, not a leak. A secret that merely contains a name is
    /// still hidden.
    private var keptNames: [String] = []

    private struct Replacement: Sendable, Hashable {
        var text: String
        var placeholder: String
    }

    /// No secrets: text passes unchanged.
    public init() {
        replacements = []
    }

    public init(_ secrets: Secrets) {
        var found: [String: String] = [:]
        for (name, secret) in secrets.byName.sorted(by: { $0.key < $1.key }) {
            for leaf in Self.leaves(of: secret.value, path: []) {
                let placeholder = leaf.path.isEmpty
                    ? "${get_secret: \(name)}"
                    : "${get_secret: [\(([name] + leaf.path).joined(separator: ", "))]}"
                for form in Self.printedForms(of: leaf.text) where form.count >= Self.minimumLength && found[form] == nil {
                    found[form] = placeholder
                }
            }
        }
        replacements = found.map { Replacement(text: $0.key, placeholder: $0.value) }
            .sorted { ($0.text.count, $0.text) > ($1.text.count, $1.text) }
    }

    public var isEmpty: Bool { replacements.isEmpty }

    /// This mask, showing `names` as they are (see `keptNames`).
    public func keeping(_ names: some Sequence<String>) -> SecretMask {
        // Without secrets nothing is masked, so no name needs keeping (sorting a big
        // blueprint's template names was 0.6% of validating it).
        guard !replacements.isEmpty else { return self }
        var mask = self
        mask.keptNames = Array(Set(mask.keptNames).union(names.filter { !$0.isEmpty })).sorted()
        return mask
    }

    /// `text` with every secret value replaced by its placeholder, except where it lies inside
    /// a kept name. Occurrences are found in the text as given, longest values first, so a
    /// placeholder already put in is never searched again.
    public func callAsFunction(_ text: String) -> String {
        guard !replacements.isEmpty else { return text }
        // Placeholders already in the text (masked once by the engine, then by the printer)
        // are kept as they are too.
        // Most text holds no secret: look for what it keeps only once a value is found.
        guard replacements.contains(where: { text.utf8.firstRange(of: $0.text.utf8) != nil }) else { return text }
        let kept = keptNames.flatMap { Self.occurrences(of: $0, in: text) } + Self.placeholders(in: text)
        var cuts: [(range: Range<String.Index>, placeholder: String)] = []
        for replacement in replacements {
            for range in Self.occurrences(of: replacement.text, in: text)
            where !cuts.contains(where: { $0.range.overlaps(range) })
                && !kept.contains(where: { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }) {
                cuts.append((range, replacement.placeholder))
            }
        }
        guard !cuts.isEmpty else { return text }
        var result = ""
        var position = text.startIndex
        for cut in cuts.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            result += Self.piece(of: text, position..<cut.range.lowerBound)
            result += cut.placeholder
            position = cut.range.upperBound
        }
        return result + Self.piece(of: text, position..<text.endIndex)
    }

    /// The `${get_secret: …}` placeholders in `text`.
    private static func placeholders(in text: String) -> [Range<String.Index>] {
        occurrences(of: "${get_secret: ", in: text).compactMap { start in
            guard let end = text.utf8[start.lowerBound...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
            return start.lowerBound..<text.utf8.index(after: end)
        }
    }

    /// Where `needle` occurs, code unit for code unit (no Unicode equivalence), left to right
    /// without overlapping: a value is found even when a combining mark follows it.
    private static func occurrences(of needle: String, in text: String) -> [Range<String.Index>] {
        text.utf8.ranges(of: needle.utf8)
    }

    /// The text between two found places, which lie on Unicode scalar boundaries but maybe not
    /// on character boundaries (where String's own subscript would move them).
    private static func piece(of text: String, _ range: Range<String.Index>) -> Substring {
        Substring(text.utf8[range])
    }

    /// The texts of a value's scalars, with the path of keys and indices that leads to each.
    static func leaves(of value: Value, path: [String]) -> [(path: [String], text: String)] {
        switch value {
        case .null, .bool: return []
        case .int(let number): return [(path, String(number))]
        case .float(let number): return [(path, Value.formatFloat(number))]
        case .string(let text): return [(path, text)]
        case .list(let items): return items.enumerated().flatMap { leaves(of: $0.element, path: path + [String($0.offset)]) }
        case .map(let entries): return entries.flatMap { leaves(of: $0.value, path: path + [$0.key]) }
        }
    }

    /// The ways `text` can appear in what bluevirt prints.
    static func printedForms(of text: String) -> [String] {
        var forms = [text, jsonEscaped(text, slash: false), jsonEscaped(text, slash: true), String(Value.quoted(text).dropFirst().dropLast()),
                     pythonEscaped(text)] + xmlEscaped(text)
        if text.contains("\n") {
            forms += text.split(separator: "\n").map { $0.trimmingWhitespace() }
        }
        return forms
    }

    /// XML escapes as the renderers write them: Mustache's named references, and the numeric
    /// ones of Jinja2's (markupsafe's) `&#34;` and `&#39;`.
    private static func xmlEscaped(_ text: String) -> [String] {
        let base = text.replacing("&", with: "&amp;").replacing("<", with: "&lt;")
            .replacing(">", with: "&gt;")
        var forms: [String] = []
        for quote in ["&quot;", "&#34;"] {
            for apostrophe in ["&apos;", "&#39;", "&#x27;"] {
                forms.append(base.replacing("\"", with: quote).replacing("'", with: apostrophe))
            }
        }
        return forms
    }

    private static func jsonEscaped(_ text: String, slash: Bool) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "/" where slash: result += "\\/"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(printf: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func pythonEscaped(_ text: String) -> String {
        var result = ""
        // Line feeds and tabs scalar by scalar: the line feed of "\r\n" is escaped too, and
        // String's replacing, which compares characters, would not find it inside that one.
        for scalar in text.replacing("\\", with: "\\\\").replacing("'", with: "\\'").unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
