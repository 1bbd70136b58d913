import YAMLSource

/// Null as a value of a typed property, as Cloudify's parser reads it (`parse_value`): null is a
/// value of the string types and of untyped properties, but not of integer, float, boolean,
/// list, dict, regex or a data type ("yet it was assigned with the value 'None'"). That holds
/// for node, relationship, data type, policy and trigger values and for a type's default that a
/// template takes; operation inputs and workflow parameters, whose values Cloudify does not type
/// check, take null whatever their type. A data-typed declaration's `default: null` is an empty
/// mapping, completed from the data type; an input's `default: null` is no default.
enum NullValues {
    /// Whether Cloudify refuses null for a value declared `type`.
    static func refused(forType type: String?, dataTypes: DataTypeRegistry) -> Bool {
        guard let type else { return false }
        if let primitive = PrimitiveType(rawValue: type) { return !primitive.isStringLike }
        return dataTypes.properties(of: type) != nil
    }

    /// "an integer", "a map of the properties of data type 'd'": what `type` asks for.
    static func phrase(ofType type: String) -> String {
        PrimitiveType(rawValue: type)?.phrase ?? "a map of the properties of data type '\(type)'"
    }

    /// The advice for a null given where `type` is declared.
    static func hint(for path: String, type: String) -> DiagnosticNote {
        DiagnosticNote("Cloudify refuses null for a value of type \(type); give \(phrase(ofType: type)), or leave '\(path)' out (with `required: false` or a default in its declaration)")
    }

    /// Whether `schema`'s default is a null that a value taking it cannot have: a type that
    /// refuses null, and not a data type, whose null default is an empty mapping.
    static func isRefusedDefault(of schema: PropertySchema) -> Bool {
        guard let type = schema.type, schema.default?.isNull == true else { return false }
        return PrimitiveType(rawValue: type)?.isStringLike == false
    }

    /// `owner` (a node template, a policy) takes `schema`'s refused null default
    /// (``isRefusedDefault(of:)``); reported at `range`, where the owner leaves it out.
    static func takenDefault(_ schema: PropertySchema, by owner: String, at range: SourceRange) -> Diagnostic {
        let type = schema.type ?? ""
        return .error(.valueTypeMismatch, "\(owner) takes '\(schema.name)' from its type's default, null, but '\(schema.name)' must be \(phrase(ofType: type))",
                      at: range,
                      notes: [DiagnosticNote("the default is here", at: schema.default?.range ?? schema.nameRange),
                              DiagnosticNote("Cloudify refuses null for a value of type \(type); give '\(schema.name)' a value, or declare a default of type \(type) (or none, with `required: false`)")])
    }

    /// Fields of data types whose default is a refused null (``isRefusedDefault(of:)``), where
    /// Cloudify completes a value of the data type with that default and refuses the null: the
    /// data type is the type of a property declaration (of a node, relationship or data type, an
    /// operation input: its default is completed even when no template uses it), or of an input
    /// or workflow parameter whose default lacks the field. One error per field, at its default.
    static func refusedFieldDefaults(dataTypes: DataTypeRegistry,
                                     declarations: [(schema: PropertySchema, kind: PropertySchema.Kind)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported: Set<SourceRange> = []
        for definition in dataTypes.definitions {
            guard let fields = dataTypes.properties(of: definition.name) else { continue }
            for field in fields where isRefusedDefault(of: field) {
                guard let type = field.type, let range = field.default?.range, !reported.contains(range),
                      declarations.contains(where: { completes($0.schema, kind: $0.kind, dataType: definition.name, lacking: field.name) })
                else { continue }
                reported.insert(range)
                diagnostics.append(.error(.valueTypeMismatch, "field '\(field.name)' of data type '\(definition.name)' defaults to null, but it must be \(phrase(ofType: type))",
                                          at: range,
                                          notes: [DiagnosticNote("Cloudify completes a value of '\(definition.name)' with this default and refuses the null; declare a default of type \(type), or none (with `required: false`)")]))
            }
        }
        return diagnostics
    }

    /// Whether Cloudify completes `declaration`'s value of `dataType` with the default of its
    /// field `field` (see ``refusedFieldDefaults(dataTypes:declarations:)``).
    private static func completes(_ declaration: PropertySchema, kind: PropertySchema.Kind, dataType: String, lacking field: String) -> Bool {
        guard declaration.type == dataType else { return false }
        guard kind == .input else { return true }
        guard case .map(let entries)? = declaration.default?.kind else { return false }
        return !entries.contains(where: { $0.key == field })
    }
}
