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
