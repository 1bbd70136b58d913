import Platform
import Diagnostics

/// Checks of single values that libvirt would reject (or, worse, misread), done before
/// rendering so the user sees the parameter that is wrong instead of a libvirt error.
public enum ValueChecks {
    /// Why a name cannot be a libvirt object name, or nil when it can.
    public static func problem(withObjectName name: String) -> String? {
        // Byte and scalar-value tests, not Foundation's substring search or Unicode property
        // lookups: every object of a dry-run passes here.
        if name.utf8.contains(UInt8(ascii: "/")) { return "contains '/', which libvirt uses to build file paths" }
        if name.hasPrefix(".") { return "starts with '.', which would hide libvirt's files" }
        if name.unicodeScalars.contains(where: isControl) { return "contains a control character" }
        if name.utf8.count > 200 { return "is longer than 200 bytes" }
        return nil
    }

    /// Unicode's control characters (general category Cc): C0, DEL and C1.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A MAC address as libvirt writes it (six hex pairs separated by ':'), lowercased; nil
    /// when the text is not one.
    public static func normalizedMAC(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts.allSatisfy({ $0.count == 2 && UInt8($0, radix: 16) != nil }) else { return nil }
        return text.lowercased()
    }

    /// A unicast MAC: the low bit of the first octet (the group bit) is clear.
    static func isMulticastMAC(_ mac: String) -> Bool {
        guard let first = UInt8(mac.prefix(2), radix: 16) else { return false }
        return first & 1 == 1
    }

    static func isIPv4(_ text: String) -> Bool { ipv4Number(text) != nil }

    /// A dotted IPv4 address as a number (192.168.0.1 is 0xC0A80001); nil when the text is not
    /// four parts of one to three ASCII digits, each at most 255 and without a leading zero.
    /// Read by byte: splitting into Characters cost 19,000 instructions an address, and every
    /// network's address, netmask and DHCP range pass here.
    static func ipv4Number(_ text: String) -> UInt32? {
        var number: UInt32 = 0
        var parts = 0
        var part: UInt32 = 0
        var digits = 0
        var leadingZero = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                number = number << 8 | part
                parts += 1
                part = 0
                digits = 0
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 3, !leadingZero else { return nil }
                leadingZero = digits == 0 && byte == UInt8(ascii: "0")
                part = part * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard part <= 255 else { return nil }
                continue
            }
            leadingZero = false
        }
        guard parts == 3, digits > 0 else { return nil }
        return number << 8 | part
    }

    static func isIPv6(_ text: String) -> Bool {
        guard text.utf8.contains(UInt8(ascii: ":")), text.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }) else {
            return false
        }
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address, most significant first; nil for anything else.
    static func addressBytes(_ text: String) -> [UInt8]? {
        if let number = ipv4Number(text) { return (0..<4).map { UInt8(truncatingIfNeeded: number >> (24 - 8 * $0)) } }
        guard isIPv6(text) else { return nil }
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    /// Whether `address` lies in the network of `network` with a prefix of `prefix` bits: the
    /// same family and the same first `prefix` bits.
    static func isInNetwork(_ address: [UInt8], network: [UInt8], prefix: Int) -> Bool {
        guard address.count == network.count, (0...address.count * 8).contains(prefix) else { return false }
        for index in address.indices {
            let bits = min(max(prefix - 8 * index, 0), 8)
            let mask = bits == 0 ? 0 : UInt8.max << (8 - bits)
            if address[index] & mask != network[index] & mask { return false }
        }
        return true
    }

    /// The prefix length of a dotted IPv4 netmask such as 255.255.255.0; nil when the mask's
    /// ones are not contiguous.
    static func prefixLength(ofNetmask mask: String) -> Int? {
        guard let bits = ipv4Number(mask) else { return nil }
        let ones = bits.nonzeroBitCount
        return bits == (ones == 0 ? 0 : UInt32.max << (32 - ones)) ? ones : nil
    }

    /// A host interface name (a bridge, a tap device, a NIC's source): 1 to 15 ASCII letters,
    /// digits, '-', '_' or '.', as Linux and libvirt's schema take them. By byte: every NIC of
    /// every domain asks, and Character's properties cost a few hundred instructions each.
    static func isInterfaceName(_ name: String) -> Bool {
        (1...15).contains(name.utf8.count) && name.utf8.allSatisfy { isASCIILetterOrDigit($0) || "-_.".utf8.contains($0) }
    }

    static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isUUID(_ text: String) -> Bool {
        let hex = text.filter { $0 != "-" }
        let groups = text.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        return hex.count == 32 && hex.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit)
            && (groups == [8, 4, 4, 4, 12] || groups == [32])
    }

    /// A UUID that is the same for the same inputs on every run, so dry-run output is stable
    /// and `apply` of an unchanged blueprint gives each object the identity it had. Version 8
    /// (RFC 9562, custom) from two 64-bit FNV-1a hashes of the seed.
    static func stableUUID(seed: String) -> String {
        func fnv1a(_ salt: UInt8) -> UInt64 {
            var hash: UInt64 = (0xcbf2_9ce4_8422_2325 ^ UInt64(salt)) &* 0x100_0000_01b3
            for byte in seed.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
            return hash
        }
        // The 16 bytes, most significant first, with the version and variant bits set.
        var value = (high: fnv1a(1), low: fnv1a(2))
        value.high = value.high & ~(0xf0 << 8) | (0x80 << 8)
        value.low = value.low & ~(0xc0 << 56) | (0x80 << 56)
        func byte(_ index: Int) -> UInt8 {
            let word = index < 8 ? value.high : value.low
            return UInt8(truncatingIfNeeded: word >> (8 * (7 - index % 8)))
        }
        // Hex digits by hand: String(format:) per byte was a twentieth of a 10,000-domain dry-run.
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { text in
            var count = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[count] = UInt8(ascii: "-")
                    count += 1
                }
                text[count] = digits.utf8Start[Int(byte(index) >> 4)]
                text[count + 1] = digits.utf8Start[Int(byte(index) & 0x0f)]
                count += 2
            }
            return count
        }
    }

    /// The first character XML 1.0 cannot carry at all, not even escaped: control characters
    /// other than tab, newline and carriage return, and the non-characters U+FFFE and U+FFFF.
    static func characterNotAllowedInXML(_ text: String) -> Unicode.Scalar? {
        // By byte first: such a character is a control (one byte below 0x20 in UTF-8) or U+FFFE
        // or U+FFFF (led by 0xEF); a text with neither byte holds none. Every string of every
        // object is checked, and reading Unicode scalars cost several times as much.
        let mayHoldOne = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.contains { $0 < 0x20 || $0 == 0xEF } } ?? true
        guard mayHoldOne else { return nil }
        return text.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0x9, 0xA, 0xD: false
            case 0..<0x20, 0xFFFE, 0xFFFF: true
            default: false
            }
        }
    }

    /// Whether `key` or anything in `value` holds a character XML cannot carry.
    private static func holdsCharacterNotAllowedInXML(key: String, value: RenderValue) -> Bool {
        if characterNotAllowedInXML(key) != nil { return true }
        switch value {
        case .string(let text): return characterNotAllowedInXML(text) != nil
        case .list(let items): return items.contains { holdsCharacterNotAllowedInXML(key: "", value: $0) }
        case .map(let pairs): return pairs.contains { holdsCharacterNotAllowedInXML(key: $0.key, value: $0.value) }
        case .int, .bool, .pending: return false
        }
    }

    /// Reports every string in the parameters that XML cannot carry, at its path.
    static func checkXMLCharacters(in parameters: TemplateParameters, collector: DiagnosticCollector) {
        // Paths are built, and keys sorted, only when some value has such a character: nearly
        // never, and building them for every value of every object was a tenth of rendering.
        guard parameters.values.contains(where: { key, value in holdsCharacterNotAllowedInXML(key: key, value: value) }) else { return }
        func visit(_ value: RenderValue, path: String) {
            switch value {
            case .string(let text):
                if let bad = characterNotAllowedInXML(text) {
                    collector.add(.error(
                        .characterNotAllowedInXML,
                        "'\(path)' holds the character U+\(String(printf: "%04X", bad.value)), which an XML document cannot contain",
                        at: parameters.range(of: path),
                        notes: [DiagnosticNote("remove the control character from the value")]))
                }
            case .list(let items):
                for (index, item) in items.enumerated() { visit(item, path: "\(path)[\(index)]") }
            case .map(let pairs):
                for key in pairs.keys.sorted() {
                    visit(pairs[key]!, path: path.isEmpty ? key : "\(path).\(key)")
                    if let bad = characterNotAllowedInXML(key) {
                        collector.add(.error(
                            .characterNotAllowedInXML,
                            "a parameter name under '\(path)' holds the character U+\(String(printf: "%04X", bad.value))",
                            at: parameters.range(of: path)))
                    }
                }
            case .int, .bool, .pending:
                break
            }
        }
        visit(.map(parameters.values), path: "")
    }
}
