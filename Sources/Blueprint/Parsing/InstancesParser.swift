import YAMLSource

/// Parses a node template's instance counts: the legacy `instances: {deploy: N}` and
/// `capabilities: {scalable: {properties: {default_instances, min_instances, max_instances}}}`,
/// and checks that literal counts are consistent (0 ≤ min ≤ default ≤ max).
struct InstancesParser {
    /// Names the template or group in messages; made only for one.
    let owner: () -> String
    var node: String

    init(owner: @autoclosure @escaping () -> String, node: String) {
        self.owner = owner
        self.node = node
    }

    static let scalableKeys = ["default_instances", "min_instances", "max_instances"]
    /// The hints of a negative maximum, and of another instance count that is negative or no integer.
    static let negativeMaximumHint = DiagnosticNote("use UNBOUNDED (or -1) for no maximum")
    static let countHint = DiagnosticNote("give a whole number of 0 or more, such as 2")

    func parse(instances: Pair?, capabilities: Pair?, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> Instances {
        var result = Instances()
        var literals: [String: (value: Int, range: SourceRange)] = [:]
        var deployRange: SourceRange?
        if let instances, let pairs = DefinitionReader.pairs(instances.value, of: "'instances' of \(owner())", diagnostics: &diagnostics) {
            DefinitionReader.checkKeys(pairs, allowed: ["deploy"], in: "'instances' of \(owner())", diagnostics: &diagnostics)
            // Cloudify requires deploy once `instances` is written at all.
            if let deploy = DefinitionReader.requireKey("deploy", in: pairs, of: "'instances' of \(owner())", at: instances.key.range,
                                                        hint: "give the count as 'deploy: N', or remove 'instances'", diagnostics: &diagnostics) {
                result.deploy = count(deploy, literals: &literals, checks: &checks, diagnostics: &diagnostics)
                deployRange = deploy.key.range
                result.range = instances.key.range
            }
        }
        // As in Cloudify, `capabilities` beside instances.deploy is refused even when it says nothing.
        if let deployRange, let capabilities, capabilities.value.scalar?.value != .null {
            diagnostics.append(.error(.inconsistentInstances, "\(owner()) sets its instance count twice, with instances.deploy and capabilities",
                                      at: capabilities.key.range,
                                      notes: [DiagnosticNote("instances.deploy is here", at: deployRange),
                                              DiagnosticNote("keep capabilities.scalable.properties.default_instances and remove instances")]))
        }
        if let capabilities, let pairs = DefinitionReader.pairs(capabilities.value, of: "'capabilities' of \(owner())", diagnostics: &diagnostics) {
            DefinitionReader.checkKeys(pairs, allowed: ["scalable"], in: "'capabilities' of \(owner())", diagnostics: &diagnostics)
            if let scalable = DefinitionReader.entry("scalable", in: pairs),
               let scalablePairs = DefinitionReader.pairs(scalable.value, of: "'capabilities.scalable' of \(owner())", diagnostics: &diagnostics) {
                DefinitionReader.checkKeys(scalablePairs, allowed: ["properties"], in: "'capabilities.scalable' of \(owner())", diagnostics: &diagnostics)
                if let properties = DefinitionReader.entry("properties", in: scalablePairs),
                   let propertyPairs = DefinitionReader.pairs(properties.value, of: "'capabilities.scalable.properties' of \(owner())", diagnostics: &diagnostics) {
                    DefinitionReader.checkKeys(propertyPairs, allowed: Self.scalableKeys, in: "'capabilities.scalable.properties' of \(owner())", diagnostics: &diagnostics)
                    result.range = scalable.key.range
                    for pair in propertyPairs {
                        switch pair.key.string {
                        case "default_instances": result.defaultInstances = count(pair, literals: &literals, checks: &checks, diagnostics: &diagnostics)
                        case "min_instances": result.minInstances = count(pair, literals: &literals, checks: &checks, diagnostics: &diagnostics)
                        case "max_instances": result.maxInstances = count(pair, literals: &literals, allowUnbounded: true, checks: &checks, diagnostics: &diagnostics)
                        default: break
                        }
                    }
                }
            }
        }
        checkOrder(literals, diagnostics: &diagnostics)
        return result
    }

    /// Parses one count; a literal must be a non-negative integer (`max_instances` may also be
    /// -1 or UNBOUNDED); anything else must be a function such as get_input.
    private func count(_ pair: Pair, literals: inout [String: (value: Int, range: SourceRange)], allowUnbounded: Bool = false,
                       checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> Expression {
        let name = pair.key.string ?? "deploy"
        let expression = ExpressionParser.parse(pair.value, diagnostics: &diagnostics)
        checks.expressions.append(ExpressionSite(expression: expression, context: .nodeProperty(node: node), declared: nil, path: name))
        if expression.containsFunctions { return expression }
        if let value = DefinitionReader.integer(pair.value) {
            if allowUnbounded, value == 0 {
                // Cloudify: "max_instances should be a positive value".
                diagnostics.append(.error(.inconsistentInstances, "max_instances of \(owner()) is 0; a node that may have no instance at all cannot be scaled",
                                          at: pair.value.range, notes: [DiagnosticNote("give at least 1, or UNBOUNDED for no maximum")]))
            } else if value >= 0 {
                literals[name] = (value, pair.value.range)
            } else if !(allowUnbounded && value == -1) {
                diagnostics.append(.error(.inconsistentInstances, "\(name) of \(owner()) is \(value); an instance count cannot be negative", at: pair.value.range,
                                          notes: [allowUnbounded ? Self.negativeMaximumHint : Self.countHint]))
            }
        } else if !(allowUnbounded && pair.value.string == Instances.unbounded) {
            diagnostics.append(.error(.inconsistentInstances, "\(name) of \(owner()) must be an integer, not \(pair.value.kindDescription)", at: pair.value.range,
                                      notes: [allowUnbounded ? DiagnosticNote("use UNBOUNDED for no maximum") : Self.countHint]))
        }
        return expression
    }

    /// Reports literal counts out of order: min above max, the initial count outside them.
    /// Shared with scaling policies, which carry the same counts for a group.
    func checkOrder(_ literals: [String: (value: Int, range: SourceRange)], diagnostics: inout [Diagnostic]) {
        let minimum = literals["min_instances"], maximum = literals["max_instances"]
        let initial = literals["default_instances"] ?? literals["deploy"]
        let initialName = literals["default_instances"] != nil ? "default_instances" : "deploy"
        if let minimum, let maximum, minimum.value > maximum.value {
            diagnostics.append(.error(.inconsistentInstances, "min_instances (\(minimum.value)) of \(owner()) is greater than max_instances (\(maximum.value))",
                                      at: minimum.range, notes: [DiagnosticNote("max_instances is here", at: maximum.range)]))
            return
        }
        if let initial, let minimum, initial.value < minimum.value {
            diagnostics.append(.error(.inconsistentInstances, "\(initialName) (\(initial.value)) of \(owner()) is less than min_instances (\(minimum.value))",
                                      at: initial.range, notes: [DiagnosticNote("min_instances is here", at: minimum.range)]))
        }
        if let initial, let maximum, initial.value > maximum.value {
            diagnostics.append(.error(.inconsistentInstances, "\(initialName) (\(initial.value)) of \(owner()) is greater than max_instances (\(maximum.value))",
                                      at: initial.range, notes: [DiagnosticNote("max_instances is here", at: maximum.range)]))
        }
    }
}
