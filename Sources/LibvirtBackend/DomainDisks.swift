/// The disks a domain document has: plain text scanning of the XML libvirt wrote, as
/// ``DomainNetworks`` does, so no XML library is needed.
public enum DomainDisks {
    public struct Disk: Sendable, Hashable {
        /// `<target dev=…>`: the name a snapshot document gives the disk.
        public var target: String
        /// `<driver type=…>`: `qcow2`, `raw`, …; empty when the document says none.
        public var format: String
        /// The `device` attribute: `disk`, `cdrom`, …
        public var device: String
        /// `<readonly/>`: libvirt leaves a read-only disk out of snapshots by itself.
        public var readonly = false
        /// The `snapshot` attribute (`no`, `internal`, `external`); nil when the document says none.
        public var snapshot: String?
    }

    /// The `<disk>` elements of `xml` that have a target, in order.
    public static func of(_ xml: String) -> [Disk] {
        XMLElementScan.elements("disk", in: xml).compactMap { element in
            guard let target = attribute("dev", of: "<target", in: element) else { return nil }
            let opening = XMLElementScan.opening(of: element)
            return Disk(target: target, format: attribute("type", of: "<driver", in: element) ?? "",
                        device: value(of: "device", in: opening) ?? "disk", readonly: element.firstRange(ofASCII: "<readonly") != nil,
                        snapshot: value(of: "snapshot", in: opening))
        }
    }

    /// The attribute `name` of the first `element` (an opening such as `<target`) in `text`.
    private static func attribute(_ name: String, of element: String, in text: Substring) -> String? {
        guard let start = text.firstRange(ofASCII: element + " ") else { return nil }
        return value(of: name, in: text[start.upperBound...].prefix { $0 != ">" })
    }

    private static func value(of name: String, in opening: Substring) -> String? {
        for quote in ["'", "\""] {
            if let start = opening.firstRange(ofASCII: " \(name)=\(quote)") ?? (opening.hasPrefix("\(name)=\(quote)") ? opening.firstRange(ofASCII: "\(name)=\(quote)") : nil) {
                let rest = opening[start.upperBound...]
                if let close = rest.firstIndex(of: Character(quote)) { return String(rest[..<close]) }
            }
        }
        return nil
    }
}
