/// One lexical unit of a template: literal text, a tag delimiter, or a token inside a tag.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// Literal text between tags (whitespace control already applied).
        case data(String)
        /// `{{`: the start of an expression to print.
        case variableBegin
        /// `}}`.
        case variableEnd
        /// `{%`.
        case blockBegin
        /// `%}`.
        case blockEnd
        case name(String)
        case string(String)
        case integer(Int)
        case float(Double)
        /// An operator or punctuation: `+`, `//`, `==`, `(`, `|`, ...
        case symbol(String)
        /// The end of the template.
        case end
    }

    var kind: Kind
    var position: SourcePosition

    /// How the token is named in error messages, as jinja2 names it.
    var describe: String {
        switch kind {
        case .data: "template data"
        case .variableBegin: "'{{'"
        case .variableEnd: "end of print statement"
        case .blockBegin: "'{%'"
        case .blockEnd: "end of statement block"
        case .name(let name): "'\(name)'"
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "end of template"
        }
    }
}
