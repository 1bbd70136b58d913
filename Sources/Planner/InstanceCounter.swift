import Blueprint
import YAMLSource

/// Works out how many instances each node template gets (on each of its host's instances):
/// `instances.deploy`, or `capabilities.scalable.properties.default_instances`, or 1. A count
/// may be an expression such as `{ get_input: workers }`; it must evaluate, before the run, to
/// a non-negative integer within min_instances and max_instances.
struct InstanceCounter {
    let evaluator: Evaluator

    /// The count for `template`, or nil with a diagnostic.
    func count(of template: NodeTemplate, diagnostics: inout [Diagnostic]) -> Int? {
        let instances = template.instances
        guard let expression = instances.deploy ?? instances.defaultInstances else { return 1 }
        let key = instances.deploy != nil ? "instances.deploy" : "default_instances"
        guard let count = integer(expression, key: key, of: template, diagnostics: &diagnostics) else { return nil }
        if let minimum = instances.minInstances, let value = integer(minimum, key: "min_instances", of: template, diagnostics: &diagnostics),
           count < value {
            diagnostics.append(.error(.instanceCountOutOfRange, "\(key) of '\(template.name)' is \(count), less than min_instances (\(value))",
                                      at: expression.range, notes: [DiagnosticNote("min_instances is here", at: minimum.range),
                                                                    DiagnosticNote("give a count of at least \(value)")]))
            return nil
        }
        if let maximum = instances.maxInstances, !isUnbounded(maximum, of: template),
           let value = integer(maximum, key: "max_instances", of: template, diagnostics: &diagnostics), value >= 0, count > value {
            diagnostics.append(.error(.instanceCountOutOfRange, "\(key) of '\(template.name)' is \(count), more than max_instances (\(value))",
                                      at: expression.range, notes: [DiagnosticNote("max_instances is here", at: maximum.range),
                                                                    DiagnosticNote("give a count of at most \(value)")]))
            return nil
        }
        return count
    }

    private func isUnbounded(_ expression: Expression, of template: NodeTemplate) -> Bool {
        switch evaluator.evaluate(expression, in: .nodeProperty(node: template.name)).value {
        case .string(Instances.unbounded), .int(-1): true
        default: false
        }
    }

    private func integer(_ expression: Expression, key: String, of template: NodeTemplate, diagnostics: inout [Diagnostic]) -> Int? {
        let evaluated = evaluator.evaluate(expression, in: .nodeProperty(node: template.name), diagnostics: &diagnostics)
        switch evaluated {
        case .known(.int(let count)) where count >= 0:
            return count
        case .known(let value):
            diagnostics.append(.error(.unknownInstanceCount, "\(key) of '\(template.name)' evaluates to \(value.kindDescription) \(value), not a count of instances",
                                      at: expression.range, notes: [DiagnosticNote("give a non-negative integer, or an input of type integer")]))
        default:
            let waitsFor = evaluated.pendingParts.joined(separator: ", ")
            let message = expression.isKnownBeforeRun
                ? "\(key) of '\(template.name)' cannot be evaluated (\(waitsFor))"
                : "\(key) of '\(template.name)' is only known during a run (\(waitsFor)), but instances are planned before the run"
            diagnostics.append(.error(.unknownInstanceCount, message, at: expression.range,
                                      notes: [DiagnosticNote("give an integer, or a get_input of an integer input")]))
        }
        return nil
    }
}
