import LibvirtBackend
import Rendering

/// The libvirt networks a domain document joins, checked on its host before the domain starts.
/// QEMU's driver refuses to start a domain on a network that does not exist, but libvirt's test
/// driver (`--simulate`) starts it all the same, and `start` then waited its whole address
/// timeout for an address on a network that is not there. Both fail here, at once, naming the
/// network and the deployment's own networks.
enum DomainNetworksCheck {
    static func check(_ object: ManagedObject, xml: String, on connection: LibvirtConnection) async throws {
        // ESX's interfaces sit on port groups, which are no libvirt networks.
        guard Driver(connectionURI: object.connection) != .esx else { return }
        var checked: Set<String> = []
        for network in DomainNetworks.interfaceNetworks(in: xml) where checked.insert(network).inserted {
            guard try await !connection.hasNetwork(named: network) else { continue }
            throw BackendProblem(problem(network: network, of: object))
        }
    }

    private static func problem(network: String, of object: ManagedObject) -> String {
        let host = ConnectionHost.name(of: object.connection)
        let missing = "network '\(network)' not found on \(host): the domain joins it in its 'networks'"
        if object.deploymentNetworks.contains(network) {
            return "\(missing), and the deployment makes it, but not before the domain starts; "
                + "give the domain a cloudify.libvirt.relationships.connected_to relationship to the network's node"
        }
        let own = object.deploymentNetworks.isEmpty
            ? "the deployment makes no network there"
            : "the deployment's networks there: \(object.deploymentNetworks.map { "'\($0)'" }.joined(separator: ", "))"
        return "\(missing); create it, or name one of the deployment's networks (\(own)), best as "
            + "{ get_attribute: [NODE, resource_id] } of its node, which follows the deployment's name"
    }
}
