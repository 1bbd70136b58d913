import Diagnostics
import Rendering

/// An object that names another in plain text: a domain the networks it joins
/// (`networks: [{network: lan-1}]`), a volume or seed image the pool it is made in
/// (`pool: images`), where the deployment makes objects of that kind of its own on that
/// connection. A name that is none of them must be one the host has already, or is a mistake (a
/// name copied from another deployment); a name that is one of them but generated
/// (`DEPLOYMENT-INSTANCE`) holds only for this deployment name. Both are warnings: the host may
/// well have the object. A deployment that makes none there can only mean the host's, and
/// `default` is libvirt's own network and pool.
enum WrittenObjectNames {
    /// A name written as text where an object names another, and where.
    struct Written: Sendable, Hashable {
        var name: String
        var range: SourceRange
    }

    /// The kind of object an object of `kind` names in its params, if it names one.
    static func namedKind(by kind: LibvirtObjectKind) -> LibvirtObjectKind? {
        switch kind {
        case .domain: .network
        case .volume, .iso9660: .pool
        case .network, .pool: nil
        }
    }

    /// The objects an object of `kind` names in plain text in its evaluated params. Ranges are
    /// looked up only for names that may be warned about: they cost more than the rest.
    static func written(by kind: LibvirtObjectKind, in params: ParamsResolver.Resolved) -> [Written] {
        switch kind {
        case .domain:
            guard case .list(let items)? = params.values["networks"] else { return [] }
            return items.indices.compactMap { index in
                guard case .map(let interface) = items[index], case .string(let name)? = interface["network"] else { return nil }
                return written(name, atPath: "networks[\(index)].network", in: params)
            }
        case .volume, .iso9660:
            guard case .string(let name)? = params.values["pool"] else { return [] }
            return written(name, atPath: "pool", in: params).map { [$0] } ?? []
        case .network, .pool:
            return []
        }
    }

    /// `name`, when it is written as text at `path` and is not libvirt's own `default`.
    private static func written(_ name: String, atPath path: String, in params: ParamsResolver.Resolved) -> Written? {
        guard name != "default", let range = params.ranges.literalRange(ofPath: path) else { return nil }
        return Written(name: name, range: range)
    }

    /// `written` and `generatedNames` are parallel to `objects`.
    static func check(_ objects: [LibvirtObject], written: [[Written]], generatedNames: [Bool], deployment: String) -> [Diagnostic] {
        // The deployment's own objects by kind, connection and name.
        var made: [LibvirtObjectKind: [String: [String: Int]]] = [:]
        for index in objects.indices where objects[index].kind == .network || objects[index].kind == .pool {
            made[objects[index].kind, default: [:]][objects[index].connection, default: [:]][objects[index].name] = index
        }
        guard !made.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        for index in objects.indices where !written[index].isEmpty {
            let referrer = objects[index]
            guard let kind = namedKind(by: referrer.kind), let own = made[kind]?[referrer.connection] else { continue }
            let wording = Wording(kind)
            for reference in written[index] {
                if let found = own[reference.name] {
                    guard generatedNames[found], !objects[found].isExternal else { continue }
                    let node = objects[found].node
                    diagnostics.append(.warning(
                        wording.generatedCode,
                        "node template '\(referrer.node)' \(wording.uses) '\(reference.name)' by the name bluevirt generates for node '\(node)' in deployment '\(deployment)'; under another deployment name (-d, or the blueprint's file renamed) that \(wording.noun) is named differently",
                        at: reference.range,
                        notes: [DiagnosticNote("write { get_attribute: [\(node), resource_id] }, which follows the deployment's name\(wording.ordering(node)), or give the \(wording.noun) a name of its own (params.name)")]))
                } else {
                    let ownNames = own.sorted { $0.key < $1.key }.map { "'\($0.key)' (node '\(objects[$0.value].node)')" }
                    let suggestion = own.count == 1 ? objects[own.first!.value].node : "NODE"
                    diagnostics.append(.warning(
                        wording.unknownCode,
                        "node template '\(referrer.node)' \(wording.uses) '\(reference.name)', which is none of this deployment's \(wording.noun)s on '\(referrer.connection)': \(ownNames.joined(separator: ", "))",
                        at: reference.range,
                        notes: [DiagnosticNote("apply fails \(wording.when) unless the host already has a \(wording.noun) '\(reference.name)'; to \(wording.use) the deployment's \(wording.noun), write { get_attribute: [\(suggestion), resource_id] }\(wording.ordering(suggestion))")]))
                }
            }
        }
        return diagnostics
    }

    /// How the warnings about names of a kind of object read.
    private struct Wording {
        let noun: String
        /// What the naming object does with it, up to the name: "joins the network".
        let uses: String
        /// The verb of the note's advice: "join".
        let use: String
        /// When apply finds the object missing.
        let when: String
        /// The relationship that orders the named object first, when the note must say so.
        let relationship: String?
        let unknownCode: DiagnosticCode
        let generatedCode: DiagnosticCode

        init(_ kind: LibvirtObjectKind) {
            if kind == .pool {
                (noun, uses, use, when, relationship) = ("pool", "makes its volume in the pool", "use", "when it makes the volume", "cloudify.relationships.depends_on")
                (unknownCode, generatedCode) = (.unknownVolumePool, .generatedPoolNameWritten)
            } else {
                (noun, uses, use, when, relationship) = ("network", "joins the network", "join", "at once", nil)
                (unknownCode, generatedCode) = (.unknownDomainNetwork, .generatedNetworkNameWritten)
            }
        }

        /// The advice to order the node after `node`, when the kind needs it said.
        func ordering(_ node: String) -> String {
            relationship.map { ", with a \($0) relationship to '\(node)'" } ?? ""
        }
    }
}
