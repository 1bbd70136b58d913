import Foundation

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
    public var updatedAt: Date

    public init(
        deployment: String, instanceID: String, nodeName: String, type: String,
        connectionURI: String? = nil, objectKind: String? = nil, objectName: String? = nil,
        state: NodeInstanceState = .uninitialized, adopted: Bool = false,
        runtimeProperties: [String: JSONValue] = [:], updatedAt: Date = Date()
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
        self.updatedAt = updatedAt
    }
}
