import YAMLSource

/// Binds the values given for blueprint inputs (files, command line) to the inputs' declarations.
///
/// - A given value is checked against the input's type, data type and constraints; a bad one is
///   an error at the input's declaration with a note at the given value (BV0214).
/// - A value for an input the blueprint does not declare is an error where it was given (BV0213).
/// - A required input without a value or default is an error at its declaration (BV0212); a
///   bare `validate` (no input values given) reports it as a warning (``MissingValues``).
/// - Later values win (files in the order given, then command-line assignments).
public enum InputBinder {
    /// The bound values by input name (defaults filled in, data type defaults applied) and the
    /// problems found. Inputs whose value needs a function known only during a run (such as
    /// get_attribute, or get_secret of a secret not in `secrets`) are left out of `values`.
    public static func bind(declarations: [PropertySchema], provided: [ProvidedInput], secrets: Secrets = Secrets(), dataTypes: DataTypeRegistry)
        -> (values: [String: Value], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let declaredNames = declarations.map(\.name)
        var given: [String: ProvidedInput] = [:]
        for input in provided {
            guard declaredNames.contains(input.name) else {
                var notes: [DiagnosticNote] = []
                if let suggestion = DidYouMean.note(for: input.name, among: declaredNames) { notes.append(DiagnosticNote(suggestion)) }
                notes.append(DiagnosticNote(declaredNames.isEmpty ? "the blueprint declares no inputs"
                                                                  : "the blueprint's inputs: \(declaredNames.listed())"))
                diagnostics.append(.error(.unknownInput, "a value is given for unknown input '\(input.name)'", at: input.origin, notes: notes))
                continue
            }
            given[input.name] = input
        }

        var values: [String: Value] = [:]
        var unresolvedDefaults: [PropertySchema] = []
        for declaration in declarations {
            if let input = given[declaration.name] {
                if let value = bindGiven(input, to: declaration, dataTypes: dataTypes, diagnostics: &diagnostics) {
                    values[declaration.name] = value
                }
            } else if let defaultValue = declaration.default, !defaultValue.isNull {
                if let literal = defaultValue.literalValue {
                    values[declaration.name] = coerce(literal, expression: defaultValue, to: declaration, dataTypes: dataTypes)
                } else {
                    unresolvedDefaults.append(declaration)
                }
            } else if let completed = completedByDataType(declaration, dataTypes: dataTypes) {
                values[declaration.name] = completed
            } else if declaration.required {
                var notes = [DiagnosticNote("give it with --input \(declaration.name)=VALUE or in an --inputs file\(declaration.type.map { " (type \($0))" } ?? "")")]
                // `default: null` is no default in Cloudify (its plan preparation skips it).
                if let defaultValue = declaration.default {
                    notes.append(DiagnosticNote("`default: null` is no default, as in Cloudify; add `required: false` to let the input be null",
                                                at: defaultValue.range))
                }
                if let description = declaration.description { notes.append(DiagnosticNote("input '\(declaration.name)': \(description)")) }
                diagnostics.append(.error(.missingRequiredInput, "required input '\(declaration.name)' has no value", at: declaration.nameRange, notes: notes))
            } else {
                values[declaration.name] = .null
            }
        }

        // Defaults built with functions (concat of other inputs, …) are evaluated once the
        // literal ones are known; those needing a run stay unbound.
        let evaluator = Evaluator(inputs: values, secrets: secrets)
        for declaration in unresolvedDefaults {
            guard let defaultValue = declaration.default, let value = evaluator.evaluate(defaultValue, in: .inputDefault).value else { continue }
            values[declaration.name] = coerce(value, expression: nil, to: declaration, dataTypes: dataTypes)
        }
        return (values, diagnostics)
    }

    /// An input of a data type without a value or default: the data type's defaults, when they
    /// make a value that is complete and not empty, as Cloudify's plan preparation binds it
    /// (`parse_value({}, ...)`); nil otherwise (the input has no value).
    private static func completedByDataType(_ declaration: PropertySchema, dataTypes: DataTypeRegistry) -> Value? {
        guard let type = declaration.type, dataTypes.properties(of: type) != nil else { return nil }
        let completed = dataTypes.completing(Expression(.map([]), range: declaration.nameRange), type: type, derived: nil)
        guard case .map(let entries) = completed.kind, !entries.isEmpty, let literal = completed.literalValue,
              !ValueChecker.check(completed, against: declaration, dataTypes: dataTypes, path: declaration.name).contains(where: { $0.severity == .error })
        else { return nil }
        return coerce(literal, expression: completed, to: declaration, dataTypes: dataTypes)
    }

    private static func bindGiven(_ input: ProvidedInput, to declaration: PropertySchema, dataTypes: DataTypeRegistry,
                                  diagnostics: inout [Diagnostic]) -> Value? {
        var parseProblems: [Diagnostic] = []
        let expression = ExpressionParser.parse(input.value, diagnostics: &parseProblems)
        if expression.containsFunctions {
            if !declaration.constraints.isEmpty {
                diagnostics.append(.error(.functionInConstrainedInput,
                                          "input '\(declaration.name)' has constraints, so its value cannot be an intrinsic function",
                                          at: declaration.nameRange, notes: [DiagnosticNote("the value given here", at: input.value.range)]))
                return nil
            }
            diagnostics += parseProblems
            return nil
        }
        let problems = ValueChecker.check(expression, against: declaration, dataTypes: dataTypes, path: declaration.name)
        var failed = false
        for problem in problems {
            guard problem.severity == .error else {
                diagnostics.append(problem)
                continue
            }
            failed = true
            let shown = shownAsGiven(input.value)
            diagnostics.append(.error(.invalidInputValue, "the value given for input '\(declaration.name)' is invalid: \(problem.message)",
                                      at: declaration.nameRange,
                                      notes: [DiagnosticNote("the value \(shown) was given here", at: problem.range)] + problem.notes))
        }
        guard !failed else { return nil }
        return coerce(Value(input.value), expression: expression, to: declaration, dataTypes: dataTypes)
    }

    /// A value for a message: a number as it was written, since its reading may differ (an
    /// integer past 64 bits is read as a float, 1.2345678901234568e+29).
    private static func shownAsGiven(_ node: Node) -> String {
        if case .scalar(let scalar) = node.content, case .float = scalar.value { return scalar.text }
        return "\(Value(node))"
    }

    /// The value as the input's type reads it: a scalar given for a string input is its text as
    /// written (`--input version=1.10` stays "1.10"), `yes`/`no` for a boolean become true/false,
    /// and a value of a data type is completed from the data type's defaults at every level, its
    /// boolean fields' words read, as Cloudify's `parse_value` binds an input (the input's own
    /// default does not complete a value given for it).
    private static func coerce(_ value: Value, expression: Expression?, to declaration: PropertySchema, dataTypes: DataTypeRegistry) -> Value {
        if let expression, case .scalar(let scalar) = expression.kind {
            if declaration.primitiveType?.isStringLike == true, scalar.value != .null {
                return .string(scalar.text)
            }
            if declaration.primitiveType == .boolean, let flag = ValueChecker.yamlBooleanWord(scalar) {
                return .bool(flag)
            }
        }
        guard let type = declaration.type, dataTypes.properties(of: type) != nil else { return value }
        let written = expression ?? Expression(value: value, range: declaration.nameRange)
        let completed = dataTypes.completing(dataTypes.readingBooleanWords(written, type: type), type: type, derived: nil)
        return completed.literalValue ?? value
    }
}
