import YAMLSource

/// Checks `resource_tags` (Cloudify, DSL 1_3): tag name → value, which Cloudify hands to the
/// plugins that tag what they create. A value is any literal or a function known when the
/// deployment is created (get_input, get_secret, concat, ...); get_attribute and its list and
/// dict forms read instances that do not exist yet.
enum ResourceTagParser {
    static func check(_ entry: SectionEntry, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) {
        let expression = ExpressionParser.parse(entry.value, diagnostics: &diagnostics)
        var runtimeCall = false
        expression.forEachCall { call in
            guard call.function.isRuntimeOnly, call.function != .getSecret else { return }
            runtimeCall = true
            diagnostics.append(.error(.functionNotAllowedHere,
                                      "resource tag '\(entry.name)' cannot use \(call.function.name): tags are set when the deployment is created, before any instance exists",
                                      at: call.nameRange, notes: [DiagnosticNote("use a literal, get_input, get_secret or concat")]))
        }
        guard !runtimeCall, expression.containsFunctions else { return }
        checks.expressions.append(ExpressionSite(expression: expression, context: .output, declared: nil, path: entry.name))
    }
}
