import Jinja

/// The names and keys a user template reads, which decide whether a check that a value is given
/// (BV0608) applies to it. Those checks enforce what bluevirt's built-in templates read; the
/// plugin passes `params` to a user's template untouched, so it may take its values under other
/// names (an ESX template's `portgroup` where bluevirt's reads `network`).
extension UserTemplateCheck {
    /// Every name or key the template reads and does not treat as optional (`is defined`,
    /// `|default`, `.get('key')`); nil when that cannot be told, so every check applies: a
    /// Jinja2 template that does not parse (reported already) or includes another.
    var readKeys: Set<String>? {
        keys { Set($0.reads.map(\.name)).subtracting($0.optional).union($0.keys.subtracting($0.optionalKeys)) }
    }

    /// Every name or key the template reads at all, optionally or not; nil when that cannot be
    /// told (a Jinja2 template that does not parse or includes another). A parameter the node's
    /// data type does not declare is no mistake when its template reads it (BV0206).
    var namesRead: Set<String>? {
        keys { Set($0.reads.map(\.name)).union($0.keys) }
    }

    /// A Mustache template's keys, or those `jinjaKeys` takes from a Jinja2 template's names;
    /// nil for a Jinja2 template that does not parse or includes another.
    private func keys(_ jinjaKeys: (ContextNames) -> Set<String>) -> Set<String>? {
        guard language == .jinja else { return Self.mustacheKeys(text) }
        guard let template = try? Jinja.Template(text) else { return nil }
        let names = template.contextNames()
        guard !names.includes else { return nil }
        return jinjaKeys(names)
    }

    /// A Mustache template's tag names, each part of a dotted one, with those of the built-in
    /// templates it includes or inherits from (which read what they read whatever blocks replace).
    private static func mustacheKeys(_ text: String) -> Set<String> {
        var keys: Set<String> = []
        var visited: Set<String> = []
        var pending = [text]
        while let source = pending.popLast() {
            for tag in MustacheTags(source) {
                switch tag.sigil {
                case nil, "#", "^":
                    keys.formUnion(tag.name.split(separator: ".").map(String.init))
                case ">", "<":
                    if visited.insert(tag.name).inserted, let builtin = BuiltinTemplates.sources[tag.name] { pending.append(builtin) }
                default:
                    continue
                }
            }
        }
        return keys
    }
}
