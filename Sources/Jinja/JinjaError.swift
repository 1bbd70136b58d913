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
        /// The rendering would build more text or items, or loop more, than ``RenderLimits``
        /// allow; jinja2 would go on until memory or time ran out.
        case limit
    }

    public var kind: Kind
    public var message: String
    public var position: SourcePosition

    public init(_ kind: Kind, _ message: String, at position: SourcePosition) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    public var description: String { "\(position): \(message)" }
}
