import Foundation

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
        var mask = self
        mask.keptNames = Array(Set(mask.keptNames).union(names.filter { !$0.isEmpty })).sorted()
        return mask
    }

    /// `text` with every secret value replaced by its placeholder, except where it lies inside
    /// a kept name. Occurrences are found in the text as given, longest values first, so a
    /// placeholder already put in is never searched again.
    public func callAsFunction(_ text: String) -> String {
        guard !replacements.isEmpty else { return text }
        let original = text as NSString
        // Placeholders already in the text (masked once by the engine, then by the printer)
        // are kept as they are too.
        // Most text holds no secret: look for what it keeps only once a value is found.
        guard replacements.contains(where: { text.contains($0.text) }) else { return text }
        let kept = keptNames.flatMap { Self.occurrences(of: $0, in: original) } + Self.placeholders(in: original)
        var cuts: [(range: NSRange, placeholder: String)] = []
        for replacement in replacements {
            for range in Self.occurrences(of: replacement.text, in: original)
            where !cuts.contains(where: { NSIntersectionRange($0.range, range).length > 0 })
                && !kept.contains(where: { NSIntersectionRange($0, range) == range }) {
                cuts.append((range, replacement.placeholder))
            }
        }
        guard !cuts.isEmpty else { return text }
        var result = ""
        var position = 0
        for cut in cuts.sorted(by: { $0.range.location < $1.range.location }) {
            result += original.substring(with: NSRange(location: position, length: cut.range.location - position))
            result += cut.placeholder
            position = cut.range.location + cut.range.length
        }
        return result + original.substring(from: position)
    }

    /// The `${get_secret: …}` placeholders in `text`.
    private static func placeholders(in text: NSString) -> [NSRange] {
        occurrences(of: "${get_secret: ", in: text).compactMap { start in
            let rest = NSRange(location: start.location, length: text.length - start.location)
            let end = text.range(of: "}", options: .literal, range: rest)
            guard end.location != NSNotFound else { return nil }
            return NSRange(location: start.location, length: end.location + 1 - start.location)
        }
    }

    private static func occurrences(of needle: String, in text: NSString) -> [NSRange] {
        var found: [NSRange] = []
        var searched = NSRange(location: 0, length: text.length)
        while searched.length > 0 {
            let range = text.range(of: needle, options: .literal, range: searched)
            guard range.location != NSNotFound else { break }
            found.append(range)
            let next = range.location + max(range.length, 1)
            searched = NSRange(location: next, length: text.length - next)
        }
        return found
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
            forms += text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return forms
    }

    /// XML escapes as the renderers write them: Mustache's named references, and the numeric
    /// ones of Jinja2's (markupsafe's) `&#34;` and `&#39;`.
    private static func xmlEscaped(_ text: String) -> [String] {
        let base = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        var forms: [String] = []
        for quote in ["&quot;", "&#34;"] {
            for apostrophe in ["&apos;", "&#39;", "&#x27;"] {
                forms.append(base.replacingOccurrences(of: "\"", with: quote).replacingOccurrences(of: "'", with: apostrophe))
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
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func pythonEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
    }
}
