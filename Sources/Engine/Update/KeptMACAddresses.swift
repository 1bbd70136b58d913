/// A domain defined again keeps the MAC addresses libvirt gave its interfaces: a document whose
/// interfaces name no MAC would get new random ones, and with them new DHCP leases (new
/// addresses) for every restarted guest.
enum KeptMACAddresses {
    /// `document` with each `<interface>` that has no `<mac>` given the MAC of the interface at
    /// the same position in `previous` (the domain's definition before).
    static func apply(from previous: String, to document: String) -> String {
        guard let old = XMLElementTree.parse(previous) else { return document }
        let macs = old.children.filter { $0.name == "devices" }.flatMap(\.children).filter { $0.name == "interface" }
            .map { $0.children.first { $0.name == "mac" }?.attribute("address") }
        guard macs.contains(where: { $0 != nil }) else { return document }
        var result = ""
        var rest = Substring(document)
        var position = 0
        while let start = rest.firstRange(of: "<interface") {
            // `<interface` followed by a space or `>`, not `<interfaces`.
            let after = rest[start.upperBound...].first
            guard after == " " || after == ">" || after == "\n" || after == "\t",
                  let open = rest[start.upperBound...].firstIndex(of: ">"),
                  let close = rest[open...].firstRange(of: "</interface>") else {
                result += rest[..<start.upperBound]
                rest = rest[start.upperBound...]
                continue
            }
            let body = rest[rest.index(after: open)..<close.lowerBound]
            result += rest[...open]
            if !body.contains("<mac "), position < macs.count, let mac = macs[position] {
                result += "<mac address='\(mac)'/>"
            }
            position += 1
            rest = rest[rest.index(after: open)...]
        }
        return result + rest
    }
}
