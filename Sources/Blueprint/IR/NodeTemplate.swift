import YAMLSource

/// A node template: one kind of thing to bring up, with its type's defaults and interfaces
/// merged in.
public struct NodeTemplate: Sendable {
    // The fields live in one object that copies share until one of them changes: the planner,
    // the checks and the documents each keep or pass templates by value, and every copy of a
    // dozen counted references cost as much as a template's properties take to check
    // (2.5% of validating 1,000 node templates).
    private final class Storage: @unchecked Sendable {
        // Unchecked, for Sendable and for exclusive access (whose run-time checks on every field
        // read cost more than the copies saved): a storage is changed only through a template
        // that holds the one reference to it (`unique()`), as an array's buffer is.
        @exclusivity(unchecked) var name: String
        @exclusivity(unchecked) var type: String
        @exclusivity(unchecked) var typeHierarchy: [String]
        @exclusivity(unchecked) var properties: PropertyTable
        @exclusivity(unchecked) var interfaces: NameTable<Interface>
        @exclusivity(unchecked) var relationships: [Relationship]
        @exclusivity(unchecked) var instancesBox: InstancesBox?
        @exclusivity(unchecked) var libvirtParams: LibvirtParams?
        @exclusivity(unchecked) var range: SourceRange
        @exclusivity(unchecked) var nameRange: SourceRange
        @exclusivity(unchecked) var typeRange: SourceRange

        init(name: String, type: String, typeHierarchy: [String], properties: PropertyTable, interfaces: NameTable<Interface>, relationships: [Relationship], instancesBox: InstancesBox?, libvirtParams: LibvirtParams?, range: SourceRange, nameRange: SourceRange, typeRange: SourceRange) {
            self.name = name
            self.type = type
            self.typeHierarchy = typeHierarchy
            self.properties = properties
            self.interfaces = interfaces
            self.relationships = relationships
            self.instancesBox = instancesBox
            self.libvirtParams = libvirtParams
            self.range = range
            self.nameRange = nameRange
            self.typeRange = typeRange
        }

        func copy() -> Storage {
            Storage(name: name, type: type, typeHierarchy: typeHierarchy, properties: properties, interfaces: interfaces, relationships: relationships, instancesBox: instancesBox, libvirtParams: libvirtParams, range: range, nameRange: nameRange, typeRange: typeRange)
        }
    }

    private var storage: Storage

    // Each field is read in place (`_read`) and changed in place once the storage is this
    // template's own (`_modify`): a getter would hand over a copy, so that reading
    // `templates[i].relationships[j].target` copied the whole relationship.

    /// The storage, first copied if another template shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var name: String {
        _read { yield storage.name }
        _modify { yield &unique().name }
    }
    public var type: String {
        _read { yield storage.type }
        _modify { yield &unique().type }
    }
    /// The type's name and its ancestors', empty when the type is unknown.
    public var typeHierarchy: [String] {
        _read { yield storage.typeHierarchy }
        _modify { yield &unique().typeHierarchy }
    }
    /// Every property: the template's values over the type's defaults.
    public var properties: PropertyTable {
        _read { yield storage.properties }
        _modify { yield &unique().properties }
    }
    /// The type's interfaces with the template's operations merged over them.
    public var interfaces: NameTable<Interface> {
        _read { yield storage.interfaces }
        _modify { yield &unique().interfaces }
    }
    public var relationships: [Relationship] {
        _read { yield storage.relationships }
        _modify { yield &unique().relationships }
    }
    /// How many instances to deploy. Boxed, and absent when the template writes no counts (most
    /// do not): four optional expressions inline were half a template's size.
    public var instances: Instances {
        get { storage.instancesBox?.instances ?? Instances() }
        set { unique().instancesBox = newValue.isEmpty ? nil : InstancesBox(newValue) }
    }
    /// For `cloudify.libvirt.*` templates: where `params` came from (property and operation inputs).
    public var libvirtParams: LibvirtParams? {
        _read { yield storage.libvirtParams }
        _modify { yield &unique().libvirtParams }
    }
    /// The whole definition, its name and its `type` value.
    public var range: SourceRange {
        _read { yield storage.range }
        _modify { yield &unique().range }
    }
    public var nameRange: SourceRange {
        _read { yield storage.nameRange }
        _modify { yield &unique().nameRange }
    }
    public var typeRange: SourceRange {
        _read { yield storage.typeRange }
        _modify { yield &unique().typeRange }
    }

    public init(name: String, type: String, typeHierarchy: [String], properties: PropertyTable,
                interfaces: NameTable<Interface>, relationships: [Relationship], instances: Instances,
                libvirtParams: LibvirtParams?, range: SourceRange, nameRange: SourceRange, typeRange: SourceRange) {
        storage = Storage(name: name, type: type, typeHierarchy: typeHierarchy, properties: properties, interfaces: interfaces,
                          relationships: relationships, instancesBox: instances.isEmpty ? nil : InstancesBox(instances),
                          libvirtParams: libvirtParams, range: range, nameRange: nameRange, typeRange: typeRange)
    }

    public func isA(_ typeName: String) -> Bool { typeHierarchy.contains(typeName) }

    /// The node this one is contained in, if any.
    public var host: String? { relationships.first { $0.isContainment }?.target }
}

private final class InstancesBox: Sendable {
    let instances: Instances
    init(_ instances: Instances) { self.instances = instances }
}
