import LibvirtBackend
import StateStore

/// One libvirt object as the executor handles it: what `apply` creates from a rendered
/// document, or what `destroy` removes from the recorded state.
public struct ManagedObject: Sendable, Hashable {
    public var kind: LibvirtObjectKind
    /// The object's name in libvirt.
    public var name: String
    /// The connection URI the object lives on, after `--connect` and `--simulate` are applied.
    public var connection: String
    /// For volumes: the pool they live in.
    public var pool: String?
    /// The rendered document; nil when the object is adopted or is being removed.
    public var xml: String?
    /// `use_external_resource: true`: the object must exist and is never created or deleted.
    public var adopted: Bool
    public var deployment: String
    public var instance: String
    /// Domains: wait in `start` until each interface on a libvirt network has an address
    /// (`wait_for_ip`, on unless the params say false).
    public var waitForAddresses: Bool
    /// Domains: where to ask for addresses, in order (`ip_address_sources`); nil keeps the
    /// backend's order (lease, agent, arp).
    public var addressSources: [InterfaceAddressSource]?
    /// Domains: how long to wait for addresses (`wait_for_ip_timeout`); nil keeps the backend's.
    public var addressTimeout: Duration?
    /// Domains: how long `stop` waits for a graceful shutdown before it pulls the plug
    /// (`shutdown_timeout`); nil keeps the backend's.
    public var shutdownTimeout: Duration?
    /// Domains: the names of the networks the deployment makes on the domain's connection, for
    /// the failure about a network the domain joins that is not there (``DomainNetworksCheck``).
    public var deploymentNetworks: [String] = []
    /// Networks: mark the network to start with libvirtd (`autostart`).
    public var autostart = false
    /// Volumes: the address of the image (`url`) whose bytes fill the volume after it is
    /// created, and its expected SHA-256 (`sha256`).
    public var imageURL: String?
    public var imageSHA256: String?
    /// Volumes: fill the new volume with zeros (`zero_wipe`); not for volumes filled from an image.
    public var zeroWipe = false
    /// ISO images: the image's bytes, made at the step that creates it (its contents may read
    /// other instances' runtime properties, such as a generated public key).
    public var imageBytes: [UInt8]?
    /// ISO images: the volume the image is written into is another node's of this deployment
    /// (the plugin's examples make it with a cloudify.libvirt.volume node): the image is
    /// uploaded into it, and deleting the image leaves the volume to its own node.
    public var writesIntoDeploymentVolume = false
    /// An earlier run started creating this instance and did not finish: an object of its name
    /// is then its own half-made one (a volume whose upload broke off), made again.
    public var resumedCreate = false
    /// Domains: `xml` is what this run's configure defined, from the same params: start need
    /// not define it again.
    public var documentIsDefined = false

    public init(kind: LibvirtObjectKind, name: String, connection: String, pool: String? = nil, xml: String?,
                adopted: Bool, deployment: String, instance: String, waitForAddresses: Bool = true) {
        self.waitForAddresses = waitForAddresses
        self.kind = kind
        self.name = name
        self.connection = connection
        self.pool = pool
        self.xml = xml
        self.adopted = adopted
        self.deployment = deployment
        self.instance = instance
    }

    /// How messages name the object: `domain 'demo-web-1' on qemu:///system (simulated)`.
    public var label: String { "\(kind.rawValue) '\(name)' on \(SimulatedWorlds.displayName(of: connection))" }

    /// The step for an object gone from its host: the command that makes it again.
    var healHint: String { "heal it: bluevirt run heal -d \(deployment) -p node_instance_id=\(instance)" }
}
