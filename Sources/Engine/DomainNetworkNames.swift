import Diagnostics

/// A domain that names a network in plain text (`networks: [{network: lan-1}]`) where the
/// deployment makes networks of its own on that connection. A name that is none of them must
/// be a network the host has already, or is a mistake (a name copied from another deployment);
/// a name that is one of them but generated (`DEPLOYMENT-INSTANCE`) holds only for this
/// deployment name. Both are warnings: the host may well have the network. A deployment that
/// makes no network there can only mean the host's, and `default` is libvirt's own.
enum DomainNetworkNames {
    /// A network name written as text in a domain's `networks`, and where.
    struct Written: Sendable, Hashable {
        var name: String
        var range: SourceRange
    }

    /// The networks a domain's evaluated params name in plain text.
    static func written(in params: ParamsResolver.Resolved) -> [Written] {
        guard case .list(let items)? = params.values["networks"] else { return [] }
        return items.indices.compactMap { index in
            guard case .map(let interface) = items[index], case .string(let name)? = interface["network"],
                  let range = params.ranges.literalRange(ofPath: "networks[\(index)].network") else { return nil }
            return Written(name: name, range: range)
        }
    }

    /// `written` and `generatedNames` are parallel to `objects`.
    static func check(_ objects: [LibvirtObject], written: [[Written]], generatedNames: [Bool], deployment: String) -> [Diagnostic] {
        var networks: [String: [String: Int]] = [:]
        for index in objects.indices where objects[index].kind == .network {
            networks[objects[index].connection, default: [:]][objects[index].name] = index
        }
        guard !networks.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        for index in objects.indices where !written[index].isEmpty {
            let domain = objects[index]
            guard let own = networks[domain.connection] else { continue }
            for network in written[index] where network.name != "default" {
                if let found = own[network.name] {
                    guard generatedNames[found], !objects[found].isExternal else { continue }
                    let node = objects[found].node
                    diagnostics.append(.warning(
                        .generatedNetworkNameWritten,
                        "node template '\(domain.node)' joins the network '\(network.name)' by the name bluevirt generates for node '\(node)' in deployment '\(deployment)'; under another deployment name (-d, or the blueprint's file renamed) that network is named differently",
                        at: network.range,
                        notes: [DiagnosticNote("write { get_attribute: [\(node), resource_id] }, which follows the deployment's name, or give the network a name of its own (params.name)")]))
                } else {
                    let ownNames = own.sorted { $0.key < $1.key }.map { "'\($0.key)' (node '\(objects[$0.value].node)')" }
                    let suggestion = own.count == 1 ? objects[own.first!.value].node : "NODE"
                    diagnostics.append(.warning(
                        .unknownDomainNetwork,
                        "node template '\(domain.node)' joins the network '\(network.name)', which is none of this deployment's networks on '\(domain.connection)': \(ownNames.joined(separator: ", "))",
                        at: network.range,
                        notes: [DiagnosticNote("apply fails at once unless the host already has a network '\(network.name)'; to join the deployment's network, write { get_attribute: [\(suggestion), resource_id] }")]))
                }
            }
        }
        return diagnostics
    }
}
