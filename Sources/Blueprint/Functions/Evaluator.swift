import Platform
import YAMLSource

/// Reduces expressions to values before a run, as far as that is possible: literals, get_input
/// (with nested paths), get_property (following other node templates' properties), get_secret
/// (from the run's `Secrets`), concat, merge and the string functions. get_attribute,
/// get_attributes_list, get_attributes_dict and a secret without a value stay pending, and so
/// does anything built from them.
///
/// The planner and dry-run use it; the checks it can only make with values in hand (a missing
/// key on a nested path, a non-map given to merge, a split index out of range) come back as
/// diagnostics.
public struct Evaluator: Sendable {
    /// The bound input values.
    public var inputs: [String: Value]
    /// The values get_secret reads.
    public var secrets: Secrets
    /// What get_sys answers: known once the deployment is (dry-run, apply); nil leaves it pending.
    public var system: SystemValues?
    /// The value a node template gives a property (its own or its type's default), if any; nil
    /// when this evaluator does not know the node templates (get_property stays pending).
    public var propertyLookup: (@Sendable (_ node: String, _ property: String) -> Expression?)?

    /// How deep get_property may chain before evaluation stops, as Cloudify's recursion limit.
    public static let maximumDepth = 50

    /// An evaluator over bound inputs and node templates' property values.
    public init(inputs: [String: Value], secrets: Secrets = Secrets(),
                propertyLookup: (@Sendable (_ node: String, _ property: String) -> Expression?)? = nil) {
        self.inputs = inputs
        self.secrets = secrets
        self.propertyLookup = propertyLookup
    }

    /// An evaluator over `blueprint`'s bound inputs and its node templates' property values.
    /// `secrets` are the blueprint's unless given (a check that leaves get_secret to the run
    /// gives none); a `deployment` makes get_sys known.
    public init(blueprint: Blueprint, secrets: Secrets? = nil, deployment: String? = nil) {
        let templates = blueprint.nodeTemplates
        self.init(inputs: blueprint.inputValues, secrets: secrets ?? blueprint.secrets) { node, property in templates[node]?.properties[property] }
        system = deployment.map { SystemValues(deployment: $0, mainFile: blueprint.mainFile) }
    }

    /// Evaluates `expression` where it lives, discarding diagnostics.
    public func evaluate(_ expression: Expression, in context: ExpressionContext) -> EvaluatedValue {
        var ignored: [Diagnostic] = []
        return evaluate(expression, in: context, diagnostics: &ignored)
    }

    /// Evaluates `expression` where it lives, reporting what makes a part impossible to evaluate.
    public func evaluate(_ expression: Expression, in context: ExpressionContext, diagnostics: inout [Diagnostic]) -> EvaluatedValue {
        // A scalar is its own value: no run (which copies the evaluator) for the literals that
        // most parameters are.
        if case .scalar(let scalar) = expression.kind { return .known(Value(scalar.value)) }
        var run = Run(evaluator: self)
        let result = run.evaluate(expression, in: context)
        if !run.diagnostics.isEmpty { diagnostics += run.diagnostics }
        return result
    }

    /// One evaluation, with the chain of get_property references followed so far.
    private struct Run {
        let evaluator: Evaluator
        var diagnostics: [Diagnostic] = []
        var chain: [(node: String, property: String, range: SourceRange)] = []

        init(evaluator: Evaluator) {
            self.evaluator = evaluator
        }

        mutating func evaluate(_ expression: Expression, in context: ExpressionContext) -> EvaluatedValue {
            switch expression.kind {
            case .scalar(let scalar):
                return .known(Value(scalar.value))
            case .list(let items):
                return .collecting(items.map { evaluate($0, in: context) })
            case .map(let entries):
                return .collecting(entries.map { EvaluatedValue.Entry(key: $0.key, value: evaluate($0.value, in: context)) })
            case .call(let call):
                return evaluate(call, in: context)
            }
        }

        private mutating func evaluate(_ call: FunctionCall, in context: ExpressionContext) -> EvaluatedValue {
            // The call as written, made only when the value stays unknown (most are known).
            func pending() -> EvaluatedValue { .pending(call.summary) }
            if call.isMalformed || call.arguments.isEmpty { return pending() }
            if call.function.isRuntimeOnly, call.function != .getSecret { return pending() }
            let arguments = call.arguments.map { evaluate($0, in: context) }
            switch call.function {
            case .getInput:
                guard let name = arguments[0].value?.string, let root = evaluator.inputs[name] else { return pending() }
                // The common `get_input: NAME`, without building an empty path to walk.
                if arguments.count == 1 { return .known(root) }
                return walk(.known(root), path: Array(call.arguments.dropFirst()), values: Array(arguments.dropFirst()),
                            described: name, function: call.function) ?? pending()
            case .getSecret:
                return evaluateGetSecret(call, arguments: arguments) ?? pending()
            case .getProperty:
                return evaluateGetProperty(call, arguments: arguments, in: context) ?? pending()
            case .concat:
                // Appended in one string, not an array of values and one of strings joined.
                var text = ""
                for argument in arguments {
                    guard let value = argument.value else { return pending() }
                    text += value.pythonString
                }
                return .known(.string(text))
            case .merge:
                var pairs: [(String, Value)] = []
                for (argument, expression) in zip(arguments, call.arguments) {
                    guard let value = argument.value else { return pending() }
                    guard let entries = value.entries else {
                        diagnostics.append(.error(.functionArgumentType, "merge takes maps, but this item evaluates to \(value.kindDescription) (\(value))",
                                                  at: expression.range))
                        return pending()
                    }
                    pairs += entries.map { ($0.key, $0.value) }
                }
                return .known(.map(pairs: pairs))
            case .stringFind, .stringReplace, .stringSplit, .stringLower, .stringUpper:
                return evaluateString(call, arguments: arguments) ?? pending()
            case .getSys:
                guard let entity = arguments[0].value?.string, let property = arguments[1].value?.string,
                      let value = evaluator.system?.value(entity: entity, property: property) else { return pending() }
                return .known(.string(value))
            case .getAttribute, .getAttributesList, .getAttributesDict:
                return pending()
            }
        }

        /// `get_secret: NAME` is the secret's value; `get_secret: [NAME, key, …]` follows the path
        /// into it, reading a text value as JSON first, as Cloudify does.
        private mutating func evaluateGetSecret(_ call: FunctionCall, arguments: [EvaluatedValue]) -> EvaluatedValue? {
            guard let name = arguments[0].value?.string, var root = evaluator.secrets.value(named: name) else { return nil }
            let path = Array(call.arguments.dropFirst())
            guard !path.isEmpty else { return .known(root) }
            if case .string(let text) = root {
                guard let parsed = SecretJSON.parse(text) else {
                    diagnostics.append(.error(.functionEvaluationFailed, "secret '\(name)' is text that is not JSON, so get_secret cannot follow a path into it",
                                              at: call.arguments[1].range,
                                              notes: [DiagnosticNote("give the secret as JSON text, or as a mapping in a --secrets file; or use get_secret: \(name)")]))
                    return nil
                }
                root = parsed
            }
            return walk(.known(root), path: path, values: Array(arguments.dropFirst()), described: name, function: .getSecret)
        }

        private mutating func evaluateGetProperty(_ call: FunctionCall, arguments: [EvaluatedValue], in context: ExpressionContext) -> EvaluatedValue? {
            guard arguments.count >= 2, let reference = arguments[0].value?.string, let property = arguments[1].value?.string else { return nil }
            let node: String?
            switch reference {
            case "SELF": node = context.selfNode
            case "SOURCE": node = context.sourceNode
            case "TARGET": node = context.targetNode
            default: node = reference
            }
            guard let node, let lookup = evaluator.propertyLookup else { return nil }
            guard let expression = lookup(node, property) else {
                reportComputedNameFindingNothing(call, node: node, property: property)
                return nil
            }
            if let start = chain.firstIndex(where: { $0.node == node && $0.property == property }) {
                let loop = (chain[start...].map { "\($0.node).\($0.property)" } + ["\(node).\(property)"]).joined(separator: " -> ")
                diagnostics.append(.error(.propertyReferenceCycle, "get_property refers back to itself: \(loop)", at: call.range,
                                          notes: chain[start...].map { DiagnosticNote("'\($0.node).\($0.property)' is referenced here", at: $0.range) }))
                return nil
            }
            guard chain.count < Evaluator.maximumDepth else {
                diagnostics.append(.error(.propertyReferenceCycle, "get_property references are nested deeper than \(Evaluator.maximumDepth) levels", at: call.range))
                return nil
            }
            chain.append((node, property, call.range))
            let value = evaluate(expression, in: .nodeProperty(node: node))
            chain.removeLast()
            return walk(value, path: Array(call.arguments.dropFirst(2)), values: Array(arguments.dropFirst(2)),
                        described: "\(node).\(property)", function: .getProperty)
        }

        /// A node or property name given by a function (`get_property: [vm, {get_input: name}]`)
        /// that names nothing with a value: Cloudify fails there when it prepares the plan, and
        /// so does this. Names written as they are were checked with the blueprint (BV0304,
        /// BV0305), so they are not reported twice.
        private mutating func reportComputedNameFindingNothing(_ call: FunctionCall, node: String, property: String) {
            let nodeIsComputed = call.arguments[0].stringLiteral == nil, propertyIsComputed = call.arguments[1].stringLiteral == nil
            guard nodeIsComputed || propertyIsComputed else { return }
            let (place, computed) = switch (nodeIsComputed, propertyIsComputed) {
            case (true, true): (call.range, "the node template's name and the property's are computed here: '\(node)', '\(property)'")
            case (true, false): (call.arguments[0].range, "the node template's name is computed here: '\(node)'")
            default: (call.arguments[1].range, "the property's name is computed here: '\(property)'")
            }
            diagnostics.append(.error(
                .unknownFunctionProperty,
                "get_property refers to property '\(property)' of node template '\(node)', which does not exist or has no value",
                at: place, notes: [DiagnosticNote(computed)]))
        }

        /// Follows a nested path of keys and indices into a value.
        private mutating func walk(_ root: EvaluatedValue, path: [Expression], values: [EvaluatedValue], described: String,
                                   function: IntrinsicFunction) -> EvaluatedValue? {
            var current = root
            var walked = described
            for (expression, step) in zip(path, values) {
                guard let key = step.value else { return nil }
                switch current {
                case .pending:
                    return current
                case .known(.map(let entries)):
                    guard let name = key.pathKey, let entry = entries.first(where: { $0.key == name }) else {
                        reportMissing(key, in: walked, keys: entries.map(\.key), at: expression.range)
                        return nil
                    }
                    current = .known(entry.value)
                case .map(let entries):
                    guard let name = key.pathKey, let entry = entries.first(where: { $0.key == name }) else {
                        reportMissing(key, in: walked, keys: entries.map(\.key), at: expression.range)
                        return nil
                    }
                    current = entry.value
                case .known(.list(let items)):
                    guard let index = resolveIndex(key, count: items.count, in: walked, at: expression.range) else { return nil }
                    current = .known(items[index])
                case .list(let items):
                    guard let index = resolveIndex(key, count: items.count, in: walked, at: expression.range) else { return nil }
                    current = items[index]
                case .known(let scalar):
                    // A secret's value is never quoted.
                    let shown = function == .getSecret ? "" : " (\(scalar))"
                    diagnostics.append(.error(.missingValuePath, "'\(walked)' is \(scalar.kindDescription)\(shown), so it has no key or index \(key)",
                                              at: expression.range, notes: [DiagnosticNote("remove the path items from here on")]))
                    return nil
                }
                walked += key.pathSuffix
            }
            return current
        }

        private mutating func reportMissing(_ key: Value, in walked: String, keys: [String], at range: SourceRange) {
            var notes: [DiagnosticNote] = []
            if let name = key.pathKey, let suggestion = DidYouMean.note(for: name, among: keys) { notes.append(DiagnosticNote(suggestion)) }
            notes.append(PathHint.keys(keys, of: walked, missing: key, suggested: !notes.isEmpty, canAdd: true))
            diagnostics.append(.error(.missingValuePath, "'\(walked)' has no key \(key)", at: range, notes: notes))
        }

        private mutating func resolveIndex(_ key: Value, count: Int, in walked: String, at range: SourceRange) -> Int? {
            guard case .int(let index) = key else {
                diagnostics.append(.error(.missingValuePath, "'\(walked)' is a list, so its path item must be an index, not \(key)", at: range,
                                          notes: [PathHint.index(count: count)]))
                return nil
            }
            let resolved = index < 0 ? count + index : index
            guard resolved >= 0, resolved < count else {
                diagnostics.append(.error(.missingValuePath, "index \(index) is out of range: '\(walked)' has \(count) item\(count == 1 ? "" : "s")", at: range,
                                          notes: [PathHint.index(count: count)]))
                return nil
            }
            return resolved
        }

        private mutating func evaluateString(_ call: FunctionCall, arguments: [EvaluatedValue]) -> EvaluatedValue? {
            var values: [Value] = []
            for argument in arguments {
                guard let value = argument.value else { return nil }
                values.append(value)
            }
            // The parser guarantees these counts; a call built by hand may not keep them.
            let minimum = switch call.function {
            case .stringReplace: 3
            case .stringFind, .stringSplit: 2
            default: 1
            }
            guard values.count >= minimum else { return nil }
            func string(_ index: Int) -> String? {
                if case .string(let text) = values[index] { return text }
                diagnostics.append(.error(.functionArgumentType,
                                          "argument \(index + 1) of \(call.function.name) must be a string, but it is \(values[index].kindDescription) (\(values[index]))",
                                          at: call.arguments[index].range))
                return nil
            }
            func integer(_ index: Int) -> Int? {
                if case .int(let number) = values[index] { return number }
                diagnostics.append(.error(.functionArgumentType,
                                          "argument \(index + 1) of \(call.function.name) must be an integer, but it is \(values[index].kindDescription) (\(values[index]))",
                                          at: call.arguments[index].range))
                return nil
            }
            switch call.function {
            case .stringFind:
                guard let haystack = string(0), let needle = string(1) else { return nil }
                guard let found = haystack.firstRange(of: needle) else { return .known(.int(-1)) }
                return .known(.int(haystack.unicodeScalars.distance(from: haystack.unicodeScalars.startIndex, to: found.lowerBound)))
            case .stringReplace:
                guard let haystack = string(0), let old = string(1), let new = string(2) else { return nil }
                var limit = Int.max
                if values.count > 3 {
                    guard let count = integer(3) else { return nil }
                    if count >= 0 { limit = count }
                }
                return .known(.string(Self.replace(old, with: new, in: haystack, limit: limit)))
            case .stringSplit:
                guard let text = string(0), let separator = string(1) else { return nil }
                guard !separator.isEmpty else {
                    diagnostics.append(.error(.functionEvaluationFailed, "string_split cannot split on an empty separator", at: call.arguments[1].range))
                    return nil
                }
                let parts = text.components(separatedBy: separator)
                guard values.count > 2 else { return .known(.list(parts.map(Value.string))) }
                guard let index = integer(2) else { return nil }
                let resolved = index < 0 ? parts.count + index : index
                guard resolved >= 0, resolved < parts.count else {
                    diagnostics.append(.error(.functionEvaluationFailed,
                                              "string_split index \(index) is out of range: \(Value.string(text)) splits into \(parts.count) part\(parts.count == 1 ? "" : "s")",
                                              at: call.arguments[2].range,
                                              notes: [DiagnosticNote("give an index from 0 to \(parts.count - 1), or from -1 to -\(parts.count) to count from the end")]))
                    return nil
                }
                return .known(.string(parts[resolved]))
            case .stringLower:
                return string(0).map { .known(.string($0.lowercased())) }
            case .stringUpper:
                return string(0).map { .known(.string($0.uppercased())) }
            default:
                return nil
            }
        }

        /// Python's str.replace with a count: the first `limit` occurrences, left to right.
        private static func replace(_ old: String, with new: String, in text: String, limit: Int) -> String {
            guard limit > 0 else { return text }
            if old.isEmpty {
                // Python inserts `new` before every character and at the end, up to the count.
                var result = ""
                var inserted = 0
                for character in text {
                    if inserted < limit { result += new; inserted += 1 }
                    result.append(character)
                }
                if inserted < limit { result += new }
                return result
            }
            var result = ""
            var rest = text[...]
            var replaced = 0
            while replaced < limit, let found = rest.firstRange(of: old) {
                result += rest[..<found.lowerBound]
                result += new
                rest = rest[found.upperBound...]
                replaced += 1
            }
            return result + rest
        }
    }
}

extension Value {
    /// A path item as a map key: a name, or an integer's digits.
    var pathKey: String? {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        default: nil
        }
    }

    /// How a path item extends a path in messages: `.name` or `[3]`.
    var pathSuffix: String {
        if case .int(let number) = self { return "[\(number)]" }
        return "." + (pathKey ?? description)
    }
}
