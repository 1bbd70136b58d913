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
