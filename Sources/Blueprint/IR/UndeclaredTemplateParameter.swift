import Diagnostics

/// A key of the `params` of a libvirt node that gives its own XML template, which the params'
/// data type does not declare: a BV0206 warning, since the plugin hands every parameter to the
/// template. Kept apart from the warning so that a command that reads the template can drop the
/// warning when the template reads the key (``Blueprint/undeclaredTemplateParameters``).
public struct UndeclaredTemplateParameter: Sendable, Hashable {
    /// The node template whose params hold the key.
    public var node: String
    public var key: String
    /// Where the key is written: the range of its warning.
    public var range: SourceRange

    public init(node: String, key: String, range: SourceRange) {
        self.node = node
        self.key = key
        self.range = range
    }
}
