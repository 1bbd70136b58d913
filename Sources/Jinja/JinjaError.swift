/// Why a template was rejected or could not render. Every error names where in the template it
/// happened, so a caller can point at the line and column.
public struct JinjaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, so callers can map each to its own diagnostic.
    public enum Kind: Sendable, Hashable {
        /// Not valid Jinja2: jinja2 itself would reject the template when loading it.
        case syntax
        /// Valid Jinja2 that this interpreter does not implement (`{% macro %}`, `{% include %}`,
        /// an unknown filter or test, ...). Never rendered approximately: always this error.
        case unsupported
        /// jinja2 would raise `UndefinedError` while rendering (`{{ a.b }}` with `a` undefined).
        case undefined
        /// jinja2 would raise another error while rendering (`'a' + 1`, division by zero, ...).
        case runtime
        /// The rendering would build more text or items, loop more, or nest macro calls or
        /// includes deeper, than ``RenderLimits`` allow; jinja2 would go on until memory or
        /// time ran out.
        case limit
        /// `{% include %}` names a template that does not exist (jinja2's `TemplateNotFound`).
        case notFound
        /// `{% include %}` names a template the loader refuses to read (outside its folder).
        case refused
    }

    public var kind: Kind
    public var message: String
    public var position: SourcePosition
    /// The included template (its loader's path) `position` is in; nil for the main template.
    public var template: String?

    public init(_ kind: Kind, _ message: String, at position: SourcePosition, in template: String? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
        self.template = template
    }

    /// The error, placed in `template` unless an inner template already placed it.
    func inTemplate(_ template: String?) -> JinjaError {
        var placed = self
        if placed.template == nil { placed.template = template }
        return placed
    }

    public var description: String { "\(template.map { $0 + ":" } ?? "")\(position): \(message)" }
}
