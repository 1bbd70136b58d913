import YAMLSource

/// Turns YAML nodes into expressions: a mapping whose only key is an intrinsic function's name
/// is a call (Cloudify also allows a `type:` key beside it); anything else is literal data.
/// Argument counts and shapes are checked here, so later stages see well-formed calls or calls
/// marked malformed (which they skip: the problem is already reported).
public enum ExpressionParser {
    /// Parses `node` into an expression, appending a diagnostic for every malformed call.
    public static func parse(_ node: Node, diagnostics: inout [Diagnostic]) -> Expression {
        switch node.content {
        case .scalar(let scalar):
            return Expression(.scalar(scalar), range: node.range)
        case .sequence(let items):
            return Expression(.list(items.map { parse($0, diagnostics: &diagnostics) }), range: node.range)
        case .mapping(let pairs):
            if let call = parseCall(node, pairs: pairs, diagnostics: &diagnostics) {
                return Expression(.call(call), range: node.range)
            }
            warnAboutFunctionLookalikes(pairs, diagnostics: &diagnostics)
            let entries = pairs.map {
                Expression.Entry(key: $0.key.keyText, keyRange: $0.key.range, value: parse($0.value, diagnostics: &diagnostics))
            }
            return Expression(.map(entries), range: node.range)
        }
    }

    /// The function a mapping calls, if it is a call: one function key, optionally beside `type`.
    private static func parseCall(_ node: Node, pairs: [Pair], diagnostics: inout [Diagnostic]) -> FunctionCall? {
        guard pairs.count == 1 || pairs.count == 2 else { return nil }
        var functionPair: (IntrinsicFunction, Pair)?
        var declaredType: String?
        for pair in pairs {
            if let name = pair.key.string, let function = IntrinsicFunction.named(name), functionPair == nil {
                functionPair = (function, pair)
            } else if pair.key.isString("type"), let type = pair.value.string {
                declaredType = type
            } else {
                return nil
            }
        }
        guard let (function, pair) = functionPair else { return nil }
        var call = FunctionCall(function: function, arguments: [], nameRange: pair.key.range,
                                argumentsRange: pair.value.range, range: node.range, declaredType: declaredType)
        var problems: [Diagnostic] = []
        call.arguments = arguments(of: function, in: pair.value, problems: &problems, diagnostics: &diagnostics)
        if !problems.isEmpty {
            call.isMalformed = problems.contains { $0.code == .malformedFunctionArguments }
            diagnostics.append(contentsOf: problems)
        }
        return call
    }

    // MARK: - Arguments

    private static func arguments(of function: IntrinsicFunction, in node: Node, problems: inout [Diagnostic], diagnostics: inout [Diagnostic]) -> [Expression] {
        func malformed(_ message: String, at range: SourceRange) {
            problems.append(.error(.malformedFunctionArguments, message, at: range,
                                   notes: [DiagnosticNote("expected \(function.usage)")]))
        }
        let isCall = node.isFunctionCall
        switch function {
        case .getInput, .getSecret:
            if node.string != nil || isCall {
                return [parse(node, diagnostics: &diagnostics)]
            }
            let minimum = function == .getSecret ? 2 : 1
            guard let items = node.items, items.count >= minimum else {
                malformed("\(function.name) takes a name or a list of a name and a nested path, not \(describe(node))", at: node.range)
                return []
            }
            let arguments = items.map { parse($0, diagnostics: &diagnostics) }
            checkPath(arguments, of: function, problems: &problems)
            checkName(arguments[0], of: function, what: "name", problems: &problems)
            return arguments
        case .getProperty, .getAttribute, .getAttributesList:
            guard let items = node.items, items.count >= 2 else {
                malformed("\(function.name) takes a list of a node and \(function == .getProperty ? "a property" : "an attribute") name, not \(describe(node))", at: node.range)
                return []
            }
            let arguments = items.map { parse($0, diagnostics: &diagnostics) }
            checkPath(arguments, of: function, problems: &problems)
            checkName(arguments[0], of: function, what: "node", problems: &problems)
            return arguments
        case .getAttributesDict:
            guard let items = node.items, items.count >= 2 else {
                malformed("get_attributes_dict takes a list of a node and one or more attribute names, not \(describe(node))", at: node.range)
                return []
            }
            let arguments = items.map { parse($0, diagnostics: &diagnostics) }
            checkName(arguments[0], of: function, what: "node", problems: &problems)
            var seen: [String: SourceRange] = [:]
            for attribute in arguments.dropFirst() {
                let path: [Expression]
                if case .list(let parts) = attribute.kind {
                    guard !parts.isEmpty else {
                        malformed("an attribute path of get_attributes_dict must not be empty", at: attribute.range)
                        continue
                    }
                    path = parts
                } else {
                    path = [attribute]
                }
                checkPath(path, of: function, problems: &problems)
                let literal = path.compactMap(\.pathItemText)
                guard literal.count == path.count else { continue }
                let identifier = literal.joined(separator: ".")
                if let first = seen[identifier] {
                    malformed("get_attributes_dict asks for '\(identifier)' twice", at: attribute.range)
                    problems[problems.count - 1].notes.append(DiagnosticNote("first asked for here", at: first))
                } else {
                    seen[identifier] = attribute.range
                }
            }
            return arguments
        case .concat, .merge:
            guard node.items != nil else {
                malformed("\(function.name) takes a list of values, not \(describe(node))", at: node.range)
                return []
            }
            let arguments = parse(node, diagnostics: &diagnostics).listItems
            if function == .merge {
                for argument in arguments {
                    switch argument.kind {
                    case .map, .call: continue
                    default:
                        problems.append(.error(.functionArgumentType, "merge takes maps, but this item is \(argument.kindDescription)", at: argument.range,
                                               notes: [DiagnosticNote("expected \(function.usage)")]))
                    }
                }
            }
            return arguments
        case .stringFind, .stringReplace, .stringSplit:
            let counts: ClosedRange<Int> = switch function {
            case .stringFind: 2...2
            case .stringReplace: 3...4
            default: 2...3
            }
            guard let items = node.items, counts.contains(items.count) else {
                let expected = counts.lowerBound == counts.upperBound ? "exactly \(counts.lowerBound)" : "\(counts.lowerBound) or \(counts.upperBound)"
                let given = node.items.map { "\($0.count) item\($0.count == 1 ? "" : "s")" } ?? describe(node)
                malformed("\(function.name) takes a list of \(expected) arguments, but got \(given)", at: node.range)
                return []
            }
            let arguments = items.map { parse($0, diagnostics: &diagnostics) }
            // The last argument of string_replace (count) and string_split (index) is an integer.
            let stringCount = function == .stringSplit ? 2 : 3
            for (index, argument) in arguments.enumerated() {
                checkType(argument, isString: index < stringCount, of: function, position: index + 1, problems: &problems)
            }
            return arguments
        case .getSys:
            guard let items = node.items, items.count == 2 else {
                malformed("get_sys takes a list of an entity and one of its properties, not \(describe(node))", at: node.range)
                return []
            }
            let arguments = items.map { parse($0, diagnostics: &diagnostics) }
            if let entity = arguments[0].stringLiteral, let property = arguments[1].stringLiteral,
               !SystemValues.isKnown(entity: entity, property: property) {
                malformed("get_sys does not know [\(entity), \(property)]", at: node.range)
            }
            return arguments
        case .stringLower, .stringUpper:
            guard node.scalar != nil || isCall else {
                malformed("\(function.name) takes one string or one function call, not \(describe(node))", at: node.range)
                return []
            }
            let argument = parse(node, diagnostics: &diagnostics)
            checkType(argument, isString: true, of: function, position: 1, problems: &problems)
            return [argument]
        }
    }

    /// Path items (names, keys, indices) must be strings, integers or function calls.
    private static func checkPath(_ items: [Expression], of function: IntrinsicFunction, problems: inout [Diagnostic]) {
        for item in items {
            switch item.kind {
            case .call: continue
            case .scalar(let scalar):
                switch scalar.value {
                case .string, .int: continue
                default: break
                }
            default: break
            }
            problems.append(.error(.malformedFunctionArguments,
                                   "each item of a \(function.name) path must be a name, an index or a function call, not \(item.kindDescription)",
                                   at: item.range, notes: [DiagnosticNote("expected \(function.usage)")]))
        }
    }

    /// The first argument names something and must be a string (or a call that yields one).
    private static func checkName(_ item: Expression, of function: IntrinsicFunction, what: String, problems: inout [Diagnostic]) {
        guard case .scalar(let scalar) = item.kind, case .int = scalar.value else { return }
        problems.append(.error(.malformedFunctionArguments, "the \(what) given to \(function.name) must be a name, not an integer", at: item.range,
                               notes: [DiagnosticNote("expected \(function.usage)")]))
    }

    /// A literal argument of the string functions: strings where strings are expected,
    /// integers for counts and indices. Function calls are checked when evaluated.
    private static func checkType(_ argument: Expression, isString: Bool, of function: IntrinsicFunction, position: Int, problems: inout [Diagnostic]) {
        let actual: String
        switch argument.kind {
        case .call: return
        case .scalar(let scalar):
            switch (scalar.value, isString) {
            case (.string, true), (.int, false): return
            default: actual = "\(Value(scalar.value).kindDescription) (\(scalar.text))"
            }
        default:
            actual = argument.kindDescription
        }
        var notes = [DiagnosticNote("expected \(function.usage)")]
        if isString, case .scalar(let scalar) = argument.kind {
            notes.insert(DiagnosticNote("quote it to make it a string: '\(scalar.text)'"), at: 0)
        }
        problems.append(.error(.functionArgumentType,
                               "argument \(position) of \(function.name) must be \(isString ? "a string" : "an integer"), but it is \(actual)",
                               at: argument.range, notes: notes))
    }

    private static func describe(_ node: Node) -> String {
        switch node.content {
        case .scalar(let scalar): "\(node.kindDescription) (\(scalar.text))"
        case .sequence(let items): "a list of \(items.count) item\(items.count == 1 ? "" : "s")"
        case .mapping: "a mapping"
        }
    }

    // MARK: - Look-alikes

    /// Warns about mappings that were probably meant as calls: a misspelt function name as the
    /// only key, or a function name beside other keys.
    private static func warnAboutFunctionLookalikes(_ pairs: [Pair], diagnostics: inout [Diagnostic]) {
        if pairs.count == 1, let key = pairs[0].key.string, let reads = managerFunctions[key] {
            diagnostics.append(.error(.functionNotAllowedHere,
                                      "\(key) needs a Cloudify manager (it reads \(reads)); bluevirt runs without one, so it cannot be evaluated",
                                      at: pairs[0].key.range,
                                      notes: [DiagnosticNote("declare an input instead, use { get_input: NAME } here, and give the value with --input NAME=VALUE")]))
            return
        }
        if pairs.count == 1, let key = pairs[0].key.string, let suggestion = likelyFunction(misspeltAs: key) {
            diagnostics.append(.warning(.misspeltFunction, "'\(key)' is not an intrinsic function, so this mapping is taken as plain data",
                                        at: pairs[0].key.range, notes: [DiagnosticNote("did you mean '\(suggestion)'?")]))
            return
        }
        guard pairs.count > 1 else { return }
        // By index (iterating copied each pair); `named` rules most keys out by length and first byte.
        for index in pairs.indices {
            guard let key = pairs[index].key.string, IntrinsicFunction.named(key) != nil else { continue }
            diagnostics.append(.warning(.functionKeyAmongOthers,
                                        "'\(key)' is an intrinsic function, but this mapping has other keys, so it is plain data and not a call",
                                        at: pairs[index].key.range,
                                        notes: [DiagnosticNote("a call is a mapping with the function's name as its only key: { \(key): ... }")]))
        }
    }

    /// Cloudify's functions that read what only a manager knows, with what they read. Valid
    /// Cloudify, but bluevirt has no manager: left as plain data they would reach the plugin as a
    /// mapping, so they are reported where they are written.
    static let managerFunctions: [String: String] = [
        "get_capability": "a capability of another deployment",
        "get_environment_capability": "a capability of the deployment's environment",
        "get_group_capability": "the capabilities of a deployment group",
        "get_label": "the deployment's labels",
        "get_consumers": "the deployments that consume this one's capabilities",
    ]

    /// The function a key most likely meant; only for keys shaped like function names, so that
    /// ordinary data such as `{merged: true}` is left alone.
    static func likelyFunction(misspeltAs key: String) -> String? {
        // Every function name starts with c, g, m or s; most keys are ruled out by one look.
        guard let first = key.unicodeScalars.first, "cgmsCGMS".unicodeScalars.contains(first) else { return nil }
        let normalised = String(key.lowercased().map { $0 == "-" ? "_" : $0 })
        if normalised != key, IntrinsicFunction.named(normalised) != nil { return normalised }
        guard normalised.hasPrefix("get") || normalised.hasPrefix("string") || normalised.hasPrefix("concat") else { return nil }
        return DidYouMean.suggestion(for: key, among: IntrinsicFunction.names)
    }
}

extension Node {
    /// True when the node is a mapping that `ExpressionParser` reads as a function call.
    var isFunctionCall: Bool {
        guard let pairs, pairs.count == 1 || pairs.count == 2 else { return false }
        let functionKeys = pairs.filter { $0.key.string.flatMap(IntrinsicFunction.init(rawValue:)) != nil }
        guard functionKeys.count == 1 else { return false }
        return pairs.count == 1 || pairs.contains { $0.key.string == "type" && $0.value.string != nil }
    }
}

extension Expression {
    /// A list's items; a single item for anything else.
    var listItems: [Expression] {
        if case .list(let items) = kind { return items }
        return [self]
    }

    /// A literal path item as text: a name, or an index written as a number.
    public var pathItemText: String? {
        guard case .scalar(let scalar) = kind else { return nil }
        switch scalar.value {
        case .string(let text): return text
        case .int(let number): return String(number)
        default: return nil
        }
    }

    /// A mapping whose one key is a function only a manager answers (`{get_capability: ...}`):
    /// reported where it is written, and no value to check or complete.
    var callsManagerFunction: Bool {
        guard case .map(let entries) = kind, entries.count == 1 else { return false }
        return ExpressionParser.managerFunctions[entries[0].key] != nil
    }
}
