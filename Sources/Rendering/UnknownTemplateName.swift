import Diagnostics

/// A name a user's Mustache template uses that bluevirt does not give it: a variable that is no
/// parameter (Mustache renders it as nothing), or a block that the built-in template it
/// inherits from does not have (Mustache drops the block). Either is most often a misspelling;
/// the caller reports them as warnings.
public struct UnknownTemplateName: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `{{name}}`, `{{#name}}` or `{{^name}}`.
        case variable
        /// A parameter read by a Jinja2 template included `without context`, which gets none.
        case variableWithoutContext
        /// `{{$name}}` inside `{{<template}}`.
        case block(template: String)
        /// A Jinja2 `{% include %}` whose name is computed and that the render did not reach:
        /// the names its template reads cannot be judged (`name` is empty).
        case computedInclude
    }

    public var kind: Kind
    public var name: String
    /// The closest name bluevirt does give, for a did-you-mean.
    public var suggestion: String?
    /// The names a block may have (the template's blocks); empty for a variable.
    public var known: [String]
    /// The tag in the template file, or the blueprint's template_content.
    public var range: SourceRange
    /// For template_content, the line and column inside it.
    public var notes: [DiagnosticNote]
}

extension UserTemplateCheck {
    /// The unknown names of a Mustache template that parsed, against `context`, the values it
    /// renders with, and `parameters`, those bluevirt knows for the object though the node may
    /// not give them. A variable inside a section over an empty list or a missing value is not
    /// judged: what the list's entries would hold is not known.
    func unknownNames(context: [String: Any], parameters: Set<String>) -> [UnknownTemplateName] {
        var known = parameters
        Self.collectKeys(of: context, into: &known)
        var found: [UnknownTemplateName] = []
        var sections: [(name: String, judged: Bool)] = []
        var parents: [String] = []
        for tag in MustacheTags(text) {
            let judged = sections.allSatisfy(\.judged)
            switch tag.sigil {
            case "#", "^":
                let isKnown = isKnownName(tag.name, known)
                if judged, !isKnown { found.append(unknown(.variable, tag, among: known)) }
                sections.append((tag.name, tag.sigil == "^" || Self.rendersEntries(context, tag.name)))
            case "<":
                parents.append(tag.name)
            case "$":
                guard let parent = parents.last, let blocks = Self.blocks(of: parent), !blocks.contains(tag.name) else {
                    sections.append((tag.name, true))
                    continue
                }
                found.append(unknown(.block(template: parent), tag, among: blocks))
                sections.append((tag.name, true))
            case "/":
                if parents.last == tag.name { parents.removeLast() } else if !sections.isEmpty { sections.removeLast() }
            case nil:
                if judged, !isKnownName(tag.name, known) { found.append(unknown(.variable, tag, among: known)) }
            default:
                continue
            }
        }
        return found
    }

    private func isKnownName(_ name: String, _ known: Set<String>) -> Bool {
        let first = name.prefix { $0 != "." }
        return name == "." || first.isEmpty || known.contains(String(first))
    }

    private func unknown(_ kind: UnknownTemplateName.Kind, _ tag: MustacheTags.Tag, among names: Set<String>) -> UnknownTemplateName {
        let name = String(tag.name.prefix { $0 != "." })
        let isBlock = if case .block = kind { true } else { false }
        return UnknownTemplateName(
            kind: kind, name: name, suggestion: closestName(to: name, in: names),
            known: isBlock ? names.sorted() : [], range: range(line: tag.line, column: tag.column),
            notes: notes(line: tag.line, column: tag.column))
    }

    /// Every key of the context, at any depth: a name inside a section may be an entry's key.
    private static func collectKeys(of value: Any, into keys: inout Set<String>) {
        if let mapping = value as? [String: Any] {
            for (key, inner) in mapping {
                keys.insert(key)
                collectKeys(of: inner, into: &keys)
            }
        } else if let list = value as? [Any] {
            for entry in list { collectKeys(of: entry, into: &keys) }
        }
    }

    /// Whether a section over `name` shows what it renders: not when its value is an empty list
    /// or missing (a dotted or inner name counts as shown).
    private static func rendersEntries(_ context: [String: Any], _ name: String) -> Bool {
        guard !name.utf8.contains(UInt8(ascii: ".")) else { return true }
        guard let value = context[name] else { return false }
        if let list = value as? [Any] { return !list.isEmpty }
        return true
    }

    /// The blocks a built-in template has, its partials' and parents' included; nil for a name
    /// that is no built-in template (BV0614 reports that).
    static func blocks(of template: String) -> Set<String>? {
        guard BuiltinTemplates.sources[template] != nil else { return nil }
        var blocks: Set<String> = []
        var visited: Set<String> = []
        var pending = [template]
        while let name = pending.popLast() {
            guard visited.insert(name).inserted, let source = BuiltinTemplates.sources[name] else { continue }
            for tag in MustacheTags(source) {
                if tag.sigil == "$" { blocks.insert(tag.name) }
                if tag.sigil == ">" || tag.sigil == "<" { pending.append(tag.name) }
            }
        }
        return blocks
    }
}

/// The tags of a Mustache text that parsed, with their places (1-based line and column in
/// Unicode scalars). Comments and the unescaped forms are skipped; their names matter to no check here.
struct MustacheTags: Sequence {
    struct Tag {
        /// `#`, `^`, `/`, `<`, `$`, `>`, or nil for a variable.
        var sigil: Character?
        var name: String
        var line: Int
        var column: Int
    }

    private let text: String

    init(_ text: String) { self.text = text }

    func makeIterator() -> IndexingIterator<[Tag]> { tags().makeIterator() }

    private func tags() -> [Tag] {
        var tags: [Tag] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.firstRange(of: "{{") {
                guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
                var body = rest[open.upperBound..<close.lowerBound].trimmingSpaces
                let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: open.lowerBound) + 1
                rest = rest[close.upperBound...]
                var sigil: Character?
                if let first = body.first, "#^/<$>!&{=%".contains(first) {
                    sigil = first
                    body = body.dropFirst().trimmingSpaces
                }
                guard sigil.map({ "#^/<$>".contains($0) }) ?? true, !body.isEmpty else { continue }
                tags.append(Tag(sigil: sigil, name: String(body), line: index + 1, column: column))
            }
        }
        return tags
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var trimmed = self
        while let first = trimmed.first, first == " " || first == "\t" { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
