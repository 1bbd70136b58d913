import YAMLSource

/// An expression found while parsing, with what is needed to check it once every node template
/// is known: where it lives, and the schema its value must satisfy (if any).
struct ExpressionSite {
    var expression: Expression
    var context: ExpressionContext
    var schema: PropertySchema?
    /// The value's name as users know it (`params`, `memory_size`), quoted by value messages.
    var path: String
}

/// Everything parsing found to check after all names are known: expressions (functions and
/// values) and declarations (types exist, defaults fit).
struct CheckQueue {
    var expressions: [ExpressionSite] = []
    var declarations: [(schema: PropertySchema, kind: PropertySchema.Kind)] = []

    /// Queues a declaration and the function calls of its default.
    mutating func declaration(_ schema: PropertySchema, kind: PropertySchema.Kind = .property) {
        declarations.append((schema, kind))
        if let defaultValue = schema.default, defaultValue.containsFunctions {
            expressions.append(ExpressionSite(expression: defaultValue, context: kind == .input ? .inputDefault : .typeDefault,
                                              schema: nil, path: schema.name))
        }
    }
}
