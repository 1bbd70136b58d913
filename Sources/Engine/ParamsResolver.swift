import Blueprint
import Rendering
import Diagnostics

/// Evaluates one node instance's `params` as the Cloudify libvirt plugin merges them: the node
/// property `params`, then the `params` input of the create and configure operations, each
/// key of a later one replacing the same key of an earlier one. Values the plan knows are
/// substituted; values known only at run time stay pending. Every value keeps the range it
/// was written at, so a diagnostic about it points there.
struct ParamsResolver {
    let evaluator: Evaluator
    let template: NodeTemplate
    /// The value of a `get_attribute` call that the plan knows (an object's `resource_id`),
    /// or nil to keep the call pending.
    let knownAttribute: (FunctionCall) -> Value?

    /// The merged, evaluated parameters.
    struct Resolved: Sendable {
        var values: [String: RenderValue] = [:]
        /// Where each value was written, by parameter path (`memory_size`, `networks[0].mac`).
        var ranges: ParameterRanges
        /// Where the parameters as a whole were written.
        var range: SourceRange
    }

    /// The sources in merge order: each expression and where it lives.
    private var sources: [(expression: Expression, context: ExpressionContext)] {
        template.libvirtParams?.sources(node: template.name) ?? []
    }

    func resolve(diagnostics: inout [Diagnostic]) -> Resolved {
        let sources = self.sources
        let written = sources.first { $0.expression.range.file == template.range.file }
        var resolved = Resolved(ranges: ParameterRanges(template.libvirtParams), range: written?.expression.range ?? template.nameRange)
        for (expression, context) in sources {
            if let entries = expression.mapEntries {
                // Room for every key at once: growing the dictionary key by key rehashed it
                // three times for a domain's ten parameters.
                resolved.values.reserveCapacity(resolved.values.count + entries.count)
                for entry in entries {
                    resolved.values[entry.key] = evaluate(entry.value, in: context, diagnostics: &diagnostics)
                    resolved.ranges.keyWritten(entry.key)
                }
                continue
            }
            // `params: { get_input: machine }`: the map comes whole from a function.
            switch evaluate(expression, in: context, diagnostics: &diagnostics) {
            case .map(let pairs)?:
                for (key, value) in pairs {
                    resolved.values[key] = value
                    resolved.ranges.assign(expression.range, to: key)
                }
            case nil, .pending?:
                break
            case let other?:
                diagnostics.append(.error(
                    .paramsNotMapping, "'params' of node template '\(template.name)' must be a mapping, not \(other.kindDescription)",
                    at: expression.range, notes: [DiagnosticNote("write the parameters as keys and values, e.g. params: { vcpu: 2 }")]))
            }
        }
        return resolved
    }

    private func evaluate(_ expression: Expression, in context: ExpressionContext, diagnostics: inout [Diagnostic]) -> RenderValue? {
        // The closure takes the lookup alone: capturing self copied the whole resolver (its
        // template and evaluator) for every value.
        let known = knownAttribute
        let substituted = expression.substitutingAttributes(known)
        return ParameterConversion.renderValue(evaluator.evaluate(substituted, in: context, diagnostics: &diagnostics))
    }
}
