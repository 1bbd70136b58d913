/// What the document builder needs to know of one node instance: its id, its node template,
/// and which instances it is related to, so that `get_attribute: [lan, resource_id]` from
/// `web-2` finds the `lan` instance `web-2` is connected to.
public struct InstanceReference: Sendable, Hashable {
    /// The node instance id, e.g. `web-2`.
    public var id: String
    /// The node template's name, e.g. `web`.
    public var node: String
    /// The instances this one is related to (relationship targets and its host), by node name.
    public var related: [String: [String]]

    public init(id: String, node: String, related: [String: [String]] = [:]) {
        self.id = id
        self.node = node
        self.related = related
    }
}
