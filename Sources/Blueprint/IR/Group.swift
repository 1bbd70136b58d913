import YAMLSource

/// A group of node templates (or other groups), the unit that scaling policies act on.
public struct Group: Sendable {
    public var name: String
    public var members: [String]
    public var range: SourceRange
    public var nameRange: SourceRange

    public init(name: String, members: [String], range: SourceRange, nameRange: SourceRange) {
        self.name = name
        self.members = members
        self.range = range
        self.nameRange = nameRange
    }
}

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
