import YAMLSource

/// One relationship of a node template: its type (flattened), its target and the properties
/// and interfaces it adds over the type's.
public struct Relationship: Sendable {
    public var type: String
    /// The type's name and its ancestors', empty when the type is unknown.
    public var typeHierarchy: [String]
    public var target: String
    public var properties: PropertyTable
    public var sourceInterfaces: NameTable<Interface>
    public var targetInterfaces: NameTable<Interface>
    /// The whole list entry, its `type` value and its `target` value.
    public var range: SourceRange
    public var typeRange: SourceRange
    public var targetRange: SourceRange

    public init(type: String, typeHierarchy: [String], target: String, properties: PropertyTable,
                sourceInterfaces: NameTable<Interface>, targetInterfaces: NameTable<Interface>,
                range: SourceRange, typeRange: SourceRange, targetRange: SourceRange) {
        self.type = type
        self.typeHierarchy = typeHierarchy
        self.target = target
        self.properties = properties
        self.sourceInterfaces = sourceInterfaces
        self.targetInterfaces = targetInterfaces
        self.range = range
        self.typeRange = typeRange
        self.targetRange = targetRange
    }

    public func isA(_ typeName: String) -> Bool { typeHierarchy.contains(typeName) }

    /// True for `contained_in` and its descendants: the target hosts the source.
    public var isContainment: Bool { isA(BaseRelationship.containedIn) }
}
