import YAMLSource

/// An output (or a capability, which has the same shape): a value to show after deployment.
public struct Output: Sendable {
    public var name: String
    public var description: String?
    public var value: Expression
    public var range: SourceRange
    public var nameRange: SourceRange

    public init(name: String, description: String?, value: Expression, range: SourceRange, nameRange: SourceRange) {
        self.name = name
        self.description = description
        self.value = value
        self.range = range
        self.nameRange = nameRange
    }
}
