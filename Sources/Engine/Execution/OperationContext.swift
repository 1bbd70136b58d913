import Platform
import StateStore

/// What an operation that is not a libvirt call (a script, a built-in such as the ssh key)
/// gets to work with: who it runs for, the node's properties and the operation's inputs
/// evaluated at run time (get_attribute answered from the runtime properties recorded so far),
/// and the instance's own runtime properties.
public struct OperationContext: Sendable {
    public var deployment: String
    /// The directory of the main blueprint file: scripts are resolved relative to it.
    public var blueprintDirectory: URL
    public var nodeName: String
    /// The node's type, e.g. `bluevirt.nodes.SSHKey`.
    public var nodeType: String
    /// The node instance id, e.g. `web-2`.
    public var instanceID: String
    /// The operation's full name, e.g. `cloudify.interfaces.lifecycle.create`.
    public var operation: String
    /// The node's properties, evaluated.
    public var nodeProperties: [String: JSONValue]
    /// The operation's inputs, evaluated.
    public var inputs: [String: JSONValue]
    /// The instance's runtime properties before the operation.
    public var runtimeProperties: [String: JSONValue]
    /// How long the operation may run (the operation's `timeout`); nil: no limit.
    public var timeout: Duration?
    /// The state store, for what an operation keeps outside runtime properties (secrets).
    public var store: StateStore
    /// Sends one line of the operation's output to the execution's events and the progress display.
    public var log: @Sendable (String) -> Void
    /// Sends one `ctx logger` line; unless set, as `log` sends text (`[level] message`).
    public var logger: @Sendable (LoggerLine) -> Void
    /// For an operation of a relationship (under its `source_interfaces` or `target_interfaces`):
    /// the relationship's type and both ends; nil for a node's own operation. The instance above
    /// is then the source, the one the step belongs to and whose runtime properties it records.
    public var relationship: RelationshipContext?
    /// The workflow running: `install` (apply) or `uninstall` (destroy), Cloudify's `ctx.workflow_id`.
    public var workflow = "install"
    /// Which try of the operation this is (0 the first) and how many retries it has.
    public var retryNumber = 0
    public var maxRetries = 0
    /// The node's type and the types it derives from, the root first (Cloudify's `type_hierarchy`).
    public var nodeTypeHierarchy: [String] = []
    /// In a node's own operation, the instance's relationships with their targets (Cloudify's
    /// `ctx.instance.relationships`), in the template's order.
    public var relationships: [InstanceRelationshipContext] = []
    /// The address of the compute instance that hosts the instance (Cloudify's `host_ip`).
    public var hostIP: String?
    /// The execution it runs in, as `bluevirt history` numbers it (Cloudify's `execution_id`).
    public var executionID: String?

    public init(deployment: String, blueprintDirectory: URL, nodeName: String, nodeType: String, instanceID: String,
                operation: String, nodeProperties: [String: JSONValue], inputs: [String: JSONValue],
                runtimeProperties: [String: JSONValue], timeout: Duration?, store: StateStore,
                log: @escaping @Sendable (String) -> Void, relationship: RelationshipContext? = nil) {
        self.deployment = deployment
        self.blueprintDirectory = blueprintDirectory
        self.nodeName = nodeName
        self.nodeType = nodeType
        self.instanceID = instanceID
        self.operation = operation
        self.nodeProperties = nodeProperties
        self.inputs = inputs
        self.runtimeProperties = runtimeProperties
        self.timeout = timeout
        self.store = store
        self.log = log
        logger = { line in log(line.shown) }
        self.relationship = relationship
    }
}

/// What an operation of a relationship sees of it, as Cloudify's `ctx.source` and `ctx.target`.
public struct RelationshipContext: Sendable, Hashable {
    /// One end of the relationship: a node instance with its node's properties.
    public struct End: Sendable, Hashable {
        public var nodeName: String
        public var nodeType: String
        public var instanceID: String
        /// The node's properties, evaluated.
        public var nodeProperties: [String: JSONValue]
        /// The instance's runtime properties before the operation.
        public var runtimeProperties: [String: JSONValue]
        /// The address of the compute instance that hosts it (Cloudify's `host_ip`).
        public var hostIP: String?

        public init(nodeName: String, nodeType: String, instanceID: String, nodeProperties: [String: JSONValue],
                    runtimeProperties: [String: JSONValue], hostIP: String? = nil) {
            self.nodeName = nodeName
            self.nodeType = nodeType
            self.instanceID = instanceID
            self.nodeProperties = nodeProperties
            self.runtimeProperties = runtimeProperties
            self.hostIP = hostIP
        }
    }

    /// The relationship's type, e.g. `cloudify.relationships.depends_on`.
    public var type: String
    public var source: End
    public var target: End
    /// The relationship's type and the types it derives from, the root first.
    public var typeHierarchy: [String] = []

    public init(type: String, source: End, target: End) {
        self.type = type
        self.source = source
        self.target = target
    }
}

/// One relationship of a node instance as its own operations see it: the type and the target.
public struct InstanceRelationshipContext: Sendable, Hashable {
    public var type: String
    public var typeHierarchy: [String]
    public var target: RelationshipContext.End

    public init(type: String, typeHierarchy: [String], target: RelationshipContext.End) {
        self.type = type
        self.typeHierarchy = typeHierarchy
        self.target = target
    }
}
