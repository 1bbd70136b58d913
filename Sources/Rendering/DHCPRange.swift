/// A DHCP range must lie inside its network: libvirt refuses the network otherwise ("range …
/// is not entirely within network"), and for IPv4 it may not start at the network's own
/// address nor end at its broadcast address.
enum DHCPRange {
    /// The network of an ip entry: its address as given, that address's bytes, and the prefix.
    struct Network {
        let address: String
        let bytes: [UInt8]
        let prefix: Int

        /// The network's own address and its broadcast address, for IPv4.
        var ends: (network: UInt32, broadcast: UInt32)? {
            guard bytes.count == 4 else { return nil }
            let mask = prefix == 0 ? 0 : UInt32.max << (32 - prefix)
            return (DHCPRange.number(bytes) & mask, DHCPRange.number(bytes) | ~mask)
        }

        /// What to write instead of an address outside the network.
        var fix: String {
            if let ends, ends.broadcast - ends.network >= 2 {
                return "use addresses from \(DHCPRange.dotted(ends.network + 1)) to \(DHCPRange.dotted(ends.broadcast - 1))"
            }
            return "use addresses whose first \(prefix) bits are those of \(address)"
        }
    }

    /// Reports `start` and `end` (in `reader`, the `dhcp` mapping) where they are outside
    /// `network`, or are its network or broadcast address. Values that are not addresses were
    /// reported already; those known only at run time are not addresses yet.
    static func checkWithin(_ network: Network, start: String?, end: String?, reader: ParameterReader) {
        for (key, value) in [("start", start), ("end", end)] {
            guard let value, let bytes = ValueChecks.addressBytes(value), bytes.count == network.bytes.count else { continue }
            if !ValueChecks.isInNetwork(bytes, network: network.bytes, prefix: network.prefix) {
                reader.error(.invalidIPAddress, "the DHCP range \(key) \(value) is outside the network \(network.address)/\(network.prefix)",
                             at: key, notes: [network.fix, "or change the ip entry's address, netmask or prefix"])
            } else if let ends = network.ends, key == "start" ? number(bytes) == ends.network : number(bytes) == ends.broadcast {
                reader.error(.invalidIPAddress,
                             "the DHCP range \(key) \(value) is the \(key == "start" ? "network's own" : "network's broadcast") address",
                             at: key, notes: [network.fix])
            }
        }
    }

    private static func number(_ bytes: [UInt8]) -> UInt32 { bytes.reduce(0) { $0 << 8 | UInt32($1) } }
    private static func dotted(_ number: UInt32) -> String {
        (0..<4).map { String(number >> (24 - 8 * $0) & 0xff) }.joined(separator: ".")
    }
}
