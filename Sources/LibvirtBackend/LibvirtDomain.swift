import CLibvirt
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libvirt domain (`virDomainPtr`), freed exactly once when the last reference goes away.
///
/// `@unchecked Sendable`: the handle is immutable and libvirt's domain objects are reference
/// counted and thread-safe; every call runs on a ``LibvirtWorker`` thread.
public final class LibvirtDomain: @unchecked Sendable {
    /// The connection the domain lives on; kept alive as long as the domain is.
    public let connection: LibvirtConnection
    /// The domain's name, read once when the handle was obtained.
    public let name: String
    /// The domain's UUID in its string form, read once when the handle was obtained.
    public let uuid: String
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`. Runs on a libvirt thread (it reads name and UUID).
    init(taking pointer: OpaquePointer, connection: LibvirtConnection) {
        self.pointer = pointer
        self.connection = connection
        self.name = virDomainGetName(pointer).map { String(cString: $0) } ?? ""
        self.uuid = (try? LibvirtCall.uuidString("virDomainGetUUIDString") { virDomainGetUUIDString(pointer, $0) }) ?? ""
    }

    deinit {
        virDomainFree(pointer)
    }

    /// Starts the defined domain (`virDomainCreate`).
    public func start() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virDomainCreate(self.pointer), "virDomainCreate")
        }
    }

    /// Asks the guest to shut down (ACPI or agent, as the driver decides) and returns at once;
    /// use ``waitForState(_:timeout:pollInterval:)`` to wait for it to stop.
    public func shutdown() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virDomainShutdown(self.pointer), "virDomainShutdown")
        }
    }

    /// Stops the domain immediately, like pulling the power cord (`virDomainDestroy`).
    public func destroy() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virDomainDestroy(self.pointer), "virDomainDestroy")
        }
    }

    /// Removes the domain's persistent definition. `options` are tried first; a driver that does
    /// not know `virDomainUndefineFlags` or one of the flags gets a plain `virDomainUndefine`.
    /// Returns the options that were in effect (empty after the fallback).
    @discardableResult
    public func undefine(
        options: DomainUndefineOptions = [.nvram, .snapshotsMetadata]
    ) async throws(LibvirtError) -> DomainUndefineOptions {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            guard virDomainUndefineFlags(self.pointer, options.rawValue) < 0 else { return options }
            let error = LibvirtError.last(after: "virDomainUndefineFlags")
            let flagsUnsupported: Set<LibvirtError.Code> = [.noSupport, .invalidArgument, .argumentUnsupported]
            guard !options.isEmpty, flagsUnsupported.contains(error.code) else { throw error }
            try LibvirtCall.check(virDomainUndefine(self.pointer), "virDomainUndefine")
            return []
        }
    }

    /// The domain's current state and the driver's reason code for it (`virDomainGetState`).
    public func state() async throws(LibvirtError) -> DomainStateInfo {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            var state: Int32 = 0
            var reason: Int32 = 0
            try LibvirtCall.check(virDomainGetState(self.pointer, &state, &reason, 0), "virDomainGetState")
            return DomainStateInfo(state: DomainState(rawValue: state) ?? .noState, reason: reason)
        }
    }

    /// Whether the domain is running (`virDomainIsActive`).
    public func isActive() async throws(LibvirtError) -> Bool {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.value(virDomainIsActive(self.pointer), "virDomainIsActive") == 1
        }
    }

    /// Whether the domain has a persistent definition (`virDomainIsPersistent`); a running
    /// domain that was undefined is transient.
    public func isPersistent() async throws(LibvirtError) -> Bool {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.value(virDomainIsPersistent(self.pointer), "virDomainIsPersistent") == 1
        }
    }

    /// The domain's XML (`virDomainGetXMLDesc`); `inactive` gives the persistent definition
    /// rather than the live one.
    public func xmlDescription(inactive: Bool = false) async throws(LibvirtError) -> String {
        let flags = inactive ? VIR_DOMAIN_XML_INACTIVE.rawValue : 0
        return try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.takeString(virDomainGetXMLDesc(self.pointer, flags), "virDomainGetXMLDesc")
        }
    }

    /// The element stored under `namespaceURI` in the domain's `<metadata>`, e.g. the owner
    /// record bluevirt writes there, or nil when the domain has none (`virDomainGetMetadata`).
    public func metadata(namespaceURI: String) async throws(LibvirtError) -> String? {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            let type = Int32(VIR_DOMAIN_METADATA_ELEMENT.rawValue)
            if let text = virDomainGetMetadata(self.pointer, type, namespaceURI, 0) {
                return try LibvirtCall.takeString(text, "virDomainGetMetadata")
            }
            let error = LibvirtError.last(after: "virDomainGetMetadata")
            guard error.code == .noDomainMetadata else { throw error }
            return nil
        }
    }

    /// The guest's network interfaces with their addresses as `source` sees them
    /// (`virDomainInterfaceAddresses`): DHCP leases of libvirt's networks, the guest agent, or
    /// the host's ARP table.
    public func interfaceAddresses(
        source: InterfaceAddressSource = .lease
    ) async throws(LibvirtError) -> [DomainInterface] {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            if self.connection.uri.hasPrefix("test:") { try self.requireTestDriverCanInventAddresses() }
            var array: UnsafeMutablePointer<virDomainInterfacePtr?>?
            let count = try LibvirtCall.value(
                virDomainInterfaceAddresses(self.pointer, &array, source.cValue, 0),
                "virDomainInterfaceAddresses")
            guard let array else { return [] }
            defer {
                for index in 0..<Int(count) { virDomainInterfaceFree(array[index]) }
                free(array)
            }
            return (0..<Int(count)).compactMap { index in array[index].map { DomainInterface($0.pointee) } }
        }
    }

    /// libvirt 9's test driver invents an address from the IPv4 range of each network the domain
    /// joins, and dereferences a NULL range (the process dies with SIGSEGV, `virsh domifaddr`
    /// too) when such a network has no IPv4 `<ip>`. Refuse before calling it; runs on the
    /// libvirt thread of the caller.
    private func requireTestDriverCanInventAddresses() throws(LibvirtError) {
        let xml = try LibvirtCall.takeString(virDomainGetXMLDesc(pointer, 0), "virDomainGetXMLDesc")
        for name in DomainNetworks.interfaceNetworks(in: xml) {
            // A network that does not exist is reported by libvirt itself, without crashing.
            guard let network = virNetworkLookupByName(connection.pointer, name) else {
                virResetLastError()
                continue
            }
            defer { virNetworkFree(network) }
            let networkXML = try LibvirtCall.takeString(virNetworkGetXMLDesc(network, 0), "virNetworkGetXMLDesc")
            if !DomainNetworks.hasIPv4Address(networkXML: networkXML) {
                throw LibvirtError(
                    code: .configUnsupported, domain: .test,
                    message: "network '\(name)' of domain '\(self.name)' has no IPv4 address, so no guest on it can get one; "
                        + "give the network an IPv4 address with a DHCP range (params.ips), or set wait_for_ip: false",
                    operation: "virDomainInterfaceAddresses")
            }
        }
    }

    /// Polls ``state()`` every `pollInterval` until the domain is in `state` or `timeout` has
    /// passed; returns whether it got there. Sleeping suspends the task and holds no thread.
    public func waitForState(
        _ state: DomainState, timeout: Duration, pollInterval: Duration = .milliseconds(250)
    ) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if try await self.state().state == state { return true }
            if clock.now >= deadline { return false }
            try await Task.sleep(for: pollInterval, clock: clock)
        }
    }
}
