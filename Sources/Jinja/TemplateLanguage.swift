/// Which template language a text is written in: Jinja2 (the Cloudify libvirt plugin's) or
/// Mustache (bluevirt's built-in templates). The rule, first match wins:
///
/// 1. A marker on the first line: a Jinja2 comment `{# jinja2 #}` (or `{# jinja #}`) means
///    Jinja2; a Mustache comment `{{! mustache }}` means Mustache.
/// 2. The file name: `.j2`, `.jinja`, `.jinja2` mean Jinja2; `.mustache` means Mustache.
/// 3. Jinja2 evidence: a `{%` or `{#` tag (not part of `{{%` or `{{#`), a `{{-` or `-}}`, or
///    a `{{ … }}` holding more than a Mustache name — a filter `|`, a call `(`, a subscript
///    `[`, a string literal, an operator, or words separated by spaces (`x is defined`).
///    Jinja2 evidence wins over Mustache evidence, so a template mixing both is read as
///    Jinja2 and its Mustache tags are reported as Jinja2 syntax errors with their position.
/// 4. Mustache evidence: a tag starting with a sigil, `{{#` `{{/` `{{^` `{{<` `{{$` `{{>`
///    `{{!` `{{&` `{{{` `{{=` `{{%`.
/// 5. Otherwise (only `{{ name }}` or `{{ a.b }}` tags, or none) the text is valid in both:
///    `.either`. Both languages then print the same strings and numbers; callers choose.
public enum TemplateLanguage: Sendable, Hashable {
    case jinja
    case mustache
    case either

    /// The language of `text`, and a short reason for messages ("it uses '{%'").
    public static func detect(_ text: String, fileName: String? = nil) -> (language: TemplateLanguage, reason: String) {
        let firstLine = text.prefix { $0 != "\n" }.lowercased()
        let compact = firstLine.filter { !$0.isWhitespace }
        if compact.hasPrefix("{#jinja2#}") || compact.hasPrefix("{#jinja#}") || compact.hasPrefix("{#-jinja2-#}") {
            return (.jinja, "its first line is the marker '{# jinja2 #}'")
        }
        if compact.hasPrefix("{{!mustache}}") {
            return (.mustache, "its first line is the marker '{{! mustache }}'")
        }
        if let fileName {
            let lower = fileName.lowercased()
            for suffix in [".j2", ".jinja", ".jinja2"] where lower.hasSuffix(suffix) {
                return (.jinja, "its file name ends in '\(suffix)'")
            }
            if lower.hasSuffix(".mustache") { return (.mustache, "its file name ends in '.mustache'") }
        }
        let scalars = Array(text.unicodeScalars)
        var mustacheReason: String?
        var index = 0
        while index + 1 < scalars.count {
            guard scalars[index] == "{" else { index += 1; continue }
            let next = scalars[index + 1]
            if next == "%" || next == "#" {
                return (.jinja, "it uses '{\(Character(next))'")
            }
            guard next == "{" else { index += 1; continue }
            let bodyStart = index + 2
            guard bodyStart < scalars.count else { break }
            let sigil = scalars[bodyStart]
            if "#/^<$>!&{=%".unicodeScalars.contains(sigil) {
                if mustacheReason == nil { mustacheReason = "it uses the Mustache tag '{{\(Character(sigil))'" }
                index = bodyStart + 1
                continue
            }
            // The body of `{{ … }}` up to `}}`.
            var end = bodyStart
            while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
            var body = String.UnicodeScalarView()
            body.append(contentsOf: scalars[bodyStart..<min(end, scalars.count)])
            // A tag that another `{{` or the end of the text interrupts is unfinished in both
            // languages (`<name>{{name}</name>`): evidence of neither, so the template is read
            // as the other tags say and its error is that of the unfinished tag.
            if end + 1 >= scalars.count || String(body).contains("{{") {
                index = bodyStart
                continue
            }
            if let reason = jinjaEvidence(String(body)) { return (.jinja, reason) }
            index = end + 2
        }
        if let mustacheReason { return (.mustache, mustacheReason) }
        return (.either, "it uses only '{{ name }}' tags, valid in both Jinja2 and Mustache")
    }

    /// Why the body of a `{{ … }}` tag is a Jinja2 expression and not a Mustache name; nil
    /// when it is a plain (possibly dotted) name, which both languages read alike.
    private static func jinjaEvidence(_ body: String) -> String? {
        if body.hasPrefix("-") || body.hasSuffix("-") { return "it uses whitespace control ('{{-' or '-}}')" }
        let trimmed = body.trimmingWhitespace
        if trimmed.isEmpty { return nil }
        let isName = trimmed.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0) }
        if isName { return nil }
        return "it uses the Jinja2 expression '{{ \(trimmed.count > 40 ? String(trimmed.prefix(37)) + "..." : trimmed) }}'"
    }
}

private extension String {
    var trimmingWhitespace: String {
        let scalars = Array(unicodeScalars)
        var lower = 0
        var upper = scalars.count
        while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
        return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }
}
