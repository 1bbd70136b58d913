import CLibvirt
import Synchronization

/// libvirt 9's test driver invents an address from the IPv4 range of each network a domain
/// joins, and dereferences a NULL range (the process dies with SIGSEGV, `virsh domifaddr` too)
/// when such a network has no IPv4 `<ip>`. ``LibvirtDomain/interfaceAddresses(source:networks:)``
/// refuses before calling it.
///
/// Each network's answer is kept, per URI, until this process changes a network of that URI
/// (define, destroy, undefine): a test world lives in this process, so nothing else changes it.
/// Reading the network's XML at every address query cost about 90,000 instructions per domain
/// in `apply --simulate` (docs/performance.md, ninth round).
enum TestDriverAddressGap {
    /// Whether each network has an IPv4 address, by URI and then network name.
    private static let answers = Mutex<[String: [String: Bool]]>([:])

    /// Throws ``LibvirtError/Code/configUnsupported`` if one of `networks` (the networks the
    /// domain `domain` joins) has no IPv4 address. Runs on a libvirt thread.
    static func requireIPv4(on networks: [String], domain: String, connection: LibvirtConnection) throws(LibvirtError) {
        for name in networks where try !hasIPv4(name, on: connection) {
            throw LibvirtError(
                code: .configUnsupported, domain: .test,
                message: "network '\(name)' of domain '\(domain)' has no IPv4 address, so no guest on it can get one; "
                    + "give the network an IPv4 address with a DHCP range (params.ips), or set wait_for_ip: false",
                operation: "virDomainInterfaceAddresses")
        }
    }

    /// Forgets the answers for `uri`: one of its networks was defined, stopped or removed.
    static func forgetNetworks(of uri: String) {
        _ = answers.withLock { $0.removeValue(forKey: uri) }
    }

    private static func hasIPv4(_ name: String, on connection: LibvirtConnection) throws(LibvirtError) -> Bool {
        if let known = answers.withLock({ $0[connection.uri]?[name] }) { return known }
        // A network that does not exist is reported by libvirt itself, without crashing.
        guard let network = virNetworkLookupByName(connection.pointer, name) else {
            virResetLastError()
            return true
        }
        defer { virNetworkFree(network) }
        let xml = try LibvirtCall.takeString(virNetworkGetXMLDesc(network, 0), "virNetworkGetXMLDesc")
        let answer = DomainNetworks.hasIPv4Address(networkXML: xml)
        answers.withLock { $0[connection.uri, default: [:]][name] = answer }
        return answer
    }
}
