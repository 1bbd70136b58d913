import Foundation

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
    public func testWorldDocument() async throws(LibvirtError) -> String {
        var parts = ["<node>"]
        // Other tasks of the same run may delete objects while this snapshot is taken: an
        // object gone between the listing and its description is left out (its own step saves
        // the world again once it is gone).
        for domain in try await allDomains() {
            guard let part = try await Self.unlessGone({ () async throws(LibvirtError) -> String in
                let persistent = try await domain.isPersistent()
                let state = try await domain.state().state
                var extras = ""
                if state != .running {
                    extras += "<test:runstate xmlns:test='\(Self.testDriverNamespace)'>\(state.rawValue)</test:runstate>"
                }
                if !persistent {
                    extras += "<test:transient xmlns:test='\(Self.testDriverNamespace)'/>"
                }
                let xml = try await domain.xmlDescription(inactive: persistent)
                return Self.inserting(extras, beforeClosing: "domain", in: xml)
            }) else { continue }
            parts.append(part)
        }
        // The test driver knows neither VIR_NETWORK_XML_INACTIVE nor VIR_STORAGE_XML_INACTIVE;
        // the live XML of its networks and pools is their definition.
        for network in try await allNetworks() {
            guard let part = try await Self.unlessGone({ () async throws(LibvirtError) -> String in try await network.xmlDescription() }) else { continue }
            parts.append(part)
        }
        for pool in try await allStoragePools() {
            guard let part = try await Self.unlessGone({ () async throws(LibvirtError) -> String in
                let xml = try await pool.xmlDescription()
                var volumes = ""
                if try await pool.isActive() {
                    for volume in try await pool.allVolumes() {
                        volumes += try await Self.unlessGone({ () async throws(LibvirtError) -> String in try await volume.xmlDescription() }) ?? ""
                    }
                }
                return Self.inserting(volumes, beforeClosing: "pool", in: xml)
            }) else { continue }
            parts.append(part)
        }
        parts.append("</node>\n")
        return parts.joined(separator: "\n")
    }

    /// `body`'s result; nil when the object it describes was removed meanwhile.
    private static func unlessGone<T>(_ body: () async throws(LibvirtError) -> T) async throws(LibvirtError) -> T? {
        do {
            return try await body()
        } catch where [.noDomain, .noNetwork, .noStoragePool, .noStorageVolume].contains(error.code) {
            return nil
        }
    }

    /// `xml` with `fragment` placed just before its last `</element>`.
    private static func inserting(_ fragment: String, beforeClosing element: String, in xml: String) -> String {
        guard !fragment.isEmpty, let closing = xml.range(of: "</\(element)>", options: .backwards) else { return xml }
        return xml.replacingCharacters(in: closing.lowerBound..<closing.lowerBound, with: fragment)
    }
}
