import YAMLSource

extension Constraint {
    /// Parses the value of a `constraints:` key: a list of one-key mappings. Every malformed
    /// item is reported (BV0204) and left out.
    public static func parseList(_ node: Node, diagnostics: inout [Diagnostic]) -> [Constraint] {
        if case .scalar(let scalar) = node.content, case .null = scalar.value { return [] }
        guard let items = node.items else {
            diagnostics.append(.error(.invalidConstraint, "constraints must be a list, not \(node.kindDescription)", at: node.range,
                                      notes: [DiagnosticNote("write each constraint as a list item, e.g. `- greater_than: 0`")]))
            return []
        }
        return items.compactMap { parse($0, diagnostics: &diagnostics) }
    }

    /// Parses one constraint item such as `greater_than: 0`, or reports why it is invalid.
    public static func parse(_ node: Node, diagnostics: inout [Diagnostic]) -> Constraint? {
        let allowed = Operator.allCases.map(\.rawValue)
        guard let pairs = node.pairs, !pairs.isEmpty else {
            diagnostics.append(.error(.invalidConstraint, "a constraint must be a mapping of one operator to its argument, not \(node.kindDescription)",
                                      at: node.range, notes: [DiagnosticNote("operators: \(allowed.joined(separator: ", "))")]))
            return nil
        }
        // DSL 1_5 lets an item carry an `error_message` beside its operator (the version is
        // checked by DSLVersionChecker); the message is Cloudify's to show, bluevirt keeps its own.
        let operators = pairs.filter { $0.key.string != "error_message" }
        if operators.count < pairs.count, let message = pairs.first(where: { $0.key.string == "error_message" })?.value, message.scalar == nil {
            diagnostics.append(.error(.invalidConstraint, "the error_message of a constraint must be text, not \(message.kindDescription)", at: message.range))
            return nil
        }
        guard operators.count == 1 else {
            let extra = operators.count > 1 ? operators[1] : pairs[0]
            diagnostics.append(.error(.invalidConstraint, "each constraint must be its own list item, but this one has \(operators.count) operators",
                                      at: extra.key.range, notes: [DiagnosticNote("start a new item with `- ` for each operator")]))
            return nil
        }
        let key = operators[0].key
        let argument = operators[0].value
        if let name = key.string, let managerConstraint = ManagerConstraint(rawValue: name) {
            managerConstraint.report(argument, at: key.range, diagnostics: &diagnostics)
            return nil
        }
        guard let name = key.string, let op = Operator(rawValue: name) else {
            let written = key.keyText
            var notes: [DiagnosticNote] = []
            if let suggestion = DidYouMean.note(for: written, among: allowed) { notes.append(DiagnosticNote(suggestion)) }
            notes.append(DiagnosticNote("operators: \(allowed.joined(separator: ", "))"))
            diagnostics.append(.error(.invalidConstraint, "unknown constraint operator '\(written)'", at: key.range, notes: notes))
            return nil
        }
        func invalid(_ expectation: String) -> Constraint? {
            diagnostics.append(.error(.invalidConstraint, "the argument of \(name) must be \(expectation), not \(describe(argument))",
                                      at: argument.range))
            return nil
        }
        if argument.isFunctionCall {
            diagnostics.append(.error(.invalidConstraint, "the argument of \(name) must be a literal value, not an intrinsic function", at: argument.range))
            return nil
        }
        let value = Value(argument)
        let range = node.range
        switch op {
        case .equal:
            guard argument.scalar != nil else { return invalid("a scalar") }
            return Constraint(.equal(value), range: range)
        case .greaterThan, .greaterOrEqual, .lessThan, .lessOrEqual:
            guard value.number != nil else { return invalid("a number") }
            let kind: Kind = switch op {
            case .greaterThan: .greaterThan(value)
            case .greaterOrEqual: .greaterOrEqual(value)
            case .lessThan: .lessThan(value)
            default: .lessOrEqual(value)
            }
            return Constraint(kind, range: range)
        case .inRange:
            guard let bounds = value.items, bounds.count == 2, let low = bounds[0].number, let high = bounds[1].number else {
                return invalid("a list of two numbers, [LOWER, UPPER]")
            }
            guard low <= high else {
                diagnostics.append(.error(.invalidConstraint, "in_range's lower bound \(bounds[0]) is above its upper bound \(bounds[1])", at: argument.range,
                                          notes: [DiagnosticNote("write the range as [LOWER, UPPER]")]))
                return nil
            }
            return Constraint(.inRange(bounds[0], bounds[1]), range: range)
        case .validValues:
            guard let values = value.items else { return invalid("a list of the allowed values") }
            return Constraint(.validValues(values), range: range)
        case .length, .minLength, .maxLength:
            if case .float(let number) = value, number.rounded() == number, number > 0 {
                // YAML reads a whole number beyond 64 bits as a float.
                diagnostics.append(.error(.invalidConstraint, "the argument of \(name) is too large: the largest length is \(Int.max)", at: argument.range))
                return nil
            }
            guard case .int(let count) = value, count >= 0 else { return invalid("a whole number of 0 or more") }
            let kind: Kind = switch op {
            case .length: .length(count)
            case .minLength: .minLength(count)
            default: .maxLength(count)
            }
            return Constraint(kind, range: range)
        case .pattern:
            guard case .string(let pattern) = value else { return invalid("a regular expression as a string") }
            do {
                _ = try Regex(pattern)
            } catch {
                diagnostics.append(.error(.invalidConstraint, "the pattern \(Value.string(pattern)) is not a valid regular expression", at: argument.range,
                                          notes: [DiagnosticNote("\(error)")]))
                return nil
            }
            return Constraint(.pattern(pattern), range: range)
        }
    }

    private static func describe(_ node: Node) -> String {
        if let scalar = node.scalar { return "\(node.kindDescription) (\(scalar.text))" }
        return node.kindDescription
    }
}
