import Platform

/// One node instance of a deployment: the libvirt object it stands for, where that object
/// lives, its lifecycle state and the runtime properties its operations recorded.
public struct NodeInstanceRecord: Sendable, Hashable {
    public var deployment: String
    /// The instance id, unique within the deployment (e.g. `web-1`).
    public var instanceID: String
    public var nodeName: String
    /// The node type, e.g. `cloudify.libvirt.domain`.
    public var type: String
    /// The libvirt connection the object was created on; `destroy` uses it, not `--connect`.
    public var connectionURI: String?
    /// `domain`, `network`, `pool`, `volume`, … ; nil for instances of non-libvirt types.
    public var objectKind: String?
    public var objectName: String?
    public var state: NodeInstanceState
    /// Set for `use_external_resource: true`: the object was adopted, and uninstall keeps it.
    public var adopted: Bool
    public var runtimeProperties: [String: JSONValue]
    /// The instances this one has relationships to, as recorded at apply (schema v3): destroy
    /// removes an instance only after every instance that depends on it. nil: not recorded (a
    /// state written before v3, or a record rebuilt from libvirt metadata).
    public var dependsOn: [String]?
    /// The instance's steps of the uninstall plan (stop, unlink, delete), in order, as recorded
    /// at apply (schema v3); nil: not recorded.
    public var uninstallSteps: [UninstallStepRecord]?
    /// The instance's document as planned at its last apply (schema v5): the libvirt XML, or
    /// the files of a seed image; an update compares it with the new plan's. nil: not recorded.
    public var document: String?
    /// The document bluevirt last sent to libvirt for the object (schema v5; a domain's is
    /// rendered at configure), which drift compares the live object with. nil: not recorded.
    public var definedDocument: String?
    public var updatedAt: Date

    public init(
        deployment: String, instanceID: String, nodeName: String, type: String,
        connectionURI: String? = nil, objectKind: String? = nil, objectName: String? = nil,
        state: NodeInstanceState = .uninitialized, adopted: Bool = false,
        runtimeProperties: [String: JSONValue] = [:], dependsOn: [String]? = nil,
        uninstallSteps: [UninstallStepRecord]? = nil, document: String? = nil, definedDocument: String? = nil,
        updatedAt: Date = Date()
    ) {
        self.deployment = deployment
        self.instanceID = instanceID
        self.nodeName = nodeName
        self.type = type
        self.connectionURI = connectionURI
        self.objectKind = objectKind
        self.objectName = objectName
        self.state = state
        self.adopted = adopted
        self.runtimeProperties = runtimeProperties
        self.dependsOn = dependsOn
        self.uninstallSteps = uninstallSteps
        self.document = document
        self.definedDocument = definedDocument
        self.updatedAt = updatedAt
    }
}

/// One step of an instance's part of the uninstall plan, recorded at apply so that destroy
/// runs what dry-run printed.
public struct UninstallStepRecord: Sendable, Hashable {
    /// The step's stable id, e.g. `web-1/stop` or `web-1/unlink/source/0/lan-1`.
    public var key: String
    /// What runs: `stop`, `delete` (the libvirt object's), `relationship:unlink` (a libvirt
    /// plugin relationship operation, nothing to do on libvirt), `script` or `builtin` (the
    /// stop or delete operation recorded in the runtime properties), `unsupported:IMPL`.
    public var operation: String
    /// One line for people: `stop web-1`.
    public var description: String

    public init(key: String, operation: String, description: String) {
        self.key = key
        self.operation = operation
        self.description = description
    }
}
