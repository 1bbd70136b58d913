/// The names a template reads from its context: every variable that no `{% set %}` or
/// `{% for %}` of the template binds where it is read, and that is no global (`range`). What a
/// caller compares with the values it renders with, to find a misspelt name, which jinja2 prints
/// as nothing. With a loader, the templates an `{% include %}` names with a string are read
/// too, where the tag stands, seeing what jinja2 passes them: the names bound there, or, `without
/// context`, none.
public struct ContextNames: Sendable {
    /// A read of a context name: where it is (the first read of each name in each template, with
    /// and without the context, only).
    public struct Read: Sendable, Hashable {
        public var name: String
        public var position: SourcePosition
        /// The included template it is in (its loader's path); nil for the main template.
        public var template: String?
        /// False in a template included `without context` (or included by one): it sees none of
        /// the context's values, only jinja2's globals.
        public var seesContext: Bool
    }

    /// In order of first appearance.
    public private(set) var reads: [Read] = []
    /// Names the template or one it includes treats as optional: tested with `is defined` or `is
    /// undefined`, or given a fallback with `|default`/`|d`. Reading such a name where it is
    /// missing is intended.
    public private(set) var optional: Set<String> = []
    /// The keys the template reads of values: `n.portgroup`, `n['portgroup']`, `n.get('portgroup')`,
    /// and a filter's attribute (`attribute='dhcp.start'`, each part; `selectattr('device', …)`). Which value a key is read of is not followed: `disk.file` and `image.file` both
    /// count as `file`.
    public private(set) var keys: Set<String> = []
    /// Keys the template treats as optional, as ``optional`` for names: `n.mac is defined`,
    /// `n.mac|default(…)`, `n.get('mac')`.
    public private(set) var optionalKeys: Set<String> = []
    /// Whether the template has an `{% include %}`, whose template reads names and keys of its own.
    public private(set) var includes = false
    /// The includes whose name is computed (`kind ~ '.xml.j2'`) and that no render given
    /// followed: what their templates read is not known.
    public private(set) var unfollowedIncludes: [IncludeSite] = []

    private let loader: (any TemplateLoader)?
    private let followedIncludes: [IncludeSite: Set<String>]
    /// Where the names being visited are: the included template (nil: the main one), whether it
    /// sees the context, and the includes under way, against a template including itself.
    private var template: String?
    private var seesContext = true
    private var including: [String] = []
    /// The includes visited already, by template, context and the names bound at the tag: one
    /// visited again would read the same names.
    private var visitedIncludes: Set<[String]> = []
    private var parsed: [String: [Node]] = [:]

    init(_ nodes: [Node], loader: (any TemplateLoader)?, followedIncludes: [IncludeSite: Set<String>]) {
        self.loader = loader
        self.followedIncludes = followedIncludes
        var scopes: [Set<String>] = [[]]
        visit(nodes, &scopes)
    }

    private mutating func visit(_ nodes: [Node], _ scopes: inout [Set<String>]) {
        for node in nodes {
            switch node {
            case .text:
                continue
            case .output(let expression):
                visit(expression, scopes)
            case .ifBlock(let branches, let otherwise):
                // An `if` opens no scope in jinja2: a `set` inside it binds after it too.
                for (condition, body) in branches {
                    visit(condition, scopes)
                    visit(body, &scopes)
                }
                visit(otherwise, &scopes)
            case .forLoop(let loop):
                visit(loop.iterable, scopes)
                scopes.append(Set(loop.targets))
                if let filter = loop.filter { visit(filter, scopes) }
                // jinja2 binds `loop` only for a body that reads it: an include sees it then only.
                if loop.readsLoop { scopes[scopes.count - 1].insert("loop") }
                visit(loop.body, &scopes)
                scopes.removeLast()
                visit(loop.otherwise, &scopes)
            case .set(let names, let value, _):
                visit(value, scopes)
                scopes[scopes.count - 1].formUnion(names)
            case .setAttribute(let target, _, let value, let position):
                visit(value, scopes)
                visit(.name(target, position), scopes)
            case .macro(let definition):
                // Bound before the body, which may call itself.
                scopes[scopes.count - 1].insert(definition.name)
                visit(definition, &scopes)
            case .callBlock(let call, let caller):
                visit(call, scopes)
                visit(caller, &scopes)
            case .include(let include):
                includes = true
                visit(include.name, scopes)
                let written = LiteralIncludes.names(of: include)
                let site = IncludeSite(template: template, position: include.position)
                if !written.isEmpty {
                    visitIncluded(written, include, scopes)
                } else if let found = followedIncludes[site] {
                    // A computed name: the templates a render found by it, each read as included here.
                    for name in found.sorted() { visitIncluded([name], include, scopes) }
                } else if !unfollowedIncludes.contains(site) {
                    unfollowedIncludes.append(site)
                }
            }
        }
    }

    /// The template an include names (the first of `names` that exists), read with what jinja2
    /// passes it: every name bound at the tag (its own `set`s staying in it), or, `without
    /// context`, none.
    private mutating func visitIncluded(_ names: [String], _ include: Include, _ scopes: [Set<String>]) {
        guard let loader, let found = LiteralIncludes.firstFound(names, loader: loader),
              including.count < RenderLimits.includeDepth, !including.contains(found.path) else { return }
        let outer = (template: template, seesContext: seesContext)
        seesContext = seesContext && include.withContext
        let bound = seesContext ? scopes.reduce(into: Set<String>()) { $0.formUnion($1) } : []
        guard visitedIncludes.insert([found.path, "\(seesContext)"] + bound.sorted()).inserted else { return }
        if parsed[found.path] == nil { parsed[found.path] = (try? Parser.parse(found.text)) ?? [] }
        template = found.path
        including.append(found.path)
        var inner = [bound, []]
        visit(parsed[found.path] ?? [], &inner)
        including.removeLast()
        (template, seesContext) = outer
    }

    /// A macro's body, where its parameters and jinja2's `caller`, `varargs` and `kwargs` are
    /// bound; its defaults are read with the parameters before them bound.
    private mutating func visit(_ definition: MacroDefinition, _ scopes: inout [Set<String>]) {
        // jinja2 binds these only for a body that reads them: an include sees them then only.
        scopes.append([])
        if definition.readsCaller { scopes[scopes.count - 1].insert("caller") }
        if definition.catchesVarargs { scopes[scopes.count - 1].insert("varargs") }
        if definition.catchesKeywords { scopes[scopes.count - 1].insert("kwargs") }
        for parameter in definition.parameters {
            if let fallback = definition.defaults[parameter] { visit(fallback, scopes) }
            scopes[scopes.count - 1].insert(parameter)
        }
        visit(definition.body, &scopes)
        scopes.removeLast()
    }

    private mutating func visit(_ expression: Expression, _ scopes: [Set<String>]) {
        switch expression {
        case .literal:
            return
        case .name(let name, let position):
            guard !scopes.contains(where: { $0.contains(name) }), !Interpreter.globals.contains(name),
                  !reads.contains(where: { $0.name == name && $0.template == template && $0.seesContext == seesContext }) else { return }
            reads.append(Read(name: name, position: position, template: template, seesContext: seesContext))
        case .list(let items, _), .tuple(let items, _), .concat(let items, _):
            for item in items { visit(item, scopes) }
        case .dict(let pairs, _):
            for (key, value) in pairs { visit(key, scopes); visit(value, scopes) }
        case .attribute(let base, let key, _):
            keys.insert(key)
            visit(base, scopes)
        case .item(let base, let index, _):
            if case .literal(.string(let key), _) = index { keys.insert(key) }
            visit(base, scopes)
            visit(index, scopes)
        case .slice(let base, let start, let stop, let step, _):
            visit(base, scopes)
            for part in [start, stop, step] { if let part { visit(part, scopes) } }
        case .call(let callee, let arguments, let keywords, _):
            if case .attribute(_, "get", _) = callee, case .literal(.string(let key), _)? = arguments.first {
                keys.insert(key)
                optionalKeys.insert(key)
            }
            visit(callee, scopes)
            for argument in arguments + keywords.map(\.1) { visit(argument, scopes) }
        case .filter(let base, let name, let arguments, let keywords, _):
            if name == "default" || name == "d" { markOptional(base) }
            readKeys(filter: name, arguments: arguments, keywords: keywords)
            visit(base, scopes)
            for argument in arguments + keywords.map(\.1) { visit(argument, scopes) }
        case .test(let base, let name, let arguments, _):
            if name == "defined" || name == "undefined" { markOptional(base) }
            visit(base, scopes)
            for argument in arguments { visit(argument, scopes) }
        case .unary(_, let operand, _), .not(let operand, _):
            visit(operand, scopes)
        case .binary(_, let left, let right, _), .and(let left, let right, _), .or(let left, let right, _):
            visit(left, scopes)
            visit(right, scopes)
        case .compare(let first, let rest, _):
            visit(first, scopes)
            for (_, operand) in rest { visit(operand, scopes) }
        case .conditional(let value, let condition, let otherwise, _):
            visit(value, scopes)
            visit(condition, scopes)
            if let otherwise { visit(otherwise, scopes) }
        }
    }
}

extension ContextNames {
    /// The name or key `subject` reads, tested or given a fallback.
    private mutating func markOptional(_ subject: Expression) {
        switch subject {
        case .name(let name, _): optional.insert(name)
        case .attribute(_, let key, _), .item(_, .literal(.string(let key), _), _): optionalKeys.insert(key)
        default: break
        }
    }

    /// The keys a filter reads of the items it is given, by name.
    private mutating func readKeys(filter: String, arguments: [Expression], keywords: [(String, Expression)]) {
        for (keyword, value) in keywords where keyword == "attribute" {
            if case .literal(.string(let path), _) = value { keys.formUnion(path.split(separator: ".").map(String.init)) }
        }
        // The filters whose attribute may be given by position, and that position.
        let attributeArgument = ["selectattr": 0, "rejectattr": 0, "sum": 0, "groupby": 0, "join": 1][filter]
        if let index = attributeArgument, index < arguments.count, case .literal(.string(let path), _) = arguments[index] {
            keys.formUnion(path.split(separator: ".").map(String.init))
        }
    }
}

extension Template {
    /// The names this template reads from its context (see ``ContextNames``), and those the
    /// templates it includes by a string name read, found through `loader`; those an include with
    /// a computed name found in a render too (`followedIncludes`, from
    /// ``render(_:autoescape:loader:followedIncludes:)``).
    public func contextNames(loader: (any TemplateLoader)? = nil, followedIncludes: [IncludeSite: Set<String>] = [:]) -> ContextNames {
        ContextNames(nodes, loader: loader, followedIncludes: followedIncludes)
    }
}
