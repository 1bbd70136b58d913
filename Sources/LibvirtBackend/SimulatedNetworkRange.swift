/// The IPv4 DHCP range of a test driver network and its prefix length, as ``SimulatedDHCP``
/// leases from it.
struct SimulatedNetworkRange: Sendable, Equatable {
    var first: UInt32
    var last: UInt32
    var prefix: UInt32

    func contains(_ address: UInt32) -> Bool { (first...last).contains(address) }

    /// The range of the first IPv4 `<ip>` element of a network document with a `<range>`.
    static func parse(networkXML xml: String) -> SimulatedNetworkRange? {
        for element in XMLElementScan.elements("ip", in: xml) {
            let opening = XMLElementScan.opening(of: element)
            if opening.containsASCII("family='ipv6'") || opening.containsASCII("family=\"ipv6\"") { continue }
            guard let found = element.firstRange(ofASCII: "<range ") else { continue }
            let range = element[found.lowerBound...].prefix { $0 != ">" }
            guard let first = XMLElementScan.quotedValue(after: " start=", in: range).flatMap(number),
                  let last = XMLElementScan.quotedValue(after: " end=", in: range).flatMap(number),
                  first <= last else { continue }
            var prefix: UInt32 = 24
            if let given = XMLElementScan.quotedValue(after: " prefix=", in: opening).flatMap({ UInt32($0) }) {
                prefix = given
            } else if let mask = XMLElementScan.quotedValue(after: " netmask=", in: opening).flatMap(number) {
                prefix = UInt32(mask.nonzeroBitCount)
            }
            return SimulatedNetworkRange(first: first, last: last, prefix: prefix)
        }
        return nil
    }

    /// `a.b.c.d` as a number; nil for anything else.
    static func number(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    static func text(of address: UInt32) -> String {
        [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }
}
