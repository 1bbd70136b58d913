/// Turns a network's parameters (the plugin's `dev`, `forwards`, `ips`) into the context of
/// the network template.
enum NetworkContext {
    /// libvirt's forward modes that the built-in template writes; `none` means isolated
    /// (no `<forward>` element).
    static let forwardModes = ["none", "nat", "route", "open"]

    /// `autostart` is read by apply, not by the template; it is checked here with the rest.
    static let keys: Set<String> = ["name", "resource_id", "instance_uuid", "dev", "forwards", "forward", "ips", "autostart"]
    static let ipKeys: Set<String> = ["address", "netmask", "prefix", "family", "dhcp"]

    /// `recorded`: false when nothing will render the context, which is then empty
    /// (ContextRecorder), as a domain's.
    static func build(_ reader: ParameterReader, warnUnknown: Bool, recorded: Bool = true) -> [String: Any] {
        var context = ContextRecorder(isRecorded: recorded, values: reader.context(adding: 16))
        if warnUnknown { reader.warnUnknownKeys(known: keys, template: "network") }
        _ = reader.bool("autostart")
        if let common = CommonFields.read(reader, kind: .network, derivingUUID: recorded) {
            context.merge(common.contextValues(identity: reader.parameters.identity))
        }
        if let dev = reader.string("dev"), !ValueChecks.isInterfaceName(dev) {
            reader.error(.invalidObjectName, "'\(dev)' cannot be a bridge name", at: "dev",
                         notes: ["bridge names are up to 15 letters, digits, '-', '_' or '.', e.g. virbr10"])
        }
        context["dev"] = reader.string("dev").orFalse
        context["forward"] = forward(reader)
        context["ips"] = reader.items("ips").map { ip(in: $0, warnUnknown: warnUnknown, recorded: recorded) }
        return context.values
    }

    /// The plugin gives `forwards: [{mode: nat}]`; a single `forward: nat` reads the same.
    /// libvirt takes one `<forward>`, so more than one is a diagnostic.
    private static func forward(_ reader: ParameterReader) -> Any {
        if reader.isGiven("forward") {
            if reader.isGiven("forwards") {
                reader.error(.conflictingParameters, "give 'forward' or 'forwards', not both", at: "forward")
            }
            return forwardContext(mode: reader.choice("forward", allowed: forwardModes, meaning: "forward mode"), dev: nil)
        }
        let items = reader.items("forwards")
        if items.count > 1 {
            reader.error(.conflictingParameters, "a network has one forward mode, but 'forwards' lists \(items.count)", at: "forwards[1]",
                         notes: ["keep one entry in 'forwards'"])
        }
        guard let item = items.first else { return false }
        let dev = item.string("dev")
        if let dev, !ValueChecks.isInterfaceName(dev) {
            item.error(.invalidObjectName, "'\(dev)' cannot be a host interface name", at: "dev",
                       notes: ["host interface names are up to 15 letters, digits, '-', '_' or '.'"])
        }
        if !item.isGiven("mode"), item.requires(anyOf: ["mode"]) {
            item.error(.missingParameter, "the forward has no 'mode'", at: "mode", notes: ["allowed values: \(forwardModes.joined(separator: ", "))"])
        }
        return forwardContext(mode: item.choice("mode", allowed: forwardModes, meaning: "forward mode"), dev: dev)
    }

    private static func forwardContext(mode: String?, dev: String?) -> Any {
        guard let mode, mode != "none" else { return false }
        return ["mode": mode, "dev": dev.orFalse] as [String: Any]
    }

    private static func ip(in item: ParameterReader, warnUnknown: Bool, recorded: Bool) -> [String: Any] {
        if warnUnknown { item.warnUnknownKeys(known: ipKeys, template: "network") }
        var context = ContextRecorder(isRecorded: recorded, values: item.context(adding: 8))
        let address = item.string("address")
        let isV6 = address.map(ValueChecks.isIPv6) ?? (item.string("family") == "ipv6")
        if let address, !(ValueChecks.isIPv4(address) || ValueChecks.isIPv6(address)) {
            item.error(.invalidIPAddress, "'\(address)' is not an IPv4 or IPv6 address", at: "address",
                       notes: ["write the host's address on the network, such as 192.168.142.1 or fd00:142::1"])
        }
        if address == nil, item.requires(anyOf: ["address"]) {
            item.error(.missingParameter, "the ip entry has no 'address' (the host side of the network, e.g. 192.168.142.1)", at: "address")
        }
        if item.isGiven("family") { _ = item.choice("family", allowed: ["ipv4", "ipv6"], meaning: "address family") }
        let netmask = item.string("netmask")
        if let netmask {
            if isV6 {
                item.error(.invalidIPAddress, "an IPv6 network takes 'prefix', not 'netmask'", at: "netmask")
            } else if ValueChecks.prefixLength(ofNetmask: netmask) == nil {
                item.error(.invalidIPAddress, "'\(netmask)' is not a netmask", at: "netmask",
                           notes: ["a netmask is contiguous ones, e.g. 255.255.255.0; or give 'prefix: 24'"])
            }
        }
        let prefix = item.int("prefix")
        if let prefix, !(0...(isV6 ? 128 : 32)).contains(prefix) {
            item.error(.invalidIPAddress, "prefix \(prefix) is out of range for \(isV6 ? "IPv6 (0-128)" : "IPv4 (0-32)")", at: "prefix")
        }
        if netmask != nil, prefix != nil {
            item.error(.conflictingParameters, "give 'netmask' or 'prefix', not both", at: "prefix")
        }
        if netmask == nil, prefix == nil, !isV6 {
            // The plugin's template always writes a netmask; without one libvirt assumes a classful mask.
            context["netmask"] = "255.255.255.0"
        } else {
            context["netmask"] = netmask.orFalse
        }
        context["prefix"] = prefix.orFalse
        context["family"] = isV6 ? "ipv6" : false
        context["address"] = address.orFalse
        context["dhcp"] = dhcp(item, isV6: isV6, network: network(address: address, netmask: netmask, prefix: prefix, isV6: isV6),
                               recorded: recorded)
        return context.values
    }

    /// The network an ip entry makes, as libvirt reads it (virSocketAddrGetIPPrefix): the
    /// prefix, else the netmask, else bluevirt's default netmask 255.255.255.0 (IPv4) or 64
    /// (IPv6). Nil while any part is unknown or wrong (reported already).
    private static func network(address: String?, netmask: String?, prefix: Int?, isV6: Bool) -> DHCPRange.Network? {
        guard let address, let bytes = ValueChecks.addressBytes(address) else { return nil }
        let length: Int?
        if let prefix, prefix > 0 {
            length = prefix
        } else if let netmask {
            length = isV6 ? nil : ValueChecks.prefixLength(ofNetmask: netmask)
        } else {
            length = prefix == nil ? (isV6 ? 64 : 24) : nil
        }
        guard let length, length <= bytes.count * 8 else { return nil }
        return DHCPRange.Network(address: address, bytes: bytes, prefix: length)
    }

    private static func dhcp(_ item: ParameterReader, isV6: Bool, network: DHCPRange.Network?, recorded: Bool) -> Any {
        guard let dhcp = item.map("dhcp") else { return false }
        var context = ContextRecorder(isRecorded: recorded, values: dhcp.context(adding: 2))
        let isAddress = { (text: String) -> Bool in isV6 ? ValueChecks.isIPv6(text) : ValueChecks.isIPv4(text) }
        let family = isV6 ? "IPv6" : "IPv4"
        let start = dhcp.string("start"), end = dhcp.string("end")
        for (key, value) in [("start", start), ("end", end)] {
            if let value, !isAddress(value) {
                dhcp.error(.invalidIPAddress, "DHCP range \(key) '\(value)' is not an \(family) address", at: key,
                           notes: ["write an address of the network, e.g. \(isV6 ? "fd00::10" : "192.168.122.10")"])
            }
        }
        if (start == nil) != (end == nil), dhcp.requires(anyOf: [start == nil ? "start" : "end"]) {
            dhcp.error(.missingParameter, "a DHCP range needs both 'start' and 'end'", at: start == nil ? "end" : "start",
                       notes: ["give the first and the last address it hands out: 'start' and 'end'"])
        }
        if let start, let end, !isV6, let first = ValueChecks.ipv4Number(start), let last = ValueChecks.ipv4Number(end), first > last {
            dhcp.error(.invalidIPAddress, "the DHCP range starts at \(start), after its end \(end)", at: "start",
                       notes: ["swap them: start: \(end), end: \(start)"])
        }
        if let network { DHCPRange.checkWithin(network, start: start, end: end, reader: dhcp) }
        context["range"] = start != nil && end != nil ? ["start": start!, "end": end!] as [String: Any] : false
        context["hosts"] = dhcp.items("hosts").map { host in
            var hostContext = ContextRecorder(isRecorded: recorded, values: host.context(adding: 4))
            var mac: String?
            if let given = host.string("mac") {
                mac = ValueChecks.normalizedMAC(given)
                if mac == nil {
                    host.error(.invalidMACAddress, "'\(given)' is not a MAC address", at: "mac",
                               notes: ["write six hexadecimal pairs separated by ':', e.g. 52:54:00:12:34:56"])
                }
            }
            let ip = host.string("ip")
            if let ip, !isAddress(ip) {
                host.error(.invalidIPAddress, "DHCP host address '\(ip)' is not an \(family) address", at: "ip",
                           notes: ["write the address the host gets, within the network, e.g. \(isV6 ? "fd00::20" : "192.168.122.20")"])
            }
            if ip == nil, host.requires(anyOf: ["ip"]) {
                host.error(.missingParameter, "a DHCP host reservation needs 'ip'", at: "ip",
                           notes: ["give the address the host with this 'mac' or 'name' gets"])
            }
            let name = host.string("name")
            if let name, !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) {
                host.error(.invalidObjectName, "'\(name)' cannot be a DHCP host name", at: "name",
                           notes: ["host names are letters, digits, '-' and '.'"])
            }
            if mac == nil, name == nil, !host.isGiven("mac"), host.requires(anyOf: ["mac", "name"]) {
                host.error(.missingParameter, "a DHCP host reservation needs 'mac' or 'name'", at: "mac",
                           notes: ["give the MAC address of the guest's interface (or the host name it asks with) that gets 'ip'"])
            }
            hostContext["mac"] = mac.orFalse
            hostContext["ip"] = ip.orFalse
            hostContext["name"] = name.orFalse
            return hostContext.values
        }
        return context.values
    }
}
