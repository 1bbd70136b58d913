import CLibvirt

/// Where `virDomainInterfaceAddresses` looks for a guest's addresses.
public enum InterfaceAddressSource: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The DHCP lease table of libvirt's own networks.
    case lease
    /// The QEMU guest agent inside the guest.
    case agent
    /// The host's ARP table.
    case arp

    var cValue: UInt32 {
        switch self {
        case .lease: VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE.rawValue
        case .agent: VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT.rawValue
        case .arp: VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP.rawValue
        }
    }

    public var description: String {
        switch self {
        case .lease: "lease"
        case .agent: "agent"
        case .arp: "arp"
        }
    }
}

/// The family of an IP address.
public enum IPAddressFamily: Sendable, Hashable {
    case ipv4
    case ipv6
}

/// One address of a guest interface, e.g. 192.168.122.2/24.
public struct InterfaceAddress: Sendable, Hashable {
    public var address: String
    public var prefix: UInt32
    public var family: IPAddressFamily

    public init(address: String, prefix: UInt32, family: IPAddressFamily) {
        self.address = address
        self.prefix = prefix
        self.family = family
    }
}

/// One network interface of a guest with the addresses a source reported for it.
public struct DomainInterface: Sendable, Hashable {
    /// The interface's name as the source knows it (host tap name for leases, e.g. "vnet0";
    /// the guest's name, e.g. "eth0", for the agent).
    public var name: String
    /// The MAC address, e.g. "52:54:00:8f:1a:2b", when the source knows it.
    public var hardwareAddress: String?
    public var addresses: [InterfaceAddress]

    public init(name: String, hardwareAddress: String?, addresses: [InterfaceAddress]) {
        self.name = name
        self.hardwareAddress = hardwareAddress
        self.addresses = addresses
    }

    /// Copies a C interface record; the caller still frees it.
    init(_ raw: virDomainInterface) {
        name = raw.name.map { String(cString: $0) } ?? ""
        hardwareAddress = raw.hwaddr.map { String(cString: $0) }
        addresses = (0..<Int(raw.naddrs)).compactMap { index in
            guard let entry = raw.addrs?[index], let text = entry.addr else { return nil }
            let family: IPAddressFamily = entry.type == Int32(VIR_IP_ADDR_TYPE_IPV6.rawValue) ? .ipv6 : .ipv4
            return InterfaceAddress(address: String(cString: text), prefix: entry.prefix, family: family)
        }
    }
}
