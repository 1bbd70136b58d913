import Platform

/// The leases of the simulated DHCP (``SimulatedDHCP``) of one test driver world: per network,
/// the address each running domain's interface holds, and the address granted last. The table
/// of a world file that has a lease file beside it (`PATH.xml.leases`, made by
/// ``keepLeases(ofWorld:)`` for bluevirt's simulated worlds; other world files, such as test
/// fixtures, are not written to) is kept there as a log of grants and releases, one JSON record a
/// line, appended as they happen (a world of 10,000 domains grants 10,000 leases in one apply),
/// and written again without the superseded records when it is loaded.
public struct SimulatedLeaseTable: Sendable {
    struct Lease: Codable, Sendable, Equatable {
        var network: String
        var address: UInt32
        var mac: String
        var domain: String
    }

    enum Record: Codable, Sendable {
        case grant(lease: Lease)
        case release(domain: String)
    }

    /// Per network, the lease of each leased address.
    private(set) var leases: [String: [UInt32: Lease]] = [:]
    /// Per domain, the leases it holds: what a start's release and a held lease look up, without
    /// going through every network's leases (a world of 10,000 domains starts 10,000 of them).
    private var leasesOfDomain: [String: [Lease]] = [:]
    /// Per network, the address granted last: the next grant looks after it.
    private(set) var latest: [String: UInt32] = [:]
    /// Where the log is kept; nil for a world that lives in memory only (`test:///default`).
    let file: String?

    /// Makes the world file at `path` keep its leases beside it, if it does not yet.
    public static func keepLeases(ofWorld path: String) throws(WorldFileError) {
        let file = path + ".leases"
        if access(file, F_OK) != 0 { try WorldFile.writeAtomically("", to: file) }
    }

    /// The table of the world `uri`, from its lease file when it has one.
    static func load(uri: String) -> SimulatedLeaseTable {
        guard uri.hasPrefix("test:///"), uri.hasSuffix(".xml") else { return SimulatedLeaseTable(file: nil) }
        let path = String(uri.dropFirst("test://".count)) + ".leases"
        guard let data = FileManager.default.contents(atPath: path) else { return SimulatedLeaseTable(file: nil) }
        var table = SimulatedLeaseTable(file: path)
        let decoder = JSONDecoder()
        // A line cut short by a kill is the last one; it and anything unreadable are skipped.
        for line in data.split(separator: UInt8(ascii: "\n")) {
            if let record = try? decoder.decode(Record.self, from: Data(line)) { table.apply(record) }
        }
        let compacted = table.records.map(Self.line).joined()
        if compacted.utf8.count < data.count { try? WorldFile.writeAtomically(compacted, to: path) }
        return table
    }

    /// The lease `mac` of `domain` holds on `network`, if any.
    func lease(of domain: String, mac: String, on network: String) -> Lease? {
        leasesOfDomain[domain]?.first { $0.network == network && $0.mac == mac }
    }

    /// Records `record` and appends it to the log; a release of a domain that holds no lease
    /// changes nothing and is not written.
    mutating func record(_ record: Record) throws(WorldFileError) {
        if case .release(let domain) = record, leasesOfDomain[domain] == nil { return }
        apply(record)
        guard let file else { return }
        try WorldFile.append(Array(Self.line(record).utf8), to: file)
    }

    private mutating func apply(_ record: Record) {
        switch record {
        case .grant(let lease):
            // An interface holds one lease per network, and an address is leased to one interface.
            if let held = self.lease(of: lease.domain, mac: lease.mac, on: lease.network) { remove(held) }
            if let holder = leases[lease.network]?[lease.address] { remove(holder) }
            leases[lease.network, default: [:]][lease.address] = lease
            leasesOfDomain[lease.domain, default: []].append(lease)
            latest[lease.network] = lease.address
        case .release(let domain):
            for lease in leasesOfDomain[domain] ?? [] { leases[lease.network]?[lease.address] = nil }
            leasesOfDomain[domain] = nil
        }
    }

    private mutating func remove(_ lease: Lease) {
        leases[lease.network]?[lease.address] = nil
        leasesOfDomain[lease.domain]?.removeAll { $0 == lease }
        if leasesOfDomain[lease.domain]?.isEmpty == true { leasesOfDomain[lease.domain] = nil }
    }

    /// What the table holds, as the records that make it: the leases, each network's latest
    /// grant last, so that loading them gives the same `latest` (when that lease was released
    /// since, the next grant looks after the highest one held instead).
    private var records: [Record] {
        leases.keys.sorted().flatMap { network -> [Record] in
            let held = (leases[network] ?? [:]).sorted { $0.key < $1.key }
            let last = latest[network]
            return (held.filter { $0.key != last } + held.filter { $0.key == last }).map { .grant(lease: $0.value) }
        }
    }

    private static func line(_ record: Record) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(record)) ?? Data(), as: UTF8.self) + "\n"
    }
}
