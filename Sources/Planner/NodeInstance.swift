/// One deployed copy of a node template: `web-1`, `web-2`, … A template with
/// `instances.deploy: 3` becomes three instances; a template contained in a host gets its
/// count on every instance of the host, and a member of a scaling group in every instance of
/// the group.
public struct NodeInstance: Sendable, Hashable {
    /// Stable and readable: the node template's name, `-`, and the 1-based index.
    public var id: String
    public var nodeName: String
    /// 1-based, counted over the whole node template (across all of its hosts and group instances).
    public var index: Int
    /// The instance this one is contained in (through `cloudify.relationships.contained_in`).
    public var hostInstanceId: String?
    /// The relationships of this instance to target instances, in the order the template
    /// declares them; one template relationship may give several (all_to_all) or none (a
    /// target with zero instances).
    public var relationships: [InstanceRelationship]

    public init(id: String, nodeName: String, index: Int, hostInstanceId: String?, relationships: [InstanceRelationship]) {
        self.id = id
        self.nodeName = nodeName
        self.index = index
        self.hostInstanceId = hostInstanceId
        self.relationships = relationships
    }
}

/// A relationship between two node instances, made from one relationship of the source's
/// node template.
public struct InstanceRelationship: Sendable, Hashable {
    /// The relationship type, such as `cloudify.libvirt.relationships.connected_to`.
    public var type: String
    /// The type's name and its ancestors'.
    public var typeHierarchy: [String]
    public var targetInstanceId: String
    public var targetNodeName: String
    /// The index of the relationship in the source template's `relationships`, to reach its
    /// properties, interfaces and source ranges.
    public var templateRelationshipIndex: Int

    public init(type: String, typeHierarchy: [String], targetInstanceId: String, targetNodeName: String, templateRelationshipIndex: Int) {
        self.type = type
        self.typeHierarchy = typeHierarchy
        self.targetInstanceId = targetInstanceId
        self.targetNodeName = targetNodeName
        self.templateRelationshipIndex = templateRelationshipIndex
    }

    public func isA(_ typeName: String) -> Bool { typeHierarchy.contains(typeName) }
}
