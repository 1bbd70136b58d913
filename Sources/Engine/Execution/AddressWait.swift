import LibvirtBackend

/// How `start` waits for a domain's addresses (`wait_for_ip`): polls
/// virDomainInterfaceAddresses in the order of `sources` until every interface on a libvirt
/// network has an IPv4 address, or `timeout` passes. Sleeping suspends the task only.
public struct AddressWait: Sendable {
    public var sources: [InterfaceAddressSource]
    public var timeout: Duration
    public var pollInterval: Duration

    public init(sources: [InterfaceAddressSource] = [.lease, .agent, .arp], timeout: Duration = .seconds(300),
                pollInterval: Duration = .milliseconds(500)) {
        self.sources = sources
        self.timeout = timeout
        self.pollInterval = pollInterval
    }

    /// The interfaces with their addresses once `expected` of them have an IPv4 address.
    /// Leases that `baseline` says predate the domain's start do not count (see ``LeaseBaseline``).
    /// `networks` are the ones the domain's document joins; `documentDefined`: the domain was
    /// defined from that document, so libvirt need not be asked which networks it joins.
    func addresses(of domain: LibvirtDomain, expected: Int, networks: [String], documentDefined: Bool = false,
                   baseline: LeaseBaseline = LeaseBaseline()) async throws -> [DomainInterface] {
        let knownNetworks = documentDefined ? networks : nil
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var best: [DomainInterface] = []
        while true {
            for source in sources {
                var found: [DomainInterface]
                do {
                    found = try await domain.interfaceAddresses(source: source, networks: knownNetworks)
                } catch where error.code == .configUnsupported || error.isConnectionLost {
                    // The domain's configuration can never yield an address (a network without
                    // IPv4), or its host is gone: waiting longer would not help.
                    throw error
                } catch {
                    // A source this driver or guest cannot answer (no agent, no lease table): try the next.
                    continue
                }
                if source == .lease { found = await baseline.fresh(found) }
                let withIPv4 = found.filter { $0.addresses.contains { $0.family == .ipv4 } }
                if withIPv4.count >= expected { return found }
                if withIPv4.count > best.count { best = found }
            }
            if clock.now >= deadline { break }
            try await Task.sleep(for: pollInterval, clock: clock)
        }
        let have = best.filter { $0.addresses.contains { $0.family == .ipv4 } }.count
        throw BackendProblem("""
            domain '\(domain.name)' has an IPv4 address on \(have) of its \(expected) interface\(expected == 1 ? "" : "s") on \
            libvirt network\(networks.count == 1 ? "" : "s") \(networks.map { "'\($0)'" }.joined(separator: ", ")) after \
            \(timeout) (asked: \(sources.map(\.description).joined(separator: ", "))); check the network's DHCP range, \
            that the guest runs a DHCP client, and for 'agent' that the QEMU guest agent runs in it
            """)
    }
}
