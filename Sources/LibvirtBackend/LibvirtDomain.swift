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
    let pointer: OpaquePointer

    /// The domain's UUID in its string form, read from the handle when asked for: libvirt
    /// formats it anew each time (about 6,000 instructions), and few callers need it.
    public var uuid: String {
        (try? LibvirtCall.uuidString("virDomainGetUUIDString") { virDomainGetUUIDString(pointer, $0) }) ?? ""
    }

    /// Takes ownership of `pointer`. Runs on a libvirt thread (it reads the name).
    init(taking pointer: OpaquePointer, connection: LibvirtConnection) {
        self.pointer = pointer
        self.connection = connection
        self.name = virDomainGetName(pointer).map { String(cString: $0) } ?? ""
    }

    deinit {
        virDomainFree(pointer)
    }

    /// Its definition, snapshots or persistence may have changed (``DomainDefinitionCount``).
    func noteDefinitionChange() {
        DomainDefinitionCount.changed(name, uri: connection.uri)
    }

    /// Starts the defined domain (`virDomainCreate`). On the test driver its guest then asks
    /// the simulated DHCP for new leases (``SimulatedDHCP``).
    public func start() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virDomainCreate(self.pointer), "virDomainCreate")
            if self.connection.uri.hasPrefix("test:") { try SimulatedDHCP.release(domain: self.name, uri: self.connection.uri) }
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
            defer { self.noteDefinitionChange() }
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
    /// the host's ARP table. `networks`: the libvirt networks the domain's interfaces join, when
    /// the caller knows them from the document it defined the domain with; nil reads them from
    /// the domain (the test driver needs them, see ``TestDriverAddressGap``). On the test driver
    /// the addresses are the simulated DHCP's leases (``SimulatedDHCP``).
    public func interfaceAddresses(
        source: InterfaceAddressSource = .lease, networks: [String]? = nil
    ) async throws(LibvirtError) -> [DomainInterface] {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            if self.connection.uri.hasPrefix("test:") {
                let joined: [String]
                if let networks {
                    joined = networks
                } else {
                    let xml = try LibvirtCall.takeString(virDomainGetXMLDesc(self.pointer, 0), "virDomainGetXMLDesc")
                    joined = DomainNetworks.interfaceNetworks(in: xml)
                }
                try TestDriverAddressGap.requireIPv4(on: joined, domain: self.name, connection: self.connection)
            }
            var array: UnsafeMutablePointer<virDomainInterfacePtr?>?
            let count = try LibvirtCall.value(
                virDomainInterfaceAddresses(self.pointer, &array, source.cValue, 0),
                "virDomainInterfaceAddresses")
            guard let array else { return [] }
            defer {
                for index in 0..<Int(count) { virDomainInterfaceFree(array[index]) }
                free(array)
            }
            let found = (0..<Int(count)).compactMap { index in array[index].map { DomainInterface($0.pointee) } }
            // The test driver's invented addresses are not unique across processes; see SimulatedDHCP.
            return self.connection.uri.hasPrefix("test:") ? try SimulatedDHCP.leased(found, of: self) : found
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
