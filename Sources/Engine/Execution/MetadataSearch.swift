import LibvirtBackend
import Rendering
import StateStore

/// Finds a deployment's objects on libvirt connections by the `<metadata>` bluevirt writes
/// into every domain and network it creates, for a `destroy` whose state was lost. Pools and
/// volumes carry no metadata in libvirt, so they cannot be found this way.
enum MetadataSearch {
    /// A connection to search could not be opened.
    struct ConnectionFailure: Error {
        var uri: String
        var cause: LibvirtError
    }

    /// Node instance records (state `started`) for every domain and network of `deployment` on `uris`.
    static func records(deployment: String, uris: [String], connections: LibvirtConnectionPool) async throws -> [NodeInstanceRecord] {
        var found: [NodeInstanceRecord] = []
        for uri in Set(uris).sorted() {
            // No apply with --simulate in this state directory: nothing to find, and the test
            // driver would refuse the missing file.
            if SimulatedWorlds.isUnwritten(uri) { continue }
            let connection: LibvirtConnection
            do {
                connection = try await connections.connection(for: uri)
            } catch {
                throw ConnectionFailure(uri: uri, cause: error)
            }
            for domain in try await connection.allDomains() {
                guard let metadata = try await domain.metadata(namespaceURI: InstanceIdentity.metadataNamespace),
                      let owner = owner(in: metadata), owner.deployment == deployment else { continue }
                found.append(NodeInstanceRecord(deployment: deployment, instanceID: owner.instance, nodeName: owner.node, type: LibvirtObjectKind.domain.nodeType,
                                                connectionURI: uri, objectKind: LibvirtObjectKind.domain.rawValue, objectName: domain.name, state: .started))
            }
            for network in try await connection.allNetworks() {
                guard let owner = owner(in: try await network.xmlDescription()), owner.deployment == deployment else { continue }
                found.append(NodeInstanceRecord(deployment: deployment, instanceID: owner.instance, nodeName: owner.node, type: LibvirtObjectKind.network.nodeType,
                                                connectionURI: uri, objectKind: LibvirtObjectKind.network.rawValue, objectName: network.name, state: .started))
            }
        }
        return found
    }

    /// The deployment, node and instance of the `<bluevirt:instance …/>` element in `xml`.
    static func owner(in xml: String) -> (deployment: String, node: String, instance: String)? {
        guard let attribute = instanceAttributes(in: xml),
              let deployment = attribute("deployment"), let node = attribute("node"), let instance = attribute("instance") else { return nil }
        return (deployment, node, instance)
    }

    /// The attributes of the `<bluevirt:instance …/>` element in `xml`, decoded, by name.
    static func instanceAttributes(in xml: String) -> ((String) -> String?)? {
        // In a network's XML the element keeps its prefix; virDomainGetMetadata gives it bare.
        guard let start = xml.firstRange(ofASCII: "<bluevirt:instance ") ?? xml.firstRange(ofASCII: "<instance ") else { return nil }
        let element = " " + xml[start.upperBound...].prefix { $0 != ">" }
        return { name in
            for quote in ["\"", "'"] {
                guard let found = element.firstRange(ofASCII: " \(name)=\(quote)") else { continue }
                return XMLCharacterData.decoded(element[found.upperBound...].prefix { String($0) != quote })
            }
            return nil
        }
    }
}
