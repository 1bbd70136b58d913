import YAMLSource

/// Where a `cloudify.libvirt.*` node template gives its `params`. As in the Cloudify libvirt
/// plugin, they may come as the node property `params`, as the input `params` of the create or
/// configure operation, or both; both merge, and the operation input wins key by key.
public struct LibvirtParams: Sendable {
    /// An input `params` given to an operation of the template.
    public struct OperationParams: Sendable {
        public var interface: String
        public var operation: String
        public var value: Expression
    }

    /// The node property `params`, if the template (or the type's default) gives it.
    public var property: Expression?
    /// The operation inputs named `params`, in the lifecycle order create, configure.
    public var operationInputs: [OperationParams]

    public init(property: Expression?, operationInputs: [OperationParams]) {
        self.property = property
        self.operationInputs = operationInputs
    }

    /// The operations whose input `params` count, in the order they run.
    public static let operations = ["create", "configure"]
}
