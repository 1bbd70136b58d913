import YAMLSource

/// YAML 1.1's boolean words (`yes`, `Off`, ...) where a value's type says boolean. Cloudify's
/// parser reads YAML 1.1, so they reach its plugins as booleans; bluevirt reads YAML 1.2, where
/// they are strings, warns (BV0207) and gives the boolean, as the warning says.
extension DataTypeRegistry {
    /// `value`, declared of `type`, with each plain boolean word that a boolean field (at any
    /// level of data types) is given made the boolean it stands for; anything else as it is.
    public func readingBooleanWords(_ value: Expression, type: String?) -> Expression {
        readingBooleanWords(value, type: type, nesting: 0) ?? value
    }

    /// nil when nothing changes, so that unchanged values are not copied.
    private func readingBooleanWords(_ value: Expression, type: String?, nesting: Int) -> Expression? {
        guard let type, nesting < Self.maximumNesting else { return nil }
        switch value.kind {
        case .scalar(let scalar):
            guard type == PrimitiveType.boolean.rawValue, let flag = ValueChecker.yamlBooleanWord(scalar) else { return nil }
            return Expression(.scalar(Scalar(text: scalar.text, style: scalar.style, value: .bool(flag))), range: value.range)
        case .map(let entries):
            guard let fields = properties(of: type) else { return nil }
            var read = entries
            var changed = false
            for index in entries.indices {
                // Only a boolean word or a mapping can change: the field is looked up for those.
                switch entries[index].value.kind {
                case .scalar(let scalar) where ValueChecker.yamlBooleanWord(scalar) != nil: break
                case .map: break
                default: continue
                }
                guard let field = fields.first(where: { $0.name == entries[index].key }),
                      let fieldValue = readingBooleanWords(entries[index].value, type: field.type, nesting: nesting + 1) else { continue }
                read[index].value = fieldValue
                changed = true
            }
            return changed ? Expression(.map(read), range: value.range) : nil
        case .list, .call:
            return nil
        }
    }
}
