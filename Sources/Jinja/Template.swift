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
    /// `loader` finds what `{% include %}` names; without one an include fails, as in jinja2.
    public func render(_ context: [String: Value], autoescape: Bool = false, loader: (any TemplateLoader)? = nil) throws(JinjaError) -> String {
        var followed: [IncludeSite: Set<String>] = [:]
        return try render(context, autoescape: autoescape, loader: loader, followedIncludes: &followed)
    }

    /// Renders as ``render(_:autoescape:loader:)``, and gives each `{% include %}` tag the render
    /// reached with the names it found a template by, for ``contextNames(loader:followedIncludes:)``.
    public func render(_ context: [String: Value], autoescape: Bool = false, loader: (any TemplateLoader)?,
                       followedIncludes: inout [IncludeSite: Set<String>]) throws(JinjaError) -> String {
        try Interpreter.render(nodes, context: context, autoescape: autoescape, loader: loader, followedIncludes: &followedIncludes)
    }

    /// Every problem found without rendering: syntax errors and every construct this
    /// interpreter does not support (not only the first), in order of position; then those of
    /// each template an `{% include %}` names with a literal name (found through `loader`), and
    /// such a name that is missing or refused. Empty when the template can render; rendering
    /// may still fail on values (an undefined attribute).
    public static func check(_ source: String, loader: (any TemplateLoader)? = nil) -> [JinjaError] {
        var checked: Set<String> = []
        return check(source, template: nil, loader: loader, depth: 0, checked: &checked)
    }

    private static func check(_ source: String, template: String?, loader: (any TemplateLoader)?, depth: Int, checked: inout Set<String>) -> [JinjaError] {
        var problems = UnsupportedScan.problems(in: source)
        var nodes: [Node] = []
        do {
            nodes = try Parser.parse(source)
        } catch {
            if !problems.contains(where: { $0.position == error.position && $0.kind == error.kind }) {
                problems.append(error)
            }
        }
        problems.sort { ($0.position.line, $0.position.column) < ($1.position.line, $1.position.column) }
        problems = problems.map { $0.inTemplate(template) }
        guard let loader else { return problems }
        for include in LiteralIncludes.all(in: nodes) {
            var missing: [String] = []
            var found: LoadedTemplate?
            var refused = false
            for name in include.names where found == nil && !refused {
                do {
                    found = try loader.load(name)
                } catch {
                    switch error {
                    case .notFound(let explanation): missing.append(explanation)
                    case .refused(let explanation):
                        problems.append(JinjaError(.refused, explanation, at: include.position, in: template))
                        refused = true
                    }
                }
            }
            guard let found else {
                if !refused, !include.ignoresMissing {
                    problems.append(JinjaError(.notFound, missing.joined(separator: "; "), at: include.position, in: template))
                }
                continue
            }
            // A template including itself is found by rendering (a limit error) or never, when
            // a condition stops it; checking it once is enough.
            guard depth < RenderLimits.includeDepth, checked.insert(found.path).inserted else { continue }
            problems += check(found.text, template: found.path, loader: loader, depth: depth + 1, checked: &checked)
        }
        return problems
    }
}
