/// A Jinja2 template, parsed once and rendered against contexts. It renders what Python's
/// `jinja2.Template(source).render(context)` renders (the default environment: no
/// `trim_blocks`, no `lstrip_blocks`, one trailing newline dropped, the default `Undefined`),
/// or fails with a ``JinjaError`` where jinja2 would raise, or where the template uses a part
/// of Jinja2 this interpreter does not implement.
public struct Template: Sendable {
    let nodes: [Node]

    /// Parses `source`; `.syntax` and `.unsupported` errors come from here.
    public init(_ source: String) throws(JinjaError) {
        nodes = try Parser.parse(source)
    }

    /// Renders with `context` as the template's variables. `autoescape` is jinja2's option of
    /// the same name: every printed value is escaped with markupsafe's rules (`&<>"'` become
    /// `&amp; &lt; &gt; &#34; &#39;`) unless it is already `Markup` (from `|e` or `|tojson`).
    public func render(_ context: [String: Value], autoescape: Bool = false) throws(JinjaError) -> String {
        try Interpreter.render(nodes, context: context, autoescape: autoescape)
    }

    /// Every problem found without rendering, in order of position: syntax errors and every
    /// construct this interpreter does not support (not only the first). Empty when the
    /// template can render; rendering may still fail on values (an undefined attribute).
    public static func check(_ source: String) -> [JinjaError] {
        var problems = UnsupportedScan.problems(in: source)
        do {
            _ = try Template(source)
        } catch {
            if !problems.contains(where: { $0.position == error.position && $0.kind == error.kind }) {
                problems.append(error)
            }
        }
        return problems.sorted { ($0.position.line, $0.position.column) < ($1.position.line, $1.position.column) }
    }
}
