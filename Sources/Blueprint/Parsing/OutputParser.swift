import YAMLSource

/// Parses `outputs` and `capabilities`: name → {value, description}.
enum OutputParser {
    static let keys = ["value", "description"]

    static func parse(_ entry: SectionEntry, section: String, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> Output? {
        let what = section == "outputs" ? "output '\(entry.name)'" : "capability '\(entry.name)'"
        guard let pairs = DefinitionReader.pairs(entry.value, of: what, diagnostics: &diagnostics) else { return nil }
        DefinitionReader.checkKeys(pairs, allowed: keys, in: what, diagnostics: &diagnostics)
        guard let value = DefinitionReader.requireKey("value", in: pairs, of: what, at: entry.key.range,
                                                     hint: "add 'value:' with what to show, e.g. '{ get_attribute: [vm, ip] }'", diagnostics: &diagnostics) else { return nil }
        let expression = ExpressionParser.parse(value.value, diagnostics: &diagnostics)
        checks.expressions.append(ExpressionSite(expression: expression, context: .output, declared: nil, path: entry.name))
        var description: String?
        if let node = DefinitionReader.entry("description", in: pairs)?.value, node.scalar?.value != .null {
            description = DefinitionReader.string(node, of: "the description of \(what)", diagnostics: &diagnostics)
        }
        return Output(name: entry.name, description: description, value: expression, range: entry.value.range, nameRange: entry.key.range)
    }
}
