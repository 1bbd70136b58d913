/// What a domain document says about the libvirt networks it joins. Plain text scanning of the
/// XML libvirt itself wrote (or bluevirt rendered), so no XML library is needed.
public enum DomainNetworks {
    /// The libvirt networks the domain's `<interface type='network'>` elements name, in order.
    public static func interfaceNetworks(in xml: String) -> [String] {
        networkInterfaces(in: xml).map(\.network)
    }

    /// The domain's `<interface type='network'>` elements, in order: the network each names and
    /// its `<mac address>` (libvirt writes one into every defined domain; a rendered document
    /// may have none).
    public static func networkInterfaces(in xml: String) -> [(network: String, mac: String?)] {
        var interfaces: [(network: String, mac: String?)] = []
        var rest = xml[...]
        while let start = rest.firstRange(ofASCII: "<interface") {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstRange(ofASCII: "</interface>") else { break }
            let element = tail[..<end.lowerBound]
            let opening = element.prefix { $0 != ">" }
            if opening.containsASCII("type=\"network\"") || opening.containsASCII("type='network'"),
               let network = quotedValue(after: "<source network=", in: element) {
                interfaces.append((network, quotedValue(after: "<mac address=", in: element)?.lowercased()))
            }
            rest = tail[end.upperBound...]
        }
        return interfaces
    }

    private static func quotedValue(after prefix: String, in element: Substring) -> String? {
        guard let found = element.firstRange(ofASCII: prefix) else { return nil }
        let quoted = element[found.upperBound...]
        guard let quote = quoted.first, quote == "'" || quote == "\"", let close = quoted.dropFirst().firstIndex(of: quote) else { return nil }
        return String(quoted[quoted.index(after: quoted.startIndex)..<close])
    }

    /// Whether a network document has an IPv4 `<ip>` element (no `family`, or `family='ipv4'`).
    public static func hasIPv4Address(networkXML xml: String) -> Bool {
        var rest = xml[...]
        while let start = rest.firstRange(ofASCII: "<ip ") ?? rest.firstRange(ofASCII: "<ip>") {
            let tail = rest[start.upperBound...]
            let opening = tail.prefix { $0 != ">" }
            if !opening.containsASCII("family='ipv6'") && !opening.containsASCII("family=\"ipv6\"") { return true }
            rest = tail
        }
        return false
    }
}
