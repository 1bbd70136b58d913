import Rendering

/// The kinds of libvirt object a `cloudify.libvirt.*` node instance stands for.
public enum LibvirtObjectKind: String, Sendable, Hashable, CaseIterable, Codable {
    case domain, network, pool, volume
    /// An ISO 9660 image written into a volume (a cloud-init seed disk): it has no XML
    /// document of its own, so dry-run lists it without one.
    case iso9660

    /// The node type whose instances are objects of this kind.
    public var nodeType: String {
        switch self {
        case .domain: "cloudify.libvirt.domain"
        case .network: "cloudify.libvirt.network"
        case .pool: "cloudify.libvirt.pool"
        case .volume: "cloudify.libvirt.volume"
        case .iso9660: "cloudify.libvirt.ISO9660"
        }
    }

    /// The kind of the node type hierarchy `hierarchy` (most derived first), if it is a libvirt one.
    public init?(typeHierarchy hierarchy: [String]) {
        guard let kind = Self.allCases.first(where: { hierarchy.contains($0.nodeType) }) else { return nil }
        self = kind
    }

    /// The template kind that renders this object's XML; nil for ISO images, which have none.
    public var documentKind: DocumentKind? {
        switch self {
        case .domain: .domain
        case .network: .network
        case .pool: .pool
        case .volume: .volume
        case .iso9660: nil
        }
    }
}
