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
        XMLElementScan.elements("interface", in: xml).compactMap { element in
            let opening = XMLElementScan.opening(of: element)
            guard opening.containsASCII("type=\"network\"") || opening.containsASCII("type='network'"),
                  let network = XMLElementScan.quotedValue(after: "<source network=", in: element) else { return nil }
            return (network, XMLElementScan.quotedValue(after: "<mac address=", in: element)?.lowercased())
        }
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
