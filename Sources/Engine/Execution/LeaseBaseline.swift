import LibvirtBackend

/// The DHCP leases a domain's MAC addresses held just before bluevirt started it. A domain
/// defined again keeps its MACs, so after a restart (update, `run restart`, heal) the network's
/// lease table still has the old guest's lease: without this, the address wait would report
/// that address before the new guest has booted. A lease counts once dnsmasq granted or renewed
/// it after the start, which moves its expiry time past the one recorded here.
struct LeaseBaseline: Sendable {
    /// The latest lease expiry (seconds since the epoch) of each MAC, lower case, before the start.
    var expiries: [String: Int64] = [:]
    /// Each MAC's network, to read its lease table again while waiting.
    var networks: [String: LibvirtNetwork] = [:]

    /// Reads the lease tables of the networks the domain document joins. A network or driver
    /// without a lease table (the test driver) leaves its MACs out: nothing is filtered for them.
    static func taken(domainXML: String, on connection: LibvirtConnection) async -> LeaseBaseline {
        var baseline = LeaseBaseline()
        for interface in DomainNetworks.networkInterfaces(in: domainXML) {
            guard let mac = interface.mac,
                  let network = try? await connection.network(named: interface.network),
                  let leases = try? await network.dhcpLeases(macAddress: mac) else { continue }
            baseline.networks[mac] = network
            if let latest = leases.map(\.expiryTime).max() { baseline.expiries[mac] = latest }
        }
        return baseline
    }

    /// Whether a MAC's lease, whose expiry times are now `current`, is still the one it held
    /// before the start: it had one then, and none has been granted or renewed since. A lease
    /// that never expires (`<lease expiry='0'/>`, expiry time 0) cannot be dated: it counts.
    static func isStale(before: Int64?, current: [Int64]) -> Bool {
        guard let before, before > 0 else { return false }
        return (current.max() ?? before) <= before
    }

    /// `found` (what the lease source reported) without the addresses of interfaces whose lease
    /// predates the start.
    func fresh(_ found: [DomainInterface]) async -> [DomainInterface] {
        guard !expiries.isEmpty else { return found }
        var result: [DomainInterface] = []
        for var interface in found {
            // A lease table that cannot be read now filters nothing: the wait must not hang on it.
            if let mac = interface.hardwareAddress?.lowercased(), let before = expiries[mac], let network = networks[mac],
               let current = try? await network.dhcpLeases(macAddress: mac),
               Self.isStale(before: before, current: current.map(\.expiryTime)) {
                interface.addresses = []
            }
            result.append(interface)
        }
        return result
    }
}
