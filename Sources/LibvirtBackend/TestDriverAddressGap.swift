import CLibvirt

/// libvirt 9's test driver invents an address from the IPv4 range of each network a domain
/// joins, and dereferences a NULL range (the process dies with SIGSEGV, `virsh domifaddr` too)
/// when such a network has no IPv4 `<ip>`. ``LibvirtDomain/interfaceAddresses(source:networks:)``
/// refuses before calling it. The answer for each network is kept (``TestDriverNetworkFacts``):
/// reading the network's XML at every address query cost about 90,000 instructions per domain
/// in `apply --simulate` (docs/performance.md, ninth round).
enum TestDriverAddressGap {
    /// Throws ``LibvirtError/Code/configUnsupported`` if one of `networks` (the networks the
    /// domain `domain` joins) has no IPv4 address. Runs on a libvirt thread.
    static func requireIPv4(on networks: [String], domain: String, connection: LibvirtConnection) throws(LibvirtError) {
        // A network that does not exist is reported by libvirt itself, without crashing.
        for name in networks {
            let facts = try TestDriverNetworkFacts.of(name, on: connection)
            guard facts.exists, !facts.hasIPv4 else { continue }
            throw LibvirtError(
                code: .configUnsupported, domain: .test,
                message: "network '\(name)' of domain '\(domain)' has no IPv4 address, so no guest on it can get one; "
                    + "give the network an IPv4 address with a DHCP range (params.ips), or set wait_for_ip: false",
                operation: "virDomainInterfaceAddresses")
        }
    }
}
