import CLibvirt
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libvirt virtual network (`virNetworkPtr`), freed exactly once when the last reference
/// goes away. `@unchecked Sendable` for the same reason as ``LibvirtDomain``.
public final class LibvirtNetwork: @unchecked Sendable {
    public let connection: LibvirtConnection
    /// The network's name, read once when the handle was obtained.
    public let name: String
    /// The network's UUID in its string form, read once when the handle was obtained.
    public let uuid: String
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`. Runs on a libvirt thread.
    init(taking pointer: OpaquePointer, connection: LibvirtConnection) {
        self.pointer = pointer
        self.connection = connection
        self.name = virNetworkGetName(pointer).map { String(cString: $0) } ?? ""
        self.uuid = (try? LibvirtCall.uuidString("virNetworkGetUUIDString") { virNetworkGetUUIDString(pointer, $0) }) ?? ""
    }

    deinit {
        virNetworkFree(pointer)
    }

    /// Starts the defined network (`virNetworkCreate`): bridge, addresses, DHCP server.
    public func start() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virNetworkCreate(self.pointer), "virNetworkCreate")
        }
    }

    /// Stops the network (`virNetworkDestroy`); its definition stays.
    public func destroy() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            defer { TestDriverNetworkFacts.forget(uri: self.connection.uri) }
            try LibvirtCall.check(virNetworkDestroy(self.pointer), "virNetworkDestroy")
        }
    }

    /// Removes the network's persistent definition (`virNetworkUndefine`).
    public func undefine() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            defer { TestDriverNetworkFacts.forget(uri: self.connection.uri) }
            try LibvirtCall.check(virNetworkUndefine(self.pointer), "virNetworkUndefine")
        }
    }

    /// Whether libvirt starts the network when its daemon starts (`virNetworkSetAutostart`).
    public func setAutostart(_ autostart: Bool) async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virNetworkSetAutostart(self.pointer, autostart ? 1 : 0), "virNetworkSetAutostart")
        }
    }

    /// Whether the network starts with libvirt's daemon (`virNetworkGetAutostart`).
    public func autostart() async throws(LibvirtError) -> Bool {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            var value: Int32 = 0
            try LibvirtCall.check(virNetworkGetAutostart(self.pointer, &value), "virNetworkGetAutostart")
            return value != 0
        }
    }

    /// Whether the network is running (`virNetworkIsActive`).
    public func isActive() async throws(LibvirtError) -> Bool {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.value(virNetworkIsActive(self.pointer), "virNetworkIsActive") == 1
        }
    }

    /// The network's XML (`virNetworkGetXMLDesc`); `inactive` gives the persistent definition
    /// (the test driver refuses that flag with ``LibvirtError/Code/invalidArgument``).
    public func xmlDescription(inactive: Bool = false) async throws(LibvirtError) -> String {
        let flags = inactive ? VIR_NETWORK_XML_INACTIVE.rawValue : 0
        return try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.takeString(virNetworkGetXMLDesc(self.pointer, flags), "virNetworkGetXMLDesc")
        }
    }

    /// The network's DHCP lease table, optionally only the leases of one MAC address
    /// (`virNetworkGetDHCPLeases`). Drivers without lease tables (the test driver) throw
    /// ``LibvirtError/Code/noSupport``.
    public func dhcpLeases(macAddress: String? = nil) async throws(LibvirtError) -> [NetworkDHCPLease] {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            var array: UnsafeMutablePointer<virNetworkDHCPLeasePtr?>?
            let count = try LibvirtCall.value(
                virNetworkGetDHCPLeases(self.pointer, macAddress, &array, 0), "virNetworkGetDHCPLeases")
            guard let array else { return [] }
            defer {
                for index in 0..<Int(count) { virNetworkDHCPLeaseFree(array[index]) }
                free(array)
            }
            return (0..<Int(count)).compactMap { index in array[index].map { NetworkDHCPLease($0.pointee) } }
        }
    }
}

/// One entry of a network's DHCP lease table.
public struct NetworkDHCPLease: Sendable, Hashable {
    /// The network's bridge, e.g. "virbr0".
    public var interface: String
    /// When the lease expires, in seconds since the epoch.
    public var expiryTime: Int64
    public var macAddress: String?
    public var address: String
    public var prefix: UInt32
    public var family: IPAddressFamily
    /// The hostname the client sent, if any.
    public var hostname: String?
    public var clientID: String?

    public init(
        interface: String, expiryTime: Int64, macAddress: String?, address: String, prefix: UInt32,
        family: IPAddressFamily, hostname: String?, clientID: String?
    ) {
        self.interface = interface
        self.expiryTime = expiryTime
        self.macAddress = macAddress
        self.address = address
        self.prefix = prefix
        self.family = family
        self.hostname = hostname
        self.clientID = clientID
    }

    /// Copies a C lease record; the caller still frees it.
    init(_ raw: virNetworkDHCPLease) {
        interface = raw.iface.map { String(cString: $0) } ?? ""
        expiryTime = raw.expirytime
        macAddress = raw.mac.map { String(cString: $0) }
        address = raw.ipaddr.map { String(cString: $0) } ?? ""
        prefix = raw.prefix
        family = raw.type == Int32(VIR_IP_ADDR_TYPE_IPV6.rawValue) ? .ipv6 : .ipv4
        hostname = raw.hostname.map { String(cString: $0) }
        clientID = raw.clientid.map { String(cString: $0) }
    }
}
