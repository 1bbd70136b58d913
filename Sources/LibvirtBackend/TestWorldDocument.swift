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
        for domain in try await allDomains() {
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
            parts.append(Self.inserting(extras, beforeClosing: "domain", in: xml))
        }
        // The test driver knows neither VIR_NETWORK_XML_INACTIVE nor VIR_STORAGE_XML_INACTIVE;
        // the live XML of its networks and pools is their definition.
        for network in try await allNetworks() {
            parts.append(try await network.xmlDescription())
        }
        for pool in try await allStoragePools() {
            let xml = try await pool.xmlDescription()
            var volumes = ""
            if try await pool.isActive() {
                for volume in try await pool.allVolumes() {
                    volumes += try await volume.xmlDescription()
                }
            }
            parts.append(Self.inserting(volumes, beforeClosing: "pool", in: xml))
        }
        parts.append("</node>\n")
        return parts.joined(separator: "\n")
    }

    /// `xml` with `fragment` placed just before its last `</element>`.
    private static func inserting(_ fragment: String, beforeClosing element: String, in xml: String) -> String {
        guard !fragment.isEmpty, let closing = xml.range(of: "</\(element)>", options: .backwards) else { return xml }
        return xml.replacingCharacters(in: closing.lowerBound..<closing.lowerBound, with: fragment)
    }
}
