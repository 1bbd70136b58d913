/// The `{% include %}` tags of a template whose names are written as strings (or a list of
/// strings), which a check can load before anything renders; a name computed from values is
/// known only when rendering.
struct LiteralIncludes {
    var names: [String]
    var ignoresMissing: Bool
    var position: SourcePosition

    static func all(in nodes: [Node]) -> [LiteralIncludes] {
        var found: [LiteralIncludes] = []
        collect(nodes, into: &found)
        return found
    }

    /// The names an include's tag writes as strings, in order; empty for a computed name.
    static func names(of include: Include) -> [String] {
        switch include.name {
        case .literal(.string(let name), _): return [name]
        case .list(let items, _), .tuple(let items, _):
            var names: [String] = []
            for item in items {
                guard case .literal(.string(let name), _) = item else { return [] }
                names.append(name)
            }
            return names
        default: return []
        }
    }

    /// The template the first of `names` that exists names; nil when none does or a name is
    /// refused (``Template/check(_:loader:)`` reports that).
    static func firstFound(_ names: [String], loader: any TemplateLoader) -> LoadedTemplate? {
        for name in names {
            do {
                return try loader.load(name)
            } catch {
                if case .refused = error { return nil }
            }
        }
        return nil
    }

    private static func collect(_ nodes: [Node], into found: inout [LiteralIncludes]) {
        for node in nodes {
            switch node {
            case .text, .output, .set, .setAttribute: break
            case .ifBlock(let branches, let otherwise):
                for (_, body) in branches { collect(body, into: &found) }
                collect(otherwise, into: &found)
            case .forLoop(let loop):
                collect(loop.body, into: &found)
                collect(loop.otherwise, into: &found)
            case .macro(let definition): collect(definition.body, into: &found)
            case .callBlock(_, let caller): collect(caller.body, into: &found)
            case .include(let include):
                let names = names(of: include)
                if !names.isEmpty {
                    found.append(LiteralIncludes(names: names, ignoresMissing: include.ignoresMissing, position: include.position))
                }
            }
        }
    }
}
