import Blueprint
import Diagnostics

/// Works out how many instances each node template gets (on each of its host's instances):
/// `instances.deploy`, or `capabilities.scalable.properties.default_instances`, or 1; and how
/// many instances a scaling group gets, from its policy's `default_instances` (1 when absent).
/// A count may be an expression such as `{ get_input: workers }`; it must evaluate, before the
/// run, to a non-negative integer within min_instances and max_instances.
struct InstanceCounter {
    let evaluator: Evaluator

    /// Where one count is read from, and how messages name its owner.
    private struct CountSource {
        var owner: Owner
        var context: ExpressionContext
        var key: String
        var count: Expression?
        var minimum: Expression?
        var maximum: Expression?
    }

    /// Whose count it is, as messages name it: `'worker'` for a node template, `scaling group
    /// 'vm_group'` for a group. Made into text only for a message: every template is counted.
    private enum Owner: CustomStringConvertible {
        case template(String)
        case group(String)

        var description: String {
            switch self {
            case .template(let name): "'\(name)'"
            case .group(let name): "scaling group '\(name)'"
            }
        }
    }

    /// The count of node template `template` from its `instances`, or nil with a diagnostic.
    /// Given the template's parts: a whole template handed over was copied.
    func count(of template: String, instances: Instances, diagnostics: inout [Diagnostic]) -> Int? {
        let source = CountSource(owner: .template(template), context: .nodeProperty(node: template),
                                 key: instances.deploy != nil ? "instances.deploy" : "default_instances",
                                 count: instances.deploy ?? instances.defaultInstances,
                                 minimum: instances.minInstances, maximum: instances.maxInstances)
        return count(source, diagnostics: &diagnostics)
    }

    /// The count of scaling group `group` from its scaling `policy`, or nil with a diagnostic.
    func count(ofGroup group: String, policy: Policy, diagnostics: inout [Diagnostic]) -> Int? {
        // Policy properties are checked like outputs when loading: no SELF, every input known.
        let source = CountSource(owner: .group(group), context: .output, key: "default_instances",
                                 count: policy.properties["default_instances"],
                                 minimum: policy.properties["min_instances"], maximum: policy.properties["max_instances"])
        return count(source, diagnostics: &diagnostics)
    }

    private func count(_ source: CountSource, diagnostics: inout [Diagnostic]) -> Int? {
        guard let expression = source.count else { return 1 }
        // A bare validate, given no input values, plans one instance where the count comes
        // from one (``MissingValues``): the count is checked when a deployment gives it.
        if readsInputWithoutValue(expression) { return 1 }
        let key = source.key
        guard let count = integer(expression, key: key, of: source, diagnostics: &diagnostics) else { return nil }
        if let minimum = source.minimum, let value = integer(minimum, key: "min_instances", of: source, diagnostics: &diagnostics),
           count < value {
            diagnostics.append(.error(.instanceCountOutOfRange, "\(key) of \(source.owner) is \(count), less than min_instances (\(value))",
                                      at: expression.range, notes: [DiagnosticNote("min_instances is here", at: minimum.range),
                                                                    DiagnosticNote("give a count of at least \(value)")]))
            return nil
        }
        if let maximum = source.maximum, !isUnbounded(maximum, of: source),
           let value = integer(maximum, key: "max_instances", of: source, diagnostics: &diagnostics), value >= 0, count > value {
            diagnostics.append(.error(.instanceCountOutOfRange, "\(key) of \(source.owner) is \(count), more than max_instances (\(value))",
                                      at: expression.range, notes: [DiagnosticNote("max_instances is here", at: maximum.range),
                                                                    DiagnosticNote("give a count of at most \(value)")]))
            return nil
        }
        return count
    }

    /// Whether `expression` calls get_input of an input without a value: only a blueprint
    /// loaded for a bare validate has one.
    private func readsInputWithoutValue(_ expression: Expression) -> Bool {
        var found = false
        expression.forEachCall { call in
            if call.function == .getInput, let name = call.arguments.first?.stringLiteral, evaluator.inputs[name] == nil { found = true }
        }
        return found
    }

    private func isUnbounded(_ expression: Expression, of source: CountSource) -> Bool {
        switch evaluator.evaluate(expression, in: source.context).value {
        case .string(Instances.unbounded), .int(-1): true
        default: false
        }
    }

    private func integer(_ expression: Expression, key: String, of source: CountSource, diagnostics: inout [Diagnostic]) -> Int? {
        let evaluated = evaluator.evaluate(expression, in: source.context, diagnostics: &diagnostics)
        switch evaluated {
        case .known(.int(let count)) where count >= 0:
            return count
        case .known(let value):
            diagnostics.append(.error(.unknownInstanceCount, "\(key) of \(source.owner) evaluates to \(value.kindDescription) \(value), not a count of instances",
                                      at: expression.range, notes: [DiagnosticNote("give a non-negative integer, or an input of type integer")]))
        default:
            let waitsFor = evaluated.pendingParts.joined(separator: ", ")
            let message = expression.isKnownBeforeRun
                ? "\(key) of \(source.owner) cannot be evaluated (\(waitsFor))"
                : "\(key) of \(source.owner) is only known during a run (\(waitsFor)), but instances are planned before the run"
            diagnostics.append(.error(.unknownInstanceCount, message, at: expression.range,
                                      notes: [DiagnosticNote("give an integer, or a get_input of an integer input")]))
        }
        return nil
    }
}
