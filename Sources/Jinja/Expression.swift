/// An expression inside `{{ }}` or a tag, as parsed; `position` is where it starts.
indirect enum Expression: Sendable {
    case literal(Value, SourcePosition)
    case name(String, SourcePosition)
    case list([Expression], SourcePosition)
    case tuple([Expression], SourcePosition)
    case dict([(Expression, Expression)], SourcePosition)
    /// `a.b`: jinja2 looks up an attribute first, then an item.
    case attribute(Expression, String, SourcePosition)
    /// `a[b]`: jinja2 looks up an item first, then an attribute.
    case item(Expression, Expression, SourcePosition)
    /// `a[start:stop:step]`, each part optional.
    case slice(Expression, Expression?, Expression?, Expression?, SourcePosition)
    case call(Expression, [Expression], [(String, Expression)], SourcePosition)
    case filter(Expression, String, [Expression], [(String, Expression)], SourcePosition)
    /// `a is name(args)`; `is not` wraps it in `.not`.
    case test(Expression, String, [Expression], SourcePosition)
    case unary(String, Expression, SourcePosition)
    case binary(String, Expression, Expression, SourcePosition)
    case not(Expression, SourcePosition)
    case and(Expression, Expression, SourcePosition)
    case or(Expression, Expression, SourcePosition)
    /// `a < b <= c`: each operator with its right operand.
    case compare(Expression, [(String, Expression)], SourcePosition)
    /// `a if condition else b`; a missing `else` gives undefined.
    case conditional(Expression, Expression, Expression?, SourcePosition)
    /// `a ~ b ~ c`.
    case concat([Expression], SourcePosition)

    var position: SourcePosition {
        switch self {
        case .literal(_, let p), .name(_, let p), .list(_, let p), .tuple(_, let p), .dict(_, let p),
             .attribute(_, _, let p), .item(_, _, let p), .slice(_, _, _, _, let p), .call(_, _, _, let p), .filter(_, _, _, _, let p),
             .test(_, _, _, let p), .unary(_, _, let p), .binary(_, _, _, let p), .not(_, let p), .and(_, _, let p),
             .or(_, _, let p), .compare(_, _, let p), .conditional(_, _, _, let p), .concat(_, let p):
            p
        }
    }
}
