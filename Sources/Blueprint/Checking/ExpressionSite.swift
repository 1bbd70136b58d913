import YAMLSource

/// An expression found while parsing, with what is needed to check it once every node template
/// is known: where it lives, and the schema its value must satisfy (if any).
struct ExpressionSite {
    var expression: Expression
    var context: ExpressionContext
    var declared: DeclaredSchema?
    /// The value's name as users know it (`params`, `memory_size`), quoted by value messages.
    var path: String
    /// Where the node's own XML template is given (template_resource or template_content), when
    /// this is the `params` of a libvirt node that has one: such a template may read parameters
    /// the data type does not declare, so unknown fields are warnings, not errors.
    var userTemplate: SourceRange? = nil

    /// The declaration the value must satisfy, when there is one.
    var schema: PropertySchema? { declared?.schema }
}
