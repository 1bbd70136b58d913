/// Finds the templates `{% include %}` names, as a jinja2 loader does; the caller decides where
/// they may come from (bluevirt: the blueprint's folder).
public protocol TemplateLoader: Sendable {
    /// The template `name` names, or why there is none.
    func load(_ name: String) throws(TemplateLoadFailure) -> LoadedTemplate
}

/// An included template's text, and the path errors inside it are reported at.
public struct LoadedTemplate: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// Why a loader gives no template; each explanation names the name and what was looked for.
public enum TemplateLoadFailure: Error, Sendable, Hashable {
    /// No such template: `{% include … ignore missing %}` then renders nothing.
    case notFound(String)
    /// The name leads somewhere templates may not come from: always an error.
    case refused(String)
}
