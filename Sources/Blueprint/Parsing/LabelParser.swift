import YAMLSource

/// Checks `labels` and `blueprint_labels`: each label is `{values: [...]}`. Blueprint label
/// values are plain strings; deployment label values may also be functions known before a run
/// (get_input, concat, ...), not get_attribute, as in Cloudify.
enum LabelParser {
    static func check(_ entry: SectionEntry, isBlueprintLabel: Bool, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) {
        let what = isBlueprintLabel ? "blueprint label '\(entry.name)'" : "label '\(entry.name)'"
        guard let pairs = DefinitionReader.pairs(entry.value, of: what, diagnostics: &diagnostics) else { return }
        DefinitionReader.checkKeys(pairs, allowed: ["values"], in: what, diagnostics: &diagnostics)
        guard let values = DefinitionReader.requireKey("values", in: pairs, of: what, at: entry.key.range,
                                                            hint: "give the label's values as a list under 'values:'", diagnostics: &diagnostics),
              let items = DefinitionReader.items(values.value, of: "the values of \(what)", diagnostics: &diagnostics) else { return }
        for item in items {
            // A number or boolean is no label value (Cloudify wants text): `values: ['1']`.
            if isBlueprintLabel {
                if item.string == nil {
                    diagnostics.append(.error(.wrongShape, "a value of \(what) must be a string, not \(item.kindDescription)", at: item.range, notes: quoteNote(item)))
                }
                continue
            }
            let expression = ExpressionParser.parse(item, diagnostics: &diagnostics)
            if case .call(let call) = expression.kind {
                if call.function.isRuntimeOnly, call.function != .getSecret {
                    diagnostics.append(.error(.functionNotAllowedHere, "a value of \(what) cannot use \(call.function.name): labels are set before anything runs",
                                              at: call.nameRange, notes: [DiagnosticNote("use a literal, get_input or get_secret")]))
                } else {
                    checks.expressions.append(ExpressionSite(expression: expression, context: .output, declared: nil, path: entry.name))
                }
            } else if item.string == nil {
                diagnostics.append(.error(.wrongShape, "a value of \(what) must be a string or a function, not \(item.kindDescription)", at: item.range,
                                          notes: quoteNote(item)))
            }
        }
    }

    /// For a number or boolean: how to write it as the text it looks like; else how to write text.
    private static func quoteNote(_ item: Node) -> [DiagnosticNote] {
        guard let scalar = item.scalar, scalar.value != .null else { return [ShapeHint.text] }
        return [DiagnosticNote("quote it to make it text: '\(scalar.text)'")]
    }
}
