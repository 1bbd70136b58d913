import CLibvirt
import Synchronization

/// The DHCP server of libvirt's test driver networks (`--simulate`), as dnsmasq would be.
///
/// The test driver invents a guest's address from the domain's id (range start + 1 + 20 × (id −
/// 1), past the range's end and the subnet too), and a process that loads a world numbers its
/// running domains afresh: a domain that kept running then reports another address than the one
/// bluevirt recorded, and a domain started later can be handed that recorded address again
/// (two running domains on one network with one address). So on test connections bluevirt
/// answers from a lease table of its own (``SimulatedLeaseTable``, kept beside a world file):
/// - a domain that runs keeps its lease, in this process and the next;
/// - each start of a domain (``release(domain:uri:)``) ends its leases, and its next address is
///   the next one of the network's DHCP range, after the one granted last, that no running domain
///   holds, so a restart or heal gives a new address, never one a running domain has;
/// - a range with every address held by running domains gives none: the start fails at once.
/// A network whose IPv4 `<ip>` has no DHCP range keeps the test driver's invented address.
enum SimulatedDHCP {
    /// Per test URI, its lease table, read from its log on first use.
    private static let tables = Mutex<[String: SimulatedLeaseTable]>([:])

    /// `interfaces`, the test driver's answer for `domain`, with the address of each interface on
    /// a network with a DHCP range replaced by its lease. Runs on a libvirt thread.
    static func leased(_ interfaces: [DomainInterface], of domain: LibvirtDomain) throws(LibvirtError) -> [DomainInterface] {
        let connection = domain.connection
        let xml = try LibvirtCall.takeString(virDomainGetXMLDesc(domain.pointer, 0), "virDomainGetXMLDesc")
        var networkOfMAC: [String: String] = [:]
        for interface in DomainNetworks.networkInterfaces(in: xml) {
            if let mac = interface.mac { networkOfMAC[mac] = interface.network }
        }
        var result: [DomainInterface] = []
        for var interface in interfaces {
            if let mac = interface.hardwareAddress?.lowercased(), let network = networkOfMAC[mac],
               let range = try TestDriverNetworkFacts.of(network, on: connection).range {
                let address = try lease(for: domain.name, mac: mac, network: network, range: range, connection: connection)
                interface.addresses = interface.addresses.filter { $0.family != .ipv4 }
                    + [InterfaceAddress(address: SimulatedNetworkRange.text(of: address), prefix: range.prefix, family: .ipv4)]
            }
            result.append(interface)
        }
        return result
    }

    /// Ends the leases of `domain` on the world `uri`: it is starting, and a guest that boots
    /// asks for an address again.
    static func release(domain: String, uri: String) throws(LibvirtError) {
        try withTable(uri) { table throws(LibvirtError) in
            do throws(WorldFileError) {
                try table.record(.release(domain: domain))
            } catch {
                throw LibvirtError(code: .internalError, domain: .test, message: error.description, operation: "virDomainCreate")
            }
        }
    }

    /// The address `mac` of `domain` leases on `network`: the one it holds, else a new one.
    private static func lease(for domain: String, mac: String, network: String, range: SimulatedNetworkRange,
                              connection: LibvirtConnection) throws(LibvirtError) -> UInt32 {
        try withTable(connection.uri) { table throws(LibvirtError) -> UInt32 in
            if let held = table.lease(of: domain, mac: mac, on: network), range.contains(held.address) { return held.address }
            let size = UInt64(range.last - range.first) + 1
            let after = table.latest[network].flatMap { range.contains($0) ? UInt64($0 - range.first) + 1 : nil } ?? 0
            for step in 0..<size {
                let address = range.first + UInt32((after + step) % size)
                if let holder = table.leases[network]?[address], holder.domain != domain, isRunning(holder.domain, on: connection) { continue }
                do throws(WorldFileError) {
                    try table.record(.grant(lease: .init(network: network, address: address, mac: mac, domain: domain)))
                } catch {
                    throw LibvirtError(code: .internalError, domain: .test, message: error.description, operation: "virDomainInterfaceAddresses")
                }
                return address
            }
            throw LibvirtError(
                code: .configUnsupported, domain: .test,
                message: "every address of the DHCP range \(SimulatedNetworkRange.text(of: range.first))-\(SimulatedNetworkRange.text(of: range.last)) "
                    + "of network '\(network)' is held by a running domain, so domain '\(domain)' gets none; "
                    + "widen the range (params.ips dhcp start and end) or run fewer domains on the network",
                operation: "virDomainInterfaceAddresses")
        }
    }

    /// Runs `body` on the lease table of `uri`, read from its log on first use. The table is
    /// changed where it is kept: a copy taken out and put back would copy every lease of the
    /// world at each change (a world of 10,000 domains makes 20,000 changes in one apply).
    private static func withTable<Result>(
        _ uri: String, _ body: (inout SimulatedLeaseTable) throws(LibvirtError) -> Result
    ) throws(LibvirtError) -> Result {
        try tables.withLock { tables throws(LibvirtError) -> Result in
            if tables[uri] == nil { tables[uri] = SimulatedLeaseTable.load(uri: uri) }
            return try body(&tables[uri]!)
        }
    }

    private static func isRunning(_ name: String, on connection: LibvirtConnection) -> Bool {
        guard let handle = virDomainLookupByName(connection.pointer, name) else {
            virResetLastError()
            return false
        }
        defer { virDomainFree(handle) }
        return virDomainIsActive(handle) == 1
    }
}
