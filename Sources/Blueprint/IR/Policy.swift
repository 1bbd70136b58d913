import YAMLSource

/// A policy over groups, such as `cloudify.policies.scaling` with its instance counts.
public struct Policy: Sendable {
    public var name: String
    public var type: String
    public var targets: [String]
    public var properties: NameTable<Expression>
    public var range: SourceRange
    public var nameRange: SourceRange

    public init(name: String, type: String, targets: [String], properties: NameTable<Expression>,
                range: SourceRange, nameRange: SourceRange) {
        self.name = name
        self.type = type
        self.targets = targets
        self.properties = properties
        self.range = range
        self.nameRange = nameRange
    }

    /// The policy type Cloudify uses for scaling groups.
    public static let scalingType = "cloudify.policies.scaling"
}
