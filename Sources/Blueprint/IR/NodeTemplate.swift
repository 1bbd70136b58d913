import YAMLSource

/// A node template: one kind of thing to bring up, with its type's defaults and interfaces
/// merged in.
public struct NodeTemplate: Sendable {
    // The fields, in one copy-on-write box (`CopyOnWriteBox`): the planner, the checks and the
    // documents keep or pass templates by value, and each copy of a dozen counted references
    // cost as much as checking a template's properties. Each field is read in place (`_read`):
    // through a getter, `templates[i].relationships[j].target` copied the whole relationship.
    private struct Fields: Sendable {
        var name: String
        var type: String
        var typeHierarchy: [String]
        var properties: PropertyTable
        var interfaces: NameTable<Interface>
        var relationships: [Relationship]
        var instancesBox: InstancesBox?
        var libvirtParams: LibvirtParams?
        var range: SourceRange
        var nameRange: SourceRange
        var typeRange: SourceRange
    }

    private var box: CopyOnWriteBox<Fields>

    public var name: String {
        _read { yield box.fields.name }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.name }
    }
    public var type: String {
        _read { yield box.fields.type }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.type }
    }
    /// The type's name and its ancestors', empty when the type is unknown.
    public var typeHierarchy: [String] {
        _read { yield box.fields.typeHierarchy }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.typeHierarchy }
    }
    /// Every property: the template's values over the type's defaults.
    public var properties: PropertyTable {
        _read { yield box.fields.properties }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.properties }
    }
    /// The type's interfaces with the template's operations merged over them.
    public var interfaces: NameTable<Interface> {
        _read { yield box.fields.interfaces }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.interfaces }
    }
    public var relationships: [Relationship] {
        _read { yield box.fields.relationships }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.relationships }
    }
    /// How many instances to deploy. Boxed, and absent when the template writes no counts (most
    /// do not): four optional expressions inline were half a template's size.
    public var instances: Instances {
        get { box.fields.instancesBox?.instances ?? Instances() }
        set { CopyOnWriteBox.unique(&box).fields.instancesBox = newValue.isEmpty ? nil : InstancesBox(newValue) }
    }
    /// For `cloudify.libvirt.*` templates: where `params` came from (property and operation inputs).
    public var libvirtParams: LibvirtParams? {
        _read { yield box.fields.libvirtParams }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.libvirtParams }
    }
    /// The whole definition, its name and its `type` value.
    public var range: SourceRange {
        _read { yield box.fields.range }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.range }
    }
    public var nameRange: SourceRange {
        _read { yield box.fields.nameRange }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.nameRange }
    }
    public var typeRange: SourceRange {
        _read { yield box.fields.typeRange }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.typeRange }
    }

    public init(name: String, type: String, typeHierarchy: [String], properties: PropertyTable,
                interfaces: NameTable<Interface>, relationships: [Relationship], instances: Instances,
                libvirtParams: LibvirtParams?, range: SourceRange, nameRange: SourceRange, typeRange: SourceRange) {
        box = CopyOnWriteBox(Fields(name: name, type: type, typeHierarchy: typeHierarchy, properties: properties, interfaces: interfaces,
                                    relationships: relationships, instancesBox: instances.isEmpty ? nil : InstancesBox(instances),
                                    libvirtParams: libvirtParams, range: range, nameRange: nameRange, typeRange: typeRange))
    }

    public func isA(_ typeName: String) -> Bool { typeHierarchy.contains(typeName) }

    /// The node this one is contained in, if any.
    public var host: String? { relationships.first { $0.isContainment }?.target }
}

private final class InstancesBox: Sendable {
    let instances: Instances
    init(_ instances: Instances) { self.instances = instances }
}
