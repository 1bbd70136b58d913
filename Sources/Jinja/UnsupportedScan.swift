/// Finds every unsupported tag, filter and test of a template from its tokens, so a check
/// reports them all at once (the parser stops at the first).
enum UnsupportedScan {
    static func problems(in source: String) -> [JinjaError] {
        guard let tokens = try? Lexer.tokenize(source) else { return [] }
        var problems: [JinjaError] = []
        for (index, token) in tokens.enumerated() {
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            switch token.kind {
            case .blockBegin:
                if let next, case .name(let tag) = next.kind, Parser.unsupportedTags.contains(tag), !tag.hasPrefix("end") {
                    problems.append(JinjaError(.unsupported, "the '{% \(tag) %}' tag is not supported by bluevirt's Jinja2 interpreter", at: token.position))
                }
            case .symbol("|"):
                if let next, case .name(let filter) = next.kind, !Filters.names.contains(filter), Filters.jinjaNames.contains(filter) {
                    problems.append(JinjaError(.unsupported, "the filter '\(filter)' is not supported by bluevirt's Jinja2 interpreter", at: next.position))
                }
            case .name("is"):
                var probe = index + 1
                if probe < tokens.count, case .name("not") = tokens[probe].kind { probe += 1 }
                if probe < tokens.count, case .name(let test) = tokens[probe].kind, !Tests.names.contains(test), Tests.jinjaNames.contains(test) {
                    problems.append(JinjaError(.unsupported, "the test '\(test)' is not supported by bluevirt's Jinja2 interpreter", at: tokens[probe].position))
                }
            default:
                break
            }
        }
        return problems
    }
}
