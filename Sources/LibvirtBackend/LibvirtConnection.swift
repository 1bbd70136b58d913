import CLibvirt
import Platform

/// An open connection to one libvirt URI (`virConnectPtr`), closed exactly once when the last
/// reference to it goes away.
///
/// `@unchecked Sendable` because the only state is an immutable handle and libvirt connections
/// are thread-safe: any number of tasks may share one and call it at the same time. Every
/// blocking call runs on a ``LibvirtWorker`` thread, never on a cooperative thread.
public final class LibvirtConnection: @unchecked Sendable {
    /// The URI that was asked for; nil means libvirt's own default (LIBVIRT_DEFAULT_URI, …).
    public let requestedURI: String?
    /// The URI libvirt actually connected to, e.g. "test:///default" or "qemu:///system".
    public let uri: String
    let pointer: OpaquePointer

    /// Keepalive runs on it: its calls are watched (``ConnectionWatchdog``).
    let hasKeepalive: Bool
    /// Its driver runs inside this process (`test:///`): a call does no I/O and never waits on
    /// another host, so it runs on the caller's thread (``LibvirtWorker/run(watching:_:)``).
    let runsInProcess: Bool

    private init(pointer: OpaquePointer, requestedURI: String?, uri: String, hasKeepalive: Bool) {
        self.pointer = pointer
        self.requestedURI = requestedURI
        self.uri = uri
        self.hasKeepalive = hasKeepalive
        runsInProcess = uri.hasPrefix("test:///")
    }

    deinit {
        // Closing a remote connection talks to its daemon: do it on a libvirt thread.
        let handle = ClosingHandle(pointer: pointer)
        LibvirtWorker.detach { virConnectClose(handle.pointer) }
    }

    /// Carries the handle to the thread that closes it; nothing else uses it by then.
    private struct ClosingHandle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// Opens a read-write connection. `uri` may be any libvirt URI: "test:///default" (an
    /// in-process test world), "test:///ABSOLUTE/PATH.xml" (a test world loaded from a `<node>`
    /// document), "qemu:///system", "qemu+ssh://user@host/system?keyfile=…", "qemu+tcp://host/system",
    /// "qemu+tls://host/system", …; nil asks libvirt for its default. Credentials a remote
    /// transport asks for come from `options.credentials`; nothing is prompted for. Connections
    /// that go through a daemon get keepalive (``ConnectionOptions``), so that every call on a
    /// host that stops answering fails within ``ConnectionOptions/deadHostNoticedWithin``.
    public static func open(_ uri: String?, options: ConnectionOptions = ConnectionOptions()) async throws(LibvirtError) -> LibvirtConnection {
        try await LibvirtWorker.run { () throws(LibvirtError) in try openBlocking(uri, options: options) }
    }

    /// ``open(_:options:)`` on the calling thread, which must be a libvirt worker thread.
    /// A test world whose file has a journal beside it (``TestWorldJournal``: a run was killed
    /// before it wrote the world whole) opens as the journal describes it, from a private copy.
    static func openBlocking(_ uri: String?, options: ConnectionOptions) throws(LibvirtError) -> LibvirtConnection {
        let journaled = try JournaledWorld(uri)
        defer { journaled?.remove() }
        let credentials = options.credentials(uri ?? "")
        let pointer = try LibvirtCall.check(
            ConnectionAuth.withAuth(credentials) { auth in virConnectOpenAuth(journaled?.uri ?? uri, auth, 0) }, "virConnectOpenAuth")
        do throws(LibvirtError) {
            var hasKeepalive = false
            if options.keepaliveInterval > 0 {
                // 0: on; 1: the daemon does not answer keepalive messages.
                let result = virConnectSetKeepAlive(pointer, options.keepaliveInterval, options.keepaliveCount)
                if result < 0 {
                    // In-process drivers (test://) have no keepalive: nothing to notice there.
                    let error = LibvirtError.last(after: "virConnectSetKeepAlive")
                    guard error.code == .noSupport else { throw error }
                }
                hasKeepalive = result == 0
            }
            let actualURI = try LibvirtCall.takeString(virConnectGetURI(pointer), "virConnectGetURI")
            return LibvirtConnection(pointer: pointer, requestedURI: uri, uri: journaled == nil ? actualURI : uri ?? actualURI,
                                     hasKeepalive: hasKeepalive)
        } catch {
            virConnectClose(pointer)
            throw error
        }
    }

    /// Whether the connection still works: false once keepalive or the transport found its
    /// host gone (`virConnectIsAlive`); asks nothing of the host.
    public var isAlive: Bool {
        // A connection exists only once libvirt is loaded and initialised.
        virConnectIsAlive(pointer) == 1
    }

    /// The world a test URI's journal describes, written to a file of its own for the test
    /// driver to load: the world file itself belongs to the run that holds the deployment's lock.
    private struct JournaledWorld {
        let path: String
        var uri: String { "test://" + path }

        /// nil when `uri` is no world file or has no journal.
        init?(_ uri: String?) throws(LibvirtError) {
            guard let uri, uri.hasPrefix("test:///"), uri.hasSuffix(".xml") else { return nil }
            let world = String(uri.dropFirst("test://".count))
            do throws(WorldFileError) {
                guard let parts = try TestWorldJournal.world(besides: world) else { return nil }
                path = world + ".journaled-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).xml"
                try WorldFile.writeAtomically(parts.document, to: path)
            } catch {
                throw LibvirtError(code: .noConnect, domain: .test, message: error.description, operation: "virConnectOpen")
            }
        }

        func remove() { unlink(path) }
    }

    // MARK: Host

    /// The host's capabilities XML (`virConnectGetCapabilities`).
    public func capabilities() async throws(LibvirtError) -> String {
        try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            try LibvirtCall.takeString(virConnectGetCapabilities(self.pointer), "virConnectGetCapabilities")
        }
    }

    /// The hypervisor host's name (`virConnectGetHostname`).
    public func hostname() async throws(LibvirtError) -> String {
        try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            try LibvirtCall.takeString(virConnectGetHostname(self.pointer), "virConnectGetHostname")
        }
    }

    /// The driver's name, e.g. "Test" or "QEMU" (`virConnectGetType`).
    public func driverType() async throws(LibvirtError) -> String {
        try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            try LibvirtCall.borrowString(virConnectGetType(self.pointer), "virConnectGetType")
        }
    }

    // MARK: Domains

    /// Defines a persistent domain from `xml`. With `validate`, libvirt first checks the document
    /// against its RelaxNG schema (VIR_DOMAIN_DEFINE_VALIDATE) and rejects unknown elements with
    /// ``LibvirtError/Code/xmlInvalidSchema``; without it, unknown elements are silently dropped.
    public func defineDomain(xml: String, validate: Bool = false) async throws(LibvirtError) -> LibvirtDomain {
        let flags = validate ? VIR_DOMAIN_DEFINE_VALIDATE.rawValue : 0
        return try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            let handle = try LibvirtCall.check(
                virDomainDefineXMLFlags(self.pointer, xml, flags), "virDomainDefineXMLFlags")
            let domain = LibvirtDomain(taking: handle, connection: self)
            domain.noteDefinitionChange()
            return domain
        }
    }

    /// The domain called `name`; throws ``LibvirtError/Code/noDomain`` if there is none.
    public func domain(named name: String) async throws(LibvirtError) -> LibvirtDomain {
        try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            let handle = try LibvirtCall.check(
                virDomainLookupByName(self.pointer, name), "virDomainLookupByName")
            return LibvirtDomain(taking: handle, connection: self)
        }
    }

    /// Every domain on the connection, running or defined (`virConnectListAllDomains`).
    public func allDomains() async throws(LibvirtError) -> [LibvirtDomain] {
        try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            var array: UnsafeMutablePointer<OpaquePointer?>?
            let count = try LibvirtCall.value(
                virConnectListAllDomains(self.pointer, &array, 0), "virConnectListAllDomains")
            return LibvirtCall.takeHandles(array, count: count) { LibvirtDomain(taking: $0, connection: self) }
        }
    }

    // MARK: Networks

    /// Defines a persistent network from `xml`, optionally checked against libvirt's schema
    /// (VIR_NETWORK_DEFINE_VALIDATE, `virNetworkDefineXMLFlags`). The network is not started.
    public func defineNetwork(xml: String, validate: Bool = false) async throws(LibvirtError) -> LibvirtNetwork {
        let flags = validate ? VIR_NETWORK_DEFINE_VALIDATE.rawValue : 0
        return try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            defer { TestDriverNetworkFacts.forget(uri: self.uri) }
            let handle = try LibvirtCall.check(
                virNetworkDefineXMLFlags(self.pointer, xml, flags), "virNetworkDefineXMLFlags")
            return LibvirtNetwork(taking: handle, connection: self)
        }
    }

    /// Whether a network called `name` exists. On a test connection the answer is kept until
    /// this process changes one of its networks (``TestDriverNetworkFacts``).
    public func hasNetwork(named name: String) async throws(LibvirtError) -> Bool {
        if runsInProcess { return try TestDriverNetworkFacts.of(name, on: self).exists }
        do {
            _ = try await network(named: name)
            return true
        } catch where error.code == .noNetwork {
            return false
        }
    }

    /// The network called `name`; throws ``LibvirtError/Code/noNetwork`` if there is none.
    public func network(named name: String) async throws(LibvirtError) -> LibvirtNetwork {
        try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            let handle = try LibvirtCall.check(
                virNetworkLookupByName(self.pointer, name), "virNetworkLookupByName")
            return LibvirtNetwork(taking: handle, connection: self)
        }
    }

    /// Every network on the connection, active or not (`virConnectListAllNetworks`).
    public func allNetworks() async throws(LibvirtError) -> [LibvirtNetwork] {
        try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            var array: UnsafeMutablePointer<OpaquePointer?>?
            let count = try LibvirtCall.value(
                virConnectListAllNetworks(self.pointer, &array, 0), "virConnectListAllNetworks")
            return LibvirtCall.takeHandles(array, count: count) { LibvirtNetwork(taking: $0, connection: self) }
        }
    }

    // MARK: Storage pools

    /// Defines a persistent storage pool from `xml`, optionally checked against libvirt's schema
    /// (VIR_STORAGE_POOL_DEFINE_VALIDATE). The pool is neither built nor started.
    public func defineStoragePool(xml: String, validate: Bool = false) async throws(LibvirtError) -> LibvirtStoragePool {
        let flags = validate ? VIR_STORAGE_POOL_DEFINE_VALIDATE.rawValue : 0
        return try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            let handle = try LibvirtCall.check(
                virStoragePoolDefineXML(self.pointer, xml, flags), "virStoragePoolDefineXML")
            return LibvirtStoragePool(taking: handle, connection: self)
        }
    }

    /// The storage pool called `name`; throws ``LibvirtError/Code/noStoragePool`` if there is none.
    public func storagePool(named name: String) async throws(LibvirtError) -> LibvirtStoragePool {
        try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            let handle = try LibvirtCall.check(
                virStoragePoolLookupByName(self.pointer, name), "virStoragePoolLookupByName")
            return LibvirtStoragePool(taking: handle, connection: self)
        }
    }

    /// The volume whose file or device on the host is `path`, in any active pool
    /// (`virStorageVolLookupByPath`); throws ``LibvirtError/Code/noStorageVolume`` if no pool
    /// holds it, e.g. to check that a clone's backing store exists.
    public func volume(atPath path: String) async throws(LibvirtError) -> LibvirtStorageVolume {
        try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            let handle = try LibvirtCall.check(
                virStorageVolLookupByPath(self.pointer, path), "virStorageVolLookupByPath")
            return LibvirtStorageVolume(taking: handle, connection: self)
        }
    }

    /// Every storage pool on the connection, active or not (`virConnectListAllStoragePools`).
    public func allStoragePools() async throws(LibvirtError) -> [LibvirtStoragePool] {
        try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
            var array: UnsafeMutablePointer<OpaquePointer?>?
            let count = try LibvirtCall.value(
                virConnectListAllStoragePools(self.pointer, &array, 0), "virConnectListAllStoragePools")
            return LibvirtCall.takeHandles(array, count: count) { LibvirtStoragePool(taking: $0, connection: self) }
        }
    }
}
