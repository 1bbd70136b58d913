import YAMLSource

/// An import bluevirt could not load: a URL or a plugin it does not build in. Kept after the
/// import is reported, so that the names it would have defined (node types, relationship types,
/// a plugin's tasks) are explained by it rather than by a guess at a similar name.
struct UnresolvedImport: Sendable {
    /// The import as written.
    var text: String
    /// Where it is written.
    var range: SourceRange
    /// The plugin the import names, when it looks like one: `openstack` for
    /// `plugin:cloudify-openstack-plugin?version=3.2.0`, `fabric` for
    /// `http://www.getcloudify.org/spec/fabric-plugin/1.5.1/plugin.yaml`.
    var pluginName: String?

    init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
        self.pluginName = Self.pluginName(in: text)
    }

    /// The plugin's short name from `plugin:NAME` or from a path component `NAME-plugin`.
    private static func pluginName(in text: String) -> String? {
        var candidate: String?
        if text.hasPrefix("plugin:") {
            candidate = String(text.dropFirst("plugin:".count).prefix { $0 != "?" && $0 != "/" })
        } else if let address = HTTPAddress(text) {
            candidate = address.pathComponents.first { $0.hasSuffix("-plugin") }
        }
        guard var name = candidate?.lowercased() else { return nil }
        if name.hasPrefix("cloudify-") { name.removeFirst("cloudify-".count) }
        if name.hasSuffix("-plugin") { name.removeLast("-plugin".count) }
        return name.isEmpty ? nil : name
    }

    /// True when `name` (a type name, or a plugin task's plugin) carries this import's plugin
    /// name as one of its dotted parts: `cloudify.nodes.openstack.Server` for `openstack`.
    func probablyDefines(_ name: String) -> Bool {
        guard let pluginName else { return false }
        let plugin = pluginName.replacing("-", with: "_")
        return name.lowercased().split(separator: ".").contains { $0 == plugin }
    }
}

extension [UnresolvedImport] {
    /// The import that probably defines `name`, if one does by its plugin's name.
    func definer(of name: String) -> UnresolvedImport? {
        first { $0.probablyDefines(name) }
    }

    /// A note explaining `name` (described as `what`, e.g. "node type 'x'") by the imports
    /// bluevirt could not load: the one whose plugin it names, or else (when `guessing`) any of
    /// them; nil when every import loaded.
    func note(for name: String, what: String, guessing: Bool = true) -> DiagnosticNote? {
        if let definer = definer(of: name) {
            return DiagnosticNote("\(what) comes from '\(definer.text)', which bluevirt cannot import", at: definer.range)
        }
        guard guessing, let first else { return nil }
        let source = count == 1 ? "'\(first.text)', which bluevirt cannot import"
                                : "one of the imports bluevirt cannot load: \(map { "'\($0.text)'" }.joined(separator: ", "))"
        return DiagnosticNote("\(what) may be defined by \(source)", at: first.range)
    }
}
