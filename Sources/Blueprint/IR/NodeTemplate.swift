import YAMLSource

/// A node template: one kind of thing to bring up, with its type's defaults and interfaces
/// merged in.
public struct NodeTemplate: Sendable {
    public var name: String
    public var type: String
    /// The type's name and its ancestors', empty when the type is unknown.
    public var typeHierarchy: [String]
    /// Every property: the template's values over the type's defaults.
    public var properties: PropertyTable
    /// The type's interfaces with the template's operations merged over them.
    public var interfaces: NameTable<Interface>
    public var relationships: [Relationship]
    /// How many instances to deploy. Boxed, and absent when the template writes no counts (most
    /// do not): four optional expressions inline were half a template's size.
    public var instances: Instances {
        get { instancesBox?.instances ?? Instances() }
        set { instancesBox = newValue.isEmpty ? nil : InstancesBox(newValue) }
    }
    private var instancesBox: InstancesBox?
    /// For `cloudify.libvirt.*` templates: where `params` came from (property and operation inputs).
    public var libvirtParams: LibvirtParams?
    /// The whole definition, its name and its `type` value.
    public var range: SourceRange
    public var nameRange: SourceRange
    public var typeRange: SourceRange

    public init(name: String, type: String, typeHierarchy: [String], properties: PropertyTable,
                interfaces: NameTable<Interface>, relationships: [Relationship], instances: Instances,
                libvirtParams: LibvirtParams?, range: SourceRange, nameRange: SourceRange, typeRange: SourceRange) {
        self.name = name
        self.type = type
        self.typeHierarchy = typeHierarchy
        self.properties = properties
        self.interfaces = interfaces
        self.relationships = relationships
        self.libvirtParams = libvirtParams
        self.range = range
        self.nameRange = nameRange
        self.typeRange = typeRange
        self.instances = instances
    }

    public func isA(_ typeName: String) -> Bool { typeHierarchy.contains(typeName) }

    /// The node this one is contained in, if any.
    public var host: String? { relationships.first { $0.isContainment }?.target }
}

private final class InstancesBox: Sendable {
    let instances: Instances
    init(_ instances: Instances) { self.instances = instances }
}
