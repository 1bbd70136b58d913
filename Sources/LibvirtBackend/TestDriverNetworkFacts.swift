import CLibvirt
import Synchronization

/// What bluevirt reads of a test driver network (`--simulate`) at each domain start and address
/// query: whether it exists, whether it has an IPv4 address (``TestDriverAddressGap``) and its
/// DHCP range (``SimulatedDHCP``).
///
/// Each network's facts are kept, per URI, until this process changes a network of that URI
/// (define, destroy, undefine): a test world lives in this process, so nothing else changes it.
/// libvirt finds a network by name by going through all of them, and its XML is formatted anew
/// at each read: at 10,000 domains on 1,000 networks, reading them at every start and query was
/// over a tenth of apply's time (docs/performance.md, nineteenth round).
enum TestDriverNetworkFacts {
    struct Facts: Sendable {
        var exists: Bool
        var hasIPv4: Bool
        /// The IPv4 DHCP range the simulated DHCP leases from; nil without one.
        var range: SimulatedNetworkRange?
    }

    /// By URI, then network name.
    private static let known = Mutex<[String: [String: Facts]]>([:])

    /// The facts of network `name` on the test connection `connection`. Runs on a libvirt thread.
    static func of(_ name: String, on connection: LibvirtConnection) throws(LibvirtError) -> Facts {
        if let facts = known.withLock({ $0[connection.uri]?[name] }) { return facts }
        let facts: Facts
        if let network = virNetworkLookupByName(connection.pointer, name) {
            defer { virNetworkFree(network) }
            let xml = try LibvirtCall.takeString(virNetworkGetXMLDesc(network, 0), "virNetworkGetXMLDesc")
            facts = Facts(exists: true, hasIPv4: DomainNetworks.hasIPv4Address(networkXML: xml),
                          range: SimulatedNetworkRange.parse(networkXML: xml))
        } else {
            virResetLastError()
            facts = Facts(exists: false, hasIPv4: false, range: nil)
        }
        known.withLock { $0[connection.uri, default: [:]][name] = facts }
        return facts
    }

    /// Forgets the facts for `uri`: one of its networks was defined, stopped or removed.
    static func forget(uri: String) {
        _ = known.withLock { $0.removeValue(forKey: uri) }
    }
}
