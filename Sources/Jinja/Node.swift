/// A statement of a parsed template: text, a printed expression, or a tag with its body.
indirect enum Node: Sendable {
    case text(String)
    case output(Expression)
    /// `{% if %}`: each condition with its body, then the `else` body.
    case ifBlock([(Expression, [Node])], [Node])
    /// `{% for targets in iterable if filter %}body{% else %}otherwise{% endfor %}`.
    case forLoop(ForLoop)
    /// `{% set a = expr %}` or `{% set a, b = expr %}`.
    case set([String], Expression, SourcePosition)
}

/// The parts of a `{% for %}` tag.
struct ForLoop: Sendable {
    /// One name, or several for tuple unpacking (`for key, value in d.items()`).
    var targets: [String]
    var unpacks: Bool
    var iterable: Expression
    var filter: Expression?
    var body: [Node]
    var otherwise: [Node]
    var position: SourcePosition
}
