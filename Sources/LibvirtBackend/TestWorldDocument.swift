import CLibvirt
import Platform

/// A test driver world in pieces, one per object, so that a run that changes one object can
/// describe that object again and write the whole world without asking libvirt about all the
/// others (a world of 1,000 domains written after every step would otherwise cost a million
/// libvirt calls).
public struct TestWorldParts: Sendable, Equatable {
    /// Domain, network and pool definitions by object name; a pool's without its volumes.
    public var domains: [String: String] = [:]
    public var networks: [String: String] = [:]
    public var pools: [String: String] = [:]
    /// Volume definitions by pool name, then volume name.
    public var volumes: [String: [String: String]] = [:]

    public init() {}

    /// The `<node>` document of these parts, objects in name order.
    public var document: String {
        var parts = ["<node>"]
        parts += domains.keys.sorted().compactMap { domains[$0] }
        parts += networks.keys.sorted().compactMap { networks[$0] }
        for name in pools.keys.sorted() {
            guard let xml = pools[name] else { continue }
            let inside = (volumes[name] ?? [:]).sorted { $0.key < $1.key }.map(\.value).joined()
            parts.append(LibvirtConnection.inserting(inside, beforeClosing: "pool", in: xml))
        }
        parts.append("</node>\n")
        return parts.joined(separator: "\n")
    }
}

/// A domain as a world document holds it (``xml``), and, for a persistent domain, what of it
/// only a definition change alters, as ``LibvirtConnection/testWorldDomain(named:reusing:)``
/// described it.
public struct DescribedDomain: Sendable, Equatable {
    public var xml: String
    public var definition: DomainDefinition?
}

/// What of a persistent domain's description only a change of its definition alters: libvirt's
/// XML without the test driver's marks and its snapshots as world-document elements, with the
/// ``DomainDefinitionCount`` of the domain when they were read.
public struct DomainDefinition: Sendable, Equatable {
    var text: String
    var snapshots: String
    var count: Int
}

extension LibvirtConnection {
    /// The namespace of the test driver's own domain elements (`<test:runstate>`, …).
    static let testDriverNamespace = "http://libvirt.org/schemas/domain/test/1.0"

    /// A `<node>` document that recreates this connection's domains, networks, storage pools and
    /// volumes when opened as `test:///ABSOLUTE/PATH.xml`, so a simulated world can outlive the
    /// process that made it.
    ///
    /// Domains keep their definition (metadata included), UUID and state: a domain that is not
    /// running carries `<test:runstate>`, a transient one `<test:transient/>`. The test driver
    /// loads every network and pool of such a document as active, and numbers domains afresh,
    /// so the addresses it invents may differ from the previous run's.
    /// `definitions`: domains' definitions as earlier descriptions read them, by domain name;
    /// each is used instead of formatting the domain's definition again while this process has
    /// not changed the domain's definition, persistence or snapshots since
    /// (``DomainDefinitionCount``, ``testWorldDomain(named:reusing:)``).
    public func testWorldDocument(reusing definitions: [String: DomainDefinition] = [:]) async throws(LibvirtError) -> String {
        try await testWorldParts(reusing: definitions).document
    }

    /// Every object of the connection, described as ``testWorldDocument()`` does.
    ///
    /// Other tasks of the same run may delete objects while this is taken: an object gone
    /// between the listing and its description is left out (its own step describes the world
    /// again once it is gone).
    public func testWorldParts(reusing definitions: [String: DomainDefinition] = [:]) async throws(LibvirtError) -> TestWorldParts {
        var parts = TestWorldParts()
        for domain in try await allDomains() {
            let known = definitions[domain.name].flatMap { $0.count == DomainDefinitionCount.of(domain.name, uri: uri) ? $0 : nil }
            guard let xml = try await Self.unlessGone({ () async throws(LibvirtError) -> String in try await Self.describe(domain, reusing: known) }),
                  let name = Self.name(in: xml) else { continue }
            parts.domains[name] = xml
        }
        // The test driver knows neither VIR_NETWORK_XML_INACTIVE nor VIR_STORAGE_XML_INACTIVE;
        // the live XML of its networks and pools is their definition.
        for network in try await allNetworks() {
            guard let xml = try await Self.unlessGone({ () async throws(LibvirtError) -> String in try await network.xmlDescription() }),
                  let name = Self.name(in: xml) else { continue }
            parts.networks[name] = xml
        }
        for pool in try await allStoragePools() {
            guard let described = try await Self.unlessGone({ () async throws(LibvirtError) in try await Self.describe(pool) }),
                  let name = Self.name(in: described.pool) else { continue }
            parts.pools[name] = described.pool
            parts.volumes[name] = described.volumes
        }
        return parts
    }

    /// The domain `name` as a world document holds it; nil when there is none. `earlier`: this
    /// domain as an earlier call described it, when the caller knows that only the domain's state
    /// can have changed since (a start or a stop): its definition and snapshots are used again
    /// and only its state is asked for, instead of formatting the definition (most of the call's
    /// cost), unless this process defined, undefined, reverted or snapshotted the domain in
    /// between (``DomainDefinitionCount``).
    public func testWorldDomain(named name: String, reusing earlier: DomainDefinition? = nil) async throws(LibvirtError) -> DescribedDomain? {
        // The lookup and the description in one call: a run describes a domain after each of
        // its steps (on the caller's thread for a world in this process, else one trip to a
        // libvirt thread).
        try await Self.unlessGone { () async throws(LibvirtError) -> DescribedDomain in
            try await LibvirtWorker.run(watching: self) { () throws(LibvirtError) in
                let count = DomainDefinitionCount.of(name, uri: self.uri)
                let handle = try LibvirtCall.check(virDomainLookupByName(self.pointer, name), "virDomainLookupByName")
                defer { virDomainFree(handle) }
                return try Self.describeDomain(handle, count: count, reusing: earlier.flatMap { $0.count == count ? $0 : nil })
            }
        }
    }

    /// The network `name` as a world document holds it; nil when there is none.
    public func testWorldNetwork(named name: String) async throws(LibvirtError) -> String? {
        try await Self.unlessGone { () async throws(LibvirtError) -> String in try await network(named: name).xmlDescription() }
    }

    /// The pool `name` (without its volumes) and its volumes by name; nil when there is none.
    public func testWorldPool(named name: String) async throws(LibvirtError) -> (pool: String, volumes: [String: String])? {
        try await Self.unlessGone { () async throws(LibvirtError) in try await Self.describe(try await storagePool(named: name)) }
    }

    /// The volume `name` of pool `pool`; nil when there is none.
    public func testWorldVolume(named name: String, inPool pool: String) async throws(LibvirtError) -> String? {
        try await Self.unlessGone { () async throws(LibvirtError) -> String in
            try await storagePool(named: pool).volume(named: name).xmlDescription()
        }
    }

    private static func describe(_ domain: LibvirtDomain, reusing earlier: DomainDefinition?) async throws(LibvirtError) -> String {
        try await LibvirtWorker.run(watching: domain.connection) { () throws(LibvirtError) in
            try describeDomain(domain.pointer, count: earlier?.count ?? 0, reusing: earlier).xml
        }
    }

    /// The domain's definition (its live XML when it has none), with its state when it is not
    /// running, a mark when it is transient, and its snapshots. `earlier` (see
    /// ``testWorldDomain(named:reusing:)``) gives a persistent domain's definition and snapshots;
    /// `count` is the domain's ``DomainDefinitionCount`` now.
    private static func describeDomain(_ handle: OpaquePointer, count: Int, reusing earlier: DomainDefinition?) throws(LibvirtError) -> DescribedDomain {
        var persistent = earlier != nil
        if !persistent { persistent = try LibvirtCall.value(virDomainIsPersistent(handle), "virDomainIsPersistent") == 1 }
        var rawState: Int32 = 0
        var reason: Int32 = 0
        try LibvirtCall.check(virDomainGetState(handle, &rawState, &reason, 0), "virDomainGetState")
        let state = DomainState(rawValue: rawState) ?? .noState
        var extras = ""
        if state != .running {
            extras += "<test:runstate xmlns:test='\(testDriverNamespace)'>\(state.rawValue)</test:runstate>"
        }
        if !persistent {
            extras += "<test:transient xmlns:test='\(testDriverNamespace)'/>"
        }
        let definition: DomainDefinition
        if let earlier {
            definition = earlier
        } else {
            let flags = persistent ? VIR_DOMAIN_XML_INACTIVE.rawValue : 0
            let text = try LibvirtCall.takeString(virDomainGetXMLDesc(handle, flags), "virDomainGetXMLDesc")
            definition = DomainDefinition(text: text, snapshots: try snapshotElements(of: handle), count: count)
        }
        extras += definition.snapshots
        return DescribedDomain(xml: inserting(extras, beforeClosing: "domain", in: definition.text), definition: persistent ? definition : nil)
    }

    /// Snapshots (`bluevirt run backup`) outlive the process too: the test driver reads each
    /// `<test:domainsnapshot>` as the body of a `<domainsnapshot>` document, in the form a
    /// redefinition takes (`<active>`: whether it is the current snapshot).
    private static func snapshotElements(of handle: OpaquePointer) throws(LibvirtError) -> String {
        var elements = ""
        for snapshot in try LibvirtDomain.snapshotDescriptions(of: handle) {
            let body = snapshot.xml.replacing("<domainsnapshot>", with: "").replacing("</domainsnapshot>", with: "")
            elements += "<test:domainsnapshot xmlns:test='\(testDriverNamespace)'>\(body)<active>\(snapshot.isCurrent ? 1 : 0)</active></test:domainsnapshot>"
        }
        return elements
    }

    private static func describe(_ pool: LibvirtStoragePool) async throws(LibvirtError) -> (pool: String, volumes: [String: String]) {
        let xml = try await pool.xmlDescription()
        var volumes: [String: String] = [:]
        if try await pool.isActive() {
            for volume in try await pool.allVolumes() {
                guard let text = try await unlessGone({ () async throws(LibvirtError) -> String in try await volume.xmlDescription() }),
                      let name = name(in: text) else { continue }
                volumes[name] = text
            }
        }
        return (xml, volumes)
    }

    /// The object's name: the first `<name>` of its XML, unescaped.
    static func name(in xml: String) -> String? {
        guard let open = xml.firstRange(ofASCII: "<name>"), let close = xml[open.upperBound...].firstRange(ofASCII: "</name>") else { return nil }
        return XMLCharacterData.decoded(xml[open.upperBound..<close.lowerBound])
    }

    /// `body`'s result; nil when the object it describes is not there (or was removed meanwhile).
    private static func unlessGone<T>(_ body: () async throws(LibvirtError) -> T) async throws(LibvirtError) -> T? {
        do {
            return try await body()
        } catch where [.noDomain, .noNetwork, .noStoragePool, .noStorageVolume].contains(error.code) {
            return nil
        }
    }

    /// `xml` with `fragment` placed just before its last `</element>`.
    static func inserting(_ fragment: String, beforeClosing element: String, in xml: String) -> String {
        guard !fragment.isEmpty, let closing = xml.lastRange(ofASCII: "</\(element)>") else { return xml }
        // Slices, not Foundation's replacingCharacters, which copies the document through NSString.
        return String(xml[..<closing.lowerBound]) + fragment + String(xml[closing.lowerBound...])
    }
}
