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
    /// `{% set ns.attribute = expr %}`: changes an attribute of a `namespace()`.
    case setAttribute(String, String, Expression, SourcePosition)
    /// `{% macro name(parameters) %}body{% endmacro %}`.
    case macro(MacroDefinition)
    /// `{% call(parameters) macro(arguments) %}body{% endcall %}`: the call, and the body as
    /// the `caller` macro it passes.
    case callBlock(Expression, MacroDefinition)
    /// `{% include name %}`.
    case include(Include)
}

/// The parts of an `{% include %}` tag.
struct Include: Sendable {
    /// A template's name, or a list of names of which the first that exists is used.
    var name: Expression
    /// `ignore missing`: a template that does not exist renders nothing.
    var ignoresMissing: Bool
    /// `without context` gives the included template none of the including one's names.
    var withContext: Bool
    var position: SourcePosition
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
    /// Whether the body reads `loop` (jinja2's test for making it).
    var readsLoop: Bool
}
