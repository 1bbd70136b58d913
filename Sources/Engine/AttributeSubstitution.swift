import Blueprint

extension Expression {
    /// The expression with every `get_attribute`, `get_attributes_list` and
    /// `get_attributes_dict` call that `lookup` answers replaced by the value, so that the
    /// plan-time evaluator can finish what only a run knew.
    func substitutingAttributes(_ lookup: (FunctionCall) -> Value?) -> Expression {
        // Nothing inside asks for an attribute: the expression as it is, not rebuilt.
        guard !functions.isDisjoint(with: Self.attributeFunctions) else { return self }
        switch kind {
        case .scalar:
            return self
        case .list(let items):
            return Expression(.list(items.map { $0.substitutingAttributes(lookup) }), range: range)
        case .map(let entries):
            let replaced = entries.map { Expression.Entry(key: $0.key, keyRange: $0.keyRange, value: $0.value.substitutingAttributes(lookup)) }
            return Expression(.map(replaced), range: range)
        case .call(var call):
            if Self.attributeFunctions.contains(call.function), let value = lookup(call) {
                return Expression(value: value, range: range)
            }
            call.arguments = call.arguments.map { $0.substitutingAttributes(lookup) }
            return Expression(.call(call), range: range)
        }
    }

    private static let attributeFunctions = FunctionSet([.getAttribute, .getAttributesList, .getAttributesDict])
}
