import Platform
import LibvirtBackend
import Rendering
import StateStore

/// The ``ObjectBackend`` over libvirt: one shared connection per URI, every blocking call off
/// the cooperative pool (LibvirtBackend's threads).
public struct LibvirtObjectBackend: ObjectBackend {
    public let connections: LibvirtConnectionPool
    public var addressWait: AddressWait
    /// How long a domain gets to shut down gracefully before it is destroyed.
    public var shutdownTimeout: Duration
    /// Where images of volumes with a `url` are downloaded to (once per image); nil: such
    /// volumes cannot be made.
    public var images: ImageCache?

    public init(connections: LibvirtConnectionPool = LibvirtConnectionPool(), addressWait: AddressWait = AddressWait(),
                shutdownTimeout: Duration = .seconds(60), images: ImageCache? = nil) {
        self.connections = connections
        self.addressWait = addressWait
        self.shutdownTimeout = shutdownTimeout
        self.images = images
    }

    /// `progress` hears of long work (image downloads and uploads) in a few lines.
    public func create(_ object: ManagedObject, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> [String: JSONValue] {
        let connection = try await connections.connection(for: object.connection)
        var properties: [String: JSONValue] = ["resource_id": .string(object.name)]
        if let pool = object.pool { properties["pool"] = .string(pool) }
        if object.adopted {
            guard try await exists(object, on: connection) else {
                throw BackendProblem("use_external_resource is true, but there is no \(object.label); create it first or set use_external_resource: false")
            }
            properties["use_external_resource"] = .bool(true)
            return properties
        }
        if object.kind == .iso9660 {
            guard object.imageBytes != nil else { throw BackendProblem("\(object.label) has no contents (a bug: apply makes them)") }
            try await createVolume(object, xml: "", on: connection, progress: progress)
            return properties
        }
        // As in the plugin, a domain is defined at configure: the relationships' preconfigure
        // operations may still change its params.
        if object.kind == .domain { return properties }
        guard let xml = object.xml else {
            throw BackendProblem("bluevirt cannot create \(object.kind.rawValue) objects yet (no document)")
        }
        switch object.kind {
        case .network:
            let network: LibvirtNetwork
            if let existing = try await Self.missingIsNil({ try await connection.network(named: object.name) }) {
                try await Self.requireOwned(object, metadata: existing.xmlDescription())
                network = existing
            } else {
                network = try await connection.defineNetwork(xml: xml)
            }
            if try await !network.isActive() { try await network.start() }
            if object.autostart, !object.adopted { try await network.setAutostart(true) }
        case .pool:
            if try await Self.missingIsNil({ try await connection.storagePool(named: object.name) }) == nil {
                _ = try await connection.defineStoragePool(xml: xml)
            }
        case .volume:
            try await createVolume(object, xml: xml, on: connection, progress: progress)
        case .domain, .iso9660:
            break
        }
        return properties
    }

    public func configure(_ object: ManagedObject) async throws -> [String: JSONValue] {
        if object.kind == .domain, !object.adopted {
            guard let xml = object.xml else { throw BackendProblem("\(object.label) has no document to define (a bug: apply renders it)") }
            let connection = try await connections.connection(for: object.connection)
            if let existing = try await Self.missingIsNil({ try await connection.domain(named: object.name) }) {
                try await Self.requireOwned(object, metadata: existing.metadata(namespaceURI: InstanceIdentity.metadataNamespace))
                // This instance's own domain, from an interrupted run: defined again with its
                // document now, which scripts may have changed since.
                if try await !existing.isActive() { _ = try await Self.redefine(existing, xml: xml, on: connection) }
            } else {
                _ = try await connection.defineDomain(xml: xml)
            }
            return [:]
        }
        guard object.kind == .pool, !object.adopted else { return [:] }
        let pool = try await connections.connection(for: object.connection).storagePool(named: object.name)
        if try await !pool.isActive() {
            // Nothing to build for this pool type or driver is fine.
            try await Self.ignoring([.noSupport, .operationInvalid]) { try await pool.build() }
        }
        return [:]
    }

    public func start(_ object: ManagedObject) async throws -> [String: JSONValue] {
        let connection = try await connections.connection(for: object.connection)
        switch object.kind {
        case .pool where !object.adopted:
            let pool = try await connection.storagePool(named: object.name)
            if try await !pool.isActive() { try await PoolHostDirectory.start(pool, of: object) }
            return [:]
        case .domain:
            guard var domain = try await Self.missingIsNil({ try await connection.domain(named: object.name) }) else {
                throw BackendProblem("""
                    \(object.label) is not defined: the libvirt plugin defines a domain in its configure task \
                    (libvirt.cloudify_libvirt.domain_tasks.configure); keep that task as the node's configure operation
                    """)
            }
            var baseline = LeaseBaseline()
            // Whether the domain is defined with `object.xml`, so that the networks it joins are the document's.
            var definedFromDocument = object.documentIsDefined && !object.adopted
            if !object.adopted, try await !domain.isActive() {
                // A resumed apply may carry a corrected document (a start that failed on a wrong
                // kernel path, say): the domain an earlier create defined, never started by this
                // deployment, is defined again with the current document, so that it starts with
                // what the blueprint says now.
                if let xml = object.xml, !object.documentIsDefined { domain = try await Self.redefine(domain, xml: xml, on: connection) }
                definedFromDocument = object.xml != nil
                let document = if let xml = object.xml { xml } else { try await domain.xmlDescription() }
                try await DomainHostFiles.check(object, xml: document, on: connection)
                try await DomainNetworksCheck.check(object, xml: document, on: connection)
                // Test-driver worlds have no lease tables: nothing to read there.
                if object.waitForAddresses, !object.connection.hasPrefix("test:") {
                    baseline = await LeaseBaseline.taken(domainXML: try await domain.xmlDescription(), on: connection)
                }
                try await TransientStartRetry.run(domain) { try await domain.start() }
            }
            let networks = DomainNetworks.interfaceNetworks(in: object.xml ?? "")
            guard object.waitForAddresses, !networks.isEmpty else { return [:] }
            var wait = addressWait
            if let sources = object.addressSources, !sources.isEmpty { wait.sources = sources }
            if let timeout = object.addressTimeout { wait.timeout = timeout }
            let interfaces = try await wait.addresses(
                of: domain, expected: networks.count, networks: networks, documentDefined: definedFromDocument, baseline: baseline)
            return Self.addressProperties(interfaces)
        default:
            return [:]
        }
    }

    public func stop(_ object: ManagedObject) async throws {
        guard !object.adopted else { return }
        let connection = try await connections.connection(for: object.connection)
        switch object.kind {
        case .domain:
            guard let domain = try await Self.missingIsNil({ try await connection.domain(named: object.name) }),
                  try await domain.isActive() else { return }
            do {
                try await domain.shutdown()
            } catch {
                // A domain that stopped in the meantime is what was asked for.
                if try await !domain.isActive() { return }
                throw error
            }
            if try await domain.waitForState(.shutOff, timeout: object.shutdownTimeout ?? shutdownTimeout) { return }
            if try await domain.isActive() { try await domain.destroy() }
        case .pool:
            guard let pool = try await Self.missingIsNil({ try await connection.storagePool(named: object.name) }),
                  try await pool.isActive() else { return }
            try await pool.destroy()
        default:
            return
        }
    }

    public func delete(_ object: ManagedObject) async throws {
        guard !object.adopted else { return }
        let connection = try await connections.connection(for: object.connection)
        switch object.kind {
        case .domain:
            guard let domain = try await Self.missingIsNil({ try await connection.domain(named: object.name) }) else { return }
            if try await domain.isActive() { try await domain.destroy() }
            // Backups (`bluevirt run backup`) go with their domain, as in the plugin's delete.
            try await domain.deleteAllSnapshots()
            try await domain.undefine()
        case .network:
            guard let network = try await Self.missingIsNil({ try await connection.network(named: object.name) }) else { return }
            if try await network.isActive() { try await network.destroy() }
            try await network.undefine()
        case .pool:
            guard let pool = try await Self.missingIsNil({ try await connection.storagePool(named: object.name) }) else { return }
            if try await pool.isActive() { try await pool.destroy() }
            try await pool.undefine()
        case .volume, .iso9660:
            guard !object.writesIntoDeploymentVolume, let poolName = object.pool,
                  let pool = try await Self.missingIsNil({ try await connection.storagePool(named: poolName) }),
                  let volume = try await Self.missingIsNil({ try await pool.volume(named: object.name) }) else { return }
            try await volume.delete()
        }
    }

    /// When `error` came from `uri`'s host going away (the transport broke, keepalive gave up,
    /// the connection could not be opened), the host counts as unreachable for the rest of the
    /// run and the failure names it; any other error is returned as it is.
    public func naming(_ error: any Error, on uri: String) async -> any Error {
        if error is HostUnreachable { return error }
        let libvirtError = error as? LibvirtError
        if let libvirtError, libvirtError.isConnectionLost {
            await connections.markUnreachable(uri, because: libvirtError)
        } else if await connections.hasLostConnection(uri), let lost = await connections.unreachableReason(uri) {
            return HostUnreachable(host: ConnectionHost.name(of: uri), uri: uri, reason: lost.message)
        } else {
            return error
        }
        return HostUnreachable(host: ConnectionHost.name(of: uri), uri: uri, reason: libvirtError?.message ?? "\(error)")
    }

    /// Whether an adopted object exists.
    private func exists(_ object: ManagedObject, on connection: LibvirtConnection) async throws -> Bool {
        switch object.kind {
        case .domain: try await Self.missingIsNil({ try await connection.domain(named: object.name) }) != nil
        case .network: try await Self.missingIsNil({ try await connection.network(named: object.name) }) != nil
        case .pool: try await Self.missingIsNil({ try await connection.storagePool(named: object.name) }) != nil
        case .volume, .iso9660:
            if let poolName = object.pool,
               let pool = try await Self.missingIsNil({ try await connection.storagePool(named: poolName) }) {
                try await Self.missingIsNil({ try await pool.volume(named: object.name) }) != nil
            } else {
                false
            }
        }
    }

    /// Defines `domain` again from `xml`. Defining over a domain of the same name and UUID
    /// replaces its definition; when the UUID differs (`instance_uuid` changed) libvirt refuses,
    /// and the old definition is undefined first.
    private static func redefine(_ domain: LibvirtDomain, xml: String, on connection: LibvirtConnection) async throws -> LibvirtDomain {
        let xml = KeptMACAddresses.apply(from: try await domain.xmlDescription(inactive: true), to: xml)
        do {
            return try await connection.defineDomain(xml: xml)
        } catch {
            try await domain.undefine()
            return try await connection.defineDomain(xml: xml)
        }
    }

    /// The result of a lookup, or nil when libvirt says there is no such object.
    static func missingIsNil<T>(_ lookup: () async throws -> T) async throws -> T? {
        do {
            return try await lookup()
        } catch let error as LibvirtError where [.noDomain, .noNetwork, .noStoragePool, .noStorageVolume].contains(error.code) {
            return nil
        }
    }

    /// Runs `body`; a libvirt error with one of `codes` counts as success.
    static func ignoring(_ codes: Set<LibvirtError.Code>, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as LibvirtError where codes.contains(error.code) {
            return
        }
    }

    /// An object found under the name bluevirt would create must be this instance's, left by an
    /// interrupted run; anything else is someone else's and is not taken over.
    private static func requireOwned(_ object: ManagedObject, metadata: String?) throws {
        guard Ownership.isOwned(metadata: metadata, deployment: object.deployment, instance: object.instance) else {
            throw BackendProblem("""
                \(object.label) already exists and does not belong to instance '\(object.instance)' of deployment \
                '\(object.deployment)'; remove or rename it, or adopt it with use_external_resource: true and resource_id
                """)
        }
    }

    /// `ip` (the first IPv4 address) and, per interface, its MAC and addresses, as the plugin records them.
    static func addressProperties(_ interfaces: [DomainInterface]) -> [String: JSONValue] {
        var properties: [String: JSONValue] = [:]
        if let first = interfaces.lazy.flatMap(\.addresses).first(where: { $0.family == .ipv4 }) {
            properties["ip"] = .string(first.address)
        }
        properties["interfaces"] = .array(interfaces.map { interface in
            .object([
                "name": .string(interface.name),
                "mac": interface.hardwareAddress.map(JSONValue.string) ?? .null,
                "addrs": .array(interface.addresses.map { .string("\($0.address)/\($0.prefix)") }),
            ])
        })
        return properties
    }
}
