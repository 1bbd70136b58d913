import YAMLSource

/// Checks values against the types and constraints declared for them: primitive types, nested
/// data types (required properties, unknown keys with did-you-mean) and constraints. Parts that
/// are function calls cannot be known here and are skipped; everything literal around them is
/// still checked.
public enum ValueChecker {
    /// Words that Cloudify's parser (PyYAML's YAML 1.1 resolver) reads as booleans but YAML 1.2
    /// reads as strings. bluevirt accepts them where a boolean is expected, with a warning.
    /// PyYAML leaves YAML 1.1's `y` and `n` strings, and so does bluevirt.
    public static let yamlBooleanWords: [String: Bool] = [
        "yes": true, "no": false, "on": true, "off": false,
    ]

    /// The boolean a plain scalar such as `yes` or `Off` stands for, if it is such a word.
    public static func yamlBooleanWord(_ scalar: Scalar) -> Bool? {
        // Every word is two or three letters: longer strings are not lowercased to find out.
        guard scalar.style == .plain, case .string(let text) = scalar.value, text.utf8.count <= 3 else { return nil }
        return yamlBooleanWords[text.lowercased()]
    }

    /// Checks `expression` against the declaration `schema`.
    /// - Parameters:
    ///   - path: the value's name as users know it, such as `params.memory`; messages quote it.
    ///   - requireNestedProperties: whether required properties of data types must be present;
    ///     false for defaults of type declarations, which a template may complete.
    ///   - completedByDefault: for a property, its declared default. A mapping given for a
    ///     property of a data type is completed from it, field by field, before required
    ///     fields are looked for (Cloudify's `parse_value` with `derived_value`): a template may
    ///     give `agent_config: {user: centos}` and keep the default's `install_method`.
    ///   - acceptsNull: whether null passes whatever the type (operation inputs, which Cloudify
    ///     does not type check); otherwise only the string types take it (``NullValues``).
    public static func check(_ expression: Expression, against schema: PropertySchema, dataTypes: DataTypeRegistry,
                             path: String, requireNestedProperties: Bool = true, completedByDefault: Expression? = nil,
                             acceptsNull: Bool = false) -> [Diagnostic] {
        var checker = Walker(dataTypes: dataTypes, requireNested: requireNestedProperties, acceptsNull: acceptsNull)
        checker.check(expression, type: schema.type, itemType: schema.itemType, constraints: schema.constraints, path: path,
                      derived: completedByDefault)
        checker.describeMismatch(of: expression, since: 0, path: path, description: schema.description)
        return checker.diagnostics
    }

    /// Checks a declaration itself: that its type and item type exist (BV0202), and that its
    /// default fits its type and constraints. An input default may not be a function call when
    /// the input has constraints (BV0216), as in Cloudify.
    public static func checkDeclaration(_ schema: PropertySchema, kind: PropertySchema.Kind = .property, dataTypes: DataTypeRegistry,
                                        path: String? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let path = path ?? schema.name
        if let type = schema.type, !dataTypes.isKnownType(type) {
            var notes: [DiagnosticNote] = []
            if let suggestion = DidYouMean.note(for: type, among: PrimitiveType.names + dataTypes.names) { notes.append(DiagnosticNote(suggestion)) }
            notes.append(DiagnosticNote("a type is one of \(["string", "integer", "float", "boolean", "list", "dict", "regex"].joined(separator: ", ")) or a name under data_types"))
            diagnostics.append(.error(.unknownValueType, "unknown type '\(type)' for \(kind == .input ? "input" : "property") '\(path)'",
                                      at: schema.typeRange ?? schema.nameRange, notes: notes))
        }
        // A default of null is checked where a template takes it: Cloudify reads it as no
        // default for an input, as an empty mapping for a data type (``NullValues``).
        guard let defaultValue = schema.default, !defaultValue.isNull else { return diagnostics }
        if kind == .input, !schema.constraints.isEmpty, let call = defaultValue.calls.first {
            diagnostics.append(.error(.functionInConstrainedInput, "input '\(path)' has constraints, so its default cannot use \(call.function.name)",
                                      at: call.range, notes: [DiagnosticNote("give a literal default, or drop the constraints")]))
            return diagnostics
        }
        if schema.type.map(dataTypes.isKnownType) ?? true {
            diagnostics += check(defaultValue, against: schema, dataTypes: dataTypes, path: path, requireNestedProperties: kind == .input)
        }
        return diagnostics
    }

    /// The walk over one value; collects diagnostics.
    private struct Walker {
        let dataTypes: DataTypeRegistry
        let requireNested: Bool
        let acceptsNull: Bool
        var diagnostics: [Diagnostic] = []
        /// How many data-typed fields without a value the walk is inside.
        private var nesting = 0

        init(dataTypes: DataTypeRegistry, requireNested: Bool, acceptsNull: Bool) {
            self.dataTypes = dataTypes
            self.requireNested = requireNested
            self.acceptsNull = acceptsNull
        }

        /// `derived`: the default that completes a mapping given for a data type (see
        /// `completedByDefault`), or nil.
        mutating func check(_ expression: Expression, type: String?, itemType: String?, constraints: [Constraint], path: String,
                            derived: Expression? = nil) {
            if case .call(let call) = expression.kind {
                // The literal maps merge combines give the result's keys, so each key must be a
                // field of the data type (`params: {merge: [{get_input: base}, {vcpu: 2}]}`).
                if call.function == .merge, !call.isMalformed, let type, let properties = dataTypes.properties(of: type) {
                    for part in call.arguments {
                        if case .map(let entries) = part.kind { checkFields(entries, type: type, properties: properties, path: path) }
                    }
                }
                return
            }
            // A manager-only function (get_capability, ...) is reported where it is written;
            // its mapping is not a value to type-check.
            if expression.callsManagerFunction { return }
            if expression.isNull {
                if !acceptsNull, let type, NullValues.refused(forType: type, dataTypes: dataTypes) {
                    diagnostics.append(.error(.valueTypeMismatch, "'\(path)' must be \(NullValues.phrase(ofType: type)), but it is null",
                                              at: expression.range, notes: [NullValues.hint(for: path, type: type)]))
                }
                return
            }
            let typeIsFine: Bool
            if let type, let primitive = PrimitiveType(rawValue: type) {
                typeIsFine = checkPrimitive(expression, primitive, itemType: itemType, path: path)
            } else if let type, let properties = dataTypes.properties(of: type) {
                typeIsFine = checkDataType(expression, type: type, properties: properties, path: path, derived: derived)
            } else {
                typeIsFine = true
            }
            guard typeIsFine, !constraints.isEmpty, var value = expression.literalValue else { return }
            if case .scalar(let scalar) = expression.kind, type == PrimitiveType.boolean.rawValue, let flag = ValueChecker.yamlBooleanWord(scalar) {
                value = .bool(flag)
            }
            for constraint in constraints where !constraint.accepts(value) {
                var notes = [DiagnosticNote("'\(path)' \(constraint.requirement)")]
                if let suggestion = constraint.suggestion(for: value) { notes.append(DiagnosticNote(suggestion)) }
                notes.append(DiagnosticNote("the constraint is declared here", at: constraint.range))
                diagnostics.append(.error(.constraintViolated, "\(value) breaks the constraint \(constraint.description) of '\(path)'",
                                          at: expression.range, notes: notes))
            }
        }

        /// Returns false when a type error was reported.
        private mutating func checkPrimitive(_ expression: Expression, _ type: PrimitiveType, itemType: String?, path: String) -> Bool {
            var notes: [DiagnosticNote] = []
            switch (type, expression.kind) {
            case (_, .call):
                return true
            case (let type, .scalar) where type.isStringLike:
                return true
            case (.integer, .scalar(let scalar)):
                if case .int = scalar.value { return true }
                // YAML reads an integer past 64 bits as a float: say it is too large, not "a number".
                if scalar.style == .plain, case .float = scalar.value, Self.isDecimalInteger(scalar.text) {
                    diagnostics.append(.error(.valueTypeMismatch,
                                              "'\(path)' must be an integer from \(Int.min) to \(Int.max), but \(scalar.text) is outside that range",
                                              at: expression.range,
                                              notes: [DiagnosticNote("bluevirt's integers are 64-bit, as libvirt's are; give a smaller value")]))
                    return false
                }
                if scalar.style != .plain, Int(scalar.text) != nil { notes.append(DiagnosticNote("remove the quotes to make it a number: \(scalar.text)")) }
            case (.float, .scalar(let scalar)):
                switch scalar.value {
                case .int, .float: return true
                default:
                    if scalar.style != .plain, Double(scalar.text) != nil { notes.append(DiagnosticNote("remove the quotes to make it a number: \(scalar.text)")) }
                }
            case (.boolean, .scalar(let scalar)):
                if case .bool = scalar.value { return true }
                if let flag = ValueChecker.yamlBooleanWord(scalar) {
                    diagnostics.append(.warning(.yamlBooleanWord,
                                                "'\(scalar.text)' is a string under YAML 1.2; bluevirt reads it as \(flag) for '\(path)', as Cloudify does",
                                                at: expression.range, notes: [DiagnosticNote("write \(flag) instead")]))
                    return true
                }
                if scalar.style != .plain, ["true", "false"].contains(scalar.text.lowercased()) {
                    notes.append(DiagnosticNote("remove the quotes to make it a boolean: \(scalar.text.lowercased())"))
                }
            case (.regex, .scalar(let scalar)):
                if case .string(let pattern) = scalar.value {
                    if (try? Regex(pattern)) != nil { return true }
                    diagnostics.append(.error(.valueTypeMismatch, "'\(path)' must be a valid regular expression, but \(Value.string(pattern)) is not one",
                                              at: expression.range,
                                              notes: [DiagnosticNote("check its brackets, parentheses and backslashes; in single quotes YAML keeps backslashes as written")]))
                    return false
                }
            case (.list, .list(let items)):
                guard let itemType, let itemPrimitive = PrimitiveType(rawValue: itemType) else { return true }
                var fine = true
                for (index, item) in items.enumerated() {
                    fine = checkPrimitive(item, itemPrimitive, itemType: nil, path: "\(path)[\(index)]") && fine
                }
                return fine
            case (.dict, .map):
                return true
            default:
                break
            }
            if notes.isEmpty, let hint = TypeMismatchHint.note(for: expression, expected: type, path: path) { notes.append(hint) }
            diagnostics.append(.error(.valueTypeMismatch, "'\(path)' must be \(type.phrase), but it is \(describe(expression))",
                                      at: expression.range, notes: notes))
            return false
        }

        /// Reports keys that are not fields of the data type and checks the values of those that are.
        /// A field's value is completed by `derived`'s value for it, else by the field's default.
        private mutating func checkFields(_ entries: [Expression.Entry], type: String, properties: [PropertySchema], path: String,
                                          derived: [Expression.Entry] = []) {
            for entry in entries {
                // By index: `first(where:)` handed each schema over as a copy.
                guard let index = properties.firstIndex(where: { $0.name == entry.key }) else {
                    let names = properties.map(\.name)
                    var notes: [DiagnosticNote] = []
                    if let suggestion = DidYouMean.note(for: entry.key, among: names) { notes.append(DiagnosticNote(suggestion)) }
                    notes.append(DiagnosticNote(names.isEmpty ? "data type '\(type)' declares no properties"
                                                              : "data type '\(type)' declares: \(names.listed())"))
                    diagnostics.append(.error(.unknownDataTypeProperty, "'\(entry.key)' is not a property of data type '\(type)' (in '\(path)')",
                                              at: entry.keyRange, notes: notes))
                    continue
                }
                let property = properties[index]
                let completing = derived.last(where: { $0.key == entry.key })?.value ?? property.default
                let reported = diagnostics.count
                let fieldPath = "\(path).\(entry.key)"
                check(entry.value, type: property.type, itemType: property.itemType, constraints: property.constraints, path: fieldPath,
                      derived: completing)
                describeMismatch(of: entry.value, since: reported, path: fieldPath, description: property.description)
            }
        }

        /// A value of the wrong type, the one diagnostic since `reported`: its declaration's
        /// description says what it takes (`capacity`: its unit).
        mutating func describeMismatch(of value: Expression, since reported: Int, path: String, description: String?) {
            guard diagnostics.count == reported + 1, diagnostics[reported].code == .valueTypeMismatch,
                  diagnostics[reported].range == value.range, let description else { return }
            diagnostics[reported].notes.append(DiagnosticNote("'\(path)': \(Self.oneLine(description))"))
        }

        /// Whether `text` is written as a decimal integer: digits after an optional sign.
        private static func isDecimalInteger(_ text: String) -> Bool {
            let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
            return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }

        /// A description as one line: YAML's folded text keeps its line breaks.
        private static func oneLine(_ text: String) -> String {
            text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.joined(separator: " ")
        }

        private mutating func checkDataType(_ expression: Expression, type: String, properties: [PropertySchema], path: String,
                                            derived: Expression?) -> Bool {
            guard case .map(let entries) = expression.kind else {
                diagnostics.append(.error(.valueTypeMismatch, "'\(path)' must be a map of the properties of data type '\(type)', but it is \(describe(expression))",
                                          at: expression.range,
                                          notes: [DiagnosticNote("its properties: \(properties.map(\.name).listed())")]))
                return false
            }
            // Only a literal mapping completes one; a function's value is known later.
            let derivedEntries: [Expression.Entry] = if case .map(let given)? = derived?.kind { given } else { [] }
            checkFields(entries, type: type, properties: properties, path: path, derived: derivedEntries)
            guard requireNested else { return true }
            let usesExternalResource = entries.contains {
                $0.key == "use_external_resource" && $0.value.literalValue == .bool(true)
            }
            guard !usesExternalResource else { return true }
            for property in properties where property.needsValue && !entries.contains(where: { $0.key == property.name })
                && !derivedEntries.contains(where: { $0.key == property.name }) {
                // A data-typed field without a default is an empty mapping, as in Cloudify: only
                // its own required fields can be missing (a type that contains itself stops).
                if let fieldType = property.type, let fields = dataTypes.properties(of: fieldType) {
                    guard nesting < DataTypeRegistry.maximumNesting else { continue }
                    nesting += 1
                    _ = checkDataType(Expression(.map([]), range: expression.range), type: fieldType, properties: fields,
                                      path: "\(path).\(property.name)", derived: nil)
                    nesting -= 1
                    continue
                }
                reportMissing(property, of: type, in: path, at: expression.range)
            }
            // A data-typed field the value leaves out takes its default, whose own required
            // fields must be there too (Cloudify parses the default as a value of the field's
            // type): `in: {type: req, default: {b: 3}}` lacks `a` when `req` requires it. Only a
            // type with required fields somewhere below can; fields are read by index, uncopied.
            guard dataTypes.hasRequiredFields(type) else { return true }
            for index in properties.indices {
                guard let fieldType = properties[index].type, dataTypes.hasRequiredFields(fieldType) else { continue }
                let name = properties[index].name
                guard !entries.contains(where: { $0.key == name }), let fields = dataTypes.properties(of: fieldType),
                      let fieldDefault = derivedEntries.last(where: { $0.key == name })?.value ?? properties[index].default else { continue }
                checkRequiredFields(of: fieldDefault, type: fieldType, properties: fields, path: "\(path).\(name)", at: expression.range)
            }
            return true
        }

        /// The required fields of a default taken whole, at every level; reported at `range`,
        /// the value that takes the default. Its types were checked with its declaration.
        private mutating func checkRequiredFields(of value: Expression, type: String, properties: [PropertySchema], path: String,
                                                  at range: SourceRange) {
            guard case .map(let entries) = value.kind, nesting < DataTypeRegistry.maximumNesting,
                  !entries.contains(where: { $0.key == "use_external_resource" && $0.value.literalValue == .bool(true) }) else { return }
            nesting += 1
            defer { nesting -= 1 }
            for property in properties {
                let given = entries.last(where: { $0.key == property.name })?.value ?? property.default
                guard let fieldType = property.type, let fields = dataTypes.properties(of: fieldType) else {
                    if given == nil, property.needsValue { reportMissing(property, of: type, in: path, at: range) }
                    continue
                }
                // A data-typed field without a default is an empty mapping, as above.
                guard let fieldValue = given ?? (property.needsValue ? Expression(.map([]), range: range) : nil) else { continue }
                checkRequiredFields(of: fieldValue, type: fieldType, properties: fields, path: "\(path).\(property.name)", at: range)
            }
        }

        private mutating func reportMissing(_ property: PropertySchema, of type: String, in path: String, at range: SourceRange) {
            diagnostics.append(.error(.missingDataTypeProperty, "'\(path)' lacks property '\(property.name)', which data type '\(type)' requires",
                                      at: range,
                                      notes: [DiagnosticNote("add `\(property.name): ...`\(property.type.map { " (\($0))" } ?? "")"),
                                              DiagnosticNote("'\(property.name)' is declared here", at: property.nameRange)]))
        }

        private func describe(_ expression: Expression) -> String {
            switch expression.kind {
            case .scalar(let scalar):
                let value = Value(scalar.value)
                return "\(value.kindDescription) (\(value))"
            default:
                return expression.kindDescription
            }
        }
    }
}
