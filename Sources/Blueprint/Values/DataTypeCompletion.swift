import YAMLSource

/// Values bound to a data type, completed as Cloudify's parser completes them (`parse_value`): a
/// field the value leaves out takes what the property's default gives it, else the field's own
/// default; a data-typed field without a default is an empty mapping, completed the same way.
/// Only literal mappings are completed: a function's value is known later, as in Cloudify.
extension DataTypeRegistry {
    /// How deep the walks over values of data types go (completion, boolean words, the checks'
    /// fields without a value): deeper is a data type that contains itself (BV0217).
    static let maximumNesting = 16

    /// `value`, given for a property or field of `type`, completed field by field at every
    /// level. `derived` is the property's default (``defaultValue(of:)``), whose fields come
    /// before the data type's own defaults. Given fields keep their order; the added ones follow
    /// in the data type's order, each keeping the range of the default it came from.
    public func completing(_ value: Expression, type: String?, derived: Expression?) -> Expression {
        completing(value, type: type, derived: derived, nesting: 0)
    }

    /// What a property or field has when it is not given: its default, completed; for a data
    /// type without a default, an empty mapping completed; nil for anything else without one.
    public func defaultValue(of schema: PropertySchema) -> Expression? {
        defaultValue(of: schema, nesting: 0)
    }

    /// `schema` as a derived type declares it again over its parent's `parent`: with the parent's
    /// data type and a parent default, its default is its own laid over the parent's, as
    /// Cloudify's `merge_schemas` does (a derived type giving `{c: 1}` keeps the parent's `b`);
    /// otherwise the derived declaration as it is.
    public func redeclared(_ schema: PropertySchema, over parent: PropertySchema) -> PropertySchema {
        // The parent's default completed, as Cloudify has parsed it by then: its fields' own
        // defaults count below the derived default's fields.
        guard let type = schema.type, type == parent.type, properties(of: type) != nil, parent.default != nil,
              let parentDefault = defaultValue(of: parent) else { return schema }
        let own = schema.default ?? Expression(.map([]), range: schema.nameRange)
        let combined = completing(own, type: type, derived: parentDefault)
        guard case .map(let entries) = combined.kind, !entries.isEmpty else { return schema }
        var result = schema
        result.default = combined
        return result
    }

    private func defaultValue(of schema: PropertySchema, nesting: Int) -> Expression? {
        // A data type's `default: null` is an empty mapping, as in Cloudify (``NullValues``).
        if let given = schema.default, !(given.isNull && schema.type.map { properties(of: $0) != nil } == true) {
            return completing(readingBooleanWords(given, type: schema.type), type: schema.type, derived: nil, nesting: nesting)
        }
        guard let type = schema.type, properties(of: type) != nil, nesting < Self.maximumNesting else { return nil }
        return completing(Expression(.map([]), range: schema.nameRange), type: type, derived: nil, nesting: nesting)
    }

    private func completing(_ value: Expression, type: String?, derived: Expression?, nesting: Int) -> Expression {
        guard let type, let fields = properties(of: type), case .map(let given) = value.kind, !value.callsManagerFunction,
              nesting < Self.maximumNesting else { return value }
        let derivedEntries: [Expression.Entry] = if case .map(let entries)? = derived?.kind { entries } else { [] }
        func defaultOfField(_ field: PropertySchema) -> Expression? {
            derivedEntries.last(where: { $0.key == field.name })?.value ?? defaultValue(of: field, nesting: nesting + 1)
        }
        var entries: [Expression.Entry] = []
        entries.reserveCapacity(fields.count)
        for entry in given {
            guard let field = fields.first(where: { $0.name == entry.key }) else {
                entries.append(entry) // not a field: reported by the checks, kept as written
                continue
            }
            let completed = completing(entry.value, type: field.type, derived: defaultOfField(field), nesting: nesting + 1)
            entries.append(Expression.Entry(key: entry.key, keyRange: entry.keyRange, value: completed))
        }
        for field in fields where !given.contains(where: { $0.key == field.name }) {
            guard let fieldDefault = defaultOfField(field) else { continue }
            let completed = completing(fieldDefault, type: field.type, derived: fieldDefault, nesting: nesting + 1)
            entries.append(Expression.Entry(key: field.name, keyRange: field.nameRange, value: completed))
        }
        return Expression(.map(entries), range: value.range)
    }
}
