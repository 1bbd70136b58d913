import YAMLSource

/// A relationship type flattened along its `derived_from` chain.
public struct RelationshipType: Sendable {
    public var name: String
    public var derivedFrom: String?
    /// This type's name, then its ancestors' up to the root.
    public var hierarchy: [String]
    /// True when the chain stops at a parent no import defines (reported as BV0109): that
    /// parent may declare properties and bases the checks cannot see, so they do not guess.
    public var ancestryIsIncomplete = false
    public var description: String?
    public var properties: NameTable<PropertySchema>
    /// Operations run on the source node's host, and on the target's.
    public var sourceInterfaces: NameTable<Interface>
    public var targetInterfaces: NameTable<Interface>
    public var range: SourceRange
    public var nameRange: SourceRange

    public init(name: String, derivedFrom: String?, hierarchy: [String], description: String?,
                properties: NameTable<PropertySchema>, sourceInterfaces: NameTable<Interface>,
                targetInterfaces: NameTable<Interface>, range: SourceRange, nameRange: SourceRange) {
        self.name = name
        self.derivedFrom = derivedFrom
        self.hierarchy = hierarchy
        self.description = description
        self.properties = properties
        self.sourceInterfaces = sourceInterfaces
        self.targetInterfaces = targetInterfaces
        self.range = range
        self.nameRange = nameRange
    }

    public func isA(_ typeName: String) -> Bool { hierarchy.contains(typeName) }
}

/// The names of Cloudify's base relationship types, which give relationships their meaning.
public enum BaseRelationship {
    public static let dependsOn = "cloudify.relationships.depends_on"
    public static let connectedTo = "cloudify.relationships.connected_to"
    public static let containedIn = "cloudify.relationships.contained_in"
    /// Every base: a relationship a node template uses must derive from one of them.
    public static let all = [dependsOn, connectedTo, containedIn]
}
