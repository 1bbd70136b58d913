/// Which deployment, node template and node instance a libvirt object belongs to. The renderer
/// writes it into the object's `<metadata>` (domains and networks) and derives a default
/// object name from it.
public struct InstanceIdentity: Sendable, Hashable {
    /// The deployment name (by default the blueprint file's name without extension).
    public var deployment: String
    /// The node template's name in the blueprint, e.g. `web`.
    public var node: String
    /// The node instance id, e.g. `web-1`.
    public var instance: String

    public init(deployment: String, node: String, instance: String) {
        self.deployment = deployment
        self.node = node
        self.instance = instance
    }

    /// The name an object gets when its parameters name none: `DEPLOYMENT-INSTANCE`.
    public var defaultObjectName: String { "\(deployment)-\(instance)" }

    /// The XML namespace of bluevirt's `<metadata>` element.
    public static let metadataNamespace = "https://bluevirt.dev/xmlns/instance/1"
}
