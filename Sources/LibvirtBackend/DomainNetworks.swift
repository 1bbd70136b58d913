/// What a domain document says about the libvirt networks it joins. Plain text scanning of the
/// XML libvirt itself wrote (or bluevirt rendered), so no XML library is needed.
public enum DomainNetworks {
    /// The libvirt networks the domain's `<interface type='network'>` elements name, in order.
    public static func interfaceNetworks(in xml: String) -> [String] {
        var networks: [String] = []
        var rest = xml[...]
        while let start = rest.range(of: "<interface") {
            let tail = rest[start.upperBound...]
            guard let end = tail.range(of: "</interface>") else { break }
            let element = tail[..<end.lowerBound]
            let opening = element.prefix { $0 != ">" }
            if opening.contains("type=\"network\"") || opening.contains("type='network'"),
               let source = element.range(of: "<source network=") {
                let quoted = element[source.upperBound...]
                if let quote = quoted.first, let close = quoted.dropFirst().firstIndex(of: quote) {
                    networks.append(String(quoted[quoted.index(after: quoted.startIndex)..<close]))
                }
            }
            rest = tail[end.upperBound...]
        }
        return networks
    }

    /// Whether a network document has an IPv4 `<ip>` element (no `family`, or `family='ipv4'`).
    public static func hasIPv4Address(networkXML xml: String) -> Bool {
        var rest = xml[...]
        while let start = rest.range(of: "<ip ") ?? rest.range(of: "<ip>") {
            let tail = rest[start.upperBound...]
            let opening = tail.prefix { $0 != ">" }
            if !opening.contains("family='ipv6'") && !opening.contains("family=\"ipv6\"") { return true }
            rest = tail
        }
        return false
    }
}
