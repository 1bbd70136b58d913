import YAMLSource

/// A node type flattened along its `derived_from` chain: its properties and interfaces include
/// everything it inherits, with its own declarations overriding its parents'.
public struct NodeType: Sendable {
    public var name: String
    public var derivedFrom: String?
    /// This type's name, then its parent's, up to the root: `[cloudify.libvirt.domain,
    /// cloudify.nodes.Compute, cloudify.nodes.Root]`.
    public var hierarchy: [String]
    /// True when the chain stops at a parent no import defines (reported as BV0109): that
    /// parent may declare properties and bases the checks cannot see, so they do not guess.
    public var ancestryIsIncomplete = false
    public var description: String?
    public var properties: NameTable<PropertySchema>
    public var interfaces: NameTable<Interface>
    /// The whole definition, and its name.
    public var range: SourceRange
    public var nameRange: SourceRange

    public init(name: String, derivedFrom: String?, hierarchy: [String], description: String?,
                properties: NameTable<PropertySchema>, interfaces: NameTable<Interface>,
                range: SourceRange, nameRange: SourceRange) {
        self.name = name
        self.derivedFrom = derivedFrom
        self.hierarchy = hierarchy
        self.description = description
        self.properties = properties
        self.interfaces = interfaces
        self.range = range
        self.nameRange = nameRange
    }

    /// True when this type is `typeName` or derives from it.
    public func isA(_ typeName: String) -> Bool { hierarchy.contains(typeName) }
}
