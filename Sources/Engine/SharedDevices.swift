import Diagnostics
import Rendering

/// What a domain's interfaces and a network claim that another object of the deployment may
/// not claim too: a MAC address, a bridge. Taken from the parameters while they are evaluated;
/// only given values are kept, so an object that names neither costs nothing here.
struct DeviceClaims: Sendable {
    /// The MAC address of one interface of a domain.
    struct MAC: Sendable {
        var address: String
        /// The network or bridge the interface joins ("network 'lan'"), when the plan knows it.
        var segment: String?
        /// `networks[0]`, as the message names the interface.
        var interface: String
        var range: SourceRange
    }

    var macs: [MAC] = []
    /// The bridge a network names (`dev`), and where.
    var bridge: (name: String, range: SourceRange)?

    init(kind: LibvirtObjectKind, params: ParamsResolver.Resolved) {
        switch kind {
        case .domain:
            guard case .list(let interfaces)? = params.values["networks"] else { return }
            for (index, interface) in interfaces.enumerated() {
                guard case .map(let fields) = interface, case .string(let given)? = fields["mac"],
                      let address = ValueChecks.normalizedMAC(given) else { continue }
                var segment: String?
                if case .string(let network)? = fields["network"], !network.isEmpty { segment = "network '\(network)'" }
                if case .string(let bridge)? = fields["bridge"], !bridge.isEmpty { segment = "bridge '\(bridge)'" }
                let path = "networks[\(index)]"
                macs.append(MAC(address: address, segment: segment, interface: path, range: params.ranges["\(path).mac"] ?? params.range))
            }
        case .network:
            if case .string(let dev)? = params.values["dev"], !dev.isEmpty { bridge = (dev, params.ranges["dev"] ?? params.range) }
        default:
            break
        }
    }
}

/// Two interfaces with one MAC address on one network take each other's frames and DHCP lease:
/// libvirt starts both, so it is an error only where both join the same network or bridge on
/// one connection, and a warning elsewhere (the segments may meet outside libvirt). Two
/// networks on one bridge of a connection: libvirt refuses to start the second ("bridge name
/// … already in use").
enum SharedDevices {
    /// A diagnostic on every claim an earlier object (or interface) already made; `claims` is
    /// parallel to `objects`.
    static func check(_ objects: [LibvirtObject], claims: [DeviceClaims?]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var macs: [String: [(object: Int, mac: DeviceClaims.MAC)]] = [:]
        var bridges: [String: [String: (object: Int, range: SourceRange)]] = [:]
        for index in objects.indices where !objects[index].isExternal {
            guard let claim = claims[index] else { continue }
            for mac in claim.macs {
                let earlier = macs[mac.address, default: []]
                if let first = earlier.first {
                    let sameSegment = earlier.first { other in
                        mac.segment != nil && other.mac.segment == mac.segment && objects[other.object].connection == objects[index].connection
                    }
                    diagnostics.append(duplicate(mac, of: objects[index], like: sameSegment ?? first, objects: objects, isError: sameSegment != nil))
                }
                macs[mac.address, default: []].append((index, mac))
            }
            if let bridge = claim.bridge {
                let object = objects[index]
                if let other = bridges[object.connection]?[bridge.name] {
                    let first = objects[other.object]
                    diagnostics.append(.error(
                        .sharedBridge,
                        "network '\(object.name)' of instance '\(object.instance)' uses bridge '\(bridge.name)', like network '\(first.name)' of instance '\(first.instance)' on '\(object.connection)'",
                        at: bridge.range,
                        notes: [DiagnosticNote("instance '\(first.instance)' of node template '\(first.node)' names the bridge here", at: other.range),
                                DiagnosticNote("libvirt starts one network per bridge: give each network its own 'dev', or leave 'dev' out for libvirt to choose a virbrN")]))
                } else {
                    bridges[object.connection, default: [:]][bridge.name] = (index, bridge.range)
                }
            }
        }
        return diagnostics
    }

    private static func duplicate(_ mac: DeviceClaims.MAC, of object: LibvirtObject, like other: (object: Int, mac: DeviceClaims.MAC),
                                  objects: [LibvirtObject], isError: Bool) -> Diagnostic {
        let first = objects[other.object]
        let together = isError ? " on the same \(mac.segment ?? "")" : ""
        let message = "interface \(mac.interface) of domain '\(object.name)' (instance '\(object.instance)') has MAC address \(mac.address), "
            + "like interface \(other.mac.interface) of domain '\(first.name)' (instance '\(first.instance)')\(together)"
        var notes = [DiagnosticNote("instance '\(first.instance)' of node template '\(first.node)' gives the MAC here", at: other.mac.range)]
        if !isError { notes.append(DiagnosticNote("on one network or bridge, the two would take each other's traffic and DHCP lease")) }
        notes.append(DiagnosticNote(object.node == first.node && object.instance != first.instance
            ? "every instance of node template '\(object.node)' gets this MAC: leave 'mac' out for libvirt to give each its own"
            : "give each interface its own MAC, or leave 'mac' out for libvirt to choose one"))
        return isError ? .error(.sharedMACAddress, message, at: mac.range, notes: notes)
                       : .warning(.sharedMACAddress, message, at: mac.range, notes: notes)
    }
}
