/// A libvirt driver a domain is written for. Each has its own built-in domain template;
/// networks, pools and volumes share one template across drivers.
public enum Driver: String, Sendable, Hashable, CaseIterable {
    /// QEMU, with software emulation (`domain_type: qemu`) or KVM (`domain_type: kvm`).
    case qemu
    case lxc
    case xen
    /// VMware ESX (libvirt domain type `vmware`).
    case esx
    case bhyve
    /// libvirt's built-in test driver.
    case test

    /// The driver behind a libvirt connection URI such as `qemu:///system`,
    /// `qemu+ssh://host/system`, `lxc:///`, `esx://host`, `test:///default`; nil for others.
    public init?(connectionURI: String) {
        // The scheme's driver part (before any '+transport' and the ':'), lowercased by byte:
        // every node's URI is read here. Read in place when it has no capital letter, as nearly
        // every URI: making the lowercased copy cost most of the instructions.
        let driverPart = connectionURI.utf8.prefix { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: "+") }
        let capitals = UInt8(ascii: "A")...UInt8(ascii: "Z")
        let scheme = driverPart.contains(where: capitals.contains)
            ? Substring(String(decoding: driverPart.map { capitals.contains($0) ? $0 + 32 : $0 }, as: UTF8.self))
            : Substring(driverPart)
        switch scheme {
        case "qemu", "kvm": self = .qemu
        case "lxc": self = .lxc
        case "xen", "libxl": self = .xen
        case "esx", "gsx", "vpx": self = .esx
        case "bhyve": self = .bhyve
        case "test": self = .test
        default: return nil
        }
    }

    /// The driver whose domains have this `type` attribute: `qemu` and `kvm` are QEMU's,
    /// `vmware` is ESX's, the others name their driver. Nil for any other text.
    public init?(domainType: String) {
        guard let driver = Driver.allCases.first(where: { $0.domainTypes.contains(domainType) }) else { return nil }
        self = driver
    }

    /// The `type` attribute values of `<domain>` this driver accepts; the first is the default.
    public var domainTypes: [String] {
        switch self {
        case .qemu: ["qemu", "kvm"]
        case .lxc: ["lxc"]
        case .xen: ["xen"]
        case .esx: ["vmware"]
        case .bhyve: ["bhyve"]
        case .test: ["test"]
        }
    }

    /// The name of this driver's built-in domain template, e.g. `domain-qemu`.
    public var domainTemplateName: String { "domain-\(rawValue)" }
}

/// The kind of libvirt object a template describes.
public enum DocumentKind: String, Sendable, Hashable, CaseIterable {
    case domain, network, pool, volume

    /// The schema name `virt-xml-validate` takes for this kind (libvirt's `NAME.rng`).
    public var schemaName: String {
        switch self {
        case .domain: "domain"
        case .network: "network"
        case .pool: "storagepool"
        case .volume: "storagevol"
        }
    }
}
