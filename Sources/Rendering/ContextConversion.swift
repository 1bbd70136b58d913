/// Mustache reads `[String: Any]` trees. A key that an item lacks makes Mustache look it up in
/// the enclosing contexts (a disk without `name` would print the domain's name), so every
/// optional key the built-in templates read is set, to `false` when absent.
extension RenderValue {
    var mustacheValue: Any {
        switch self {
        case .string(let text): text
        case .int(let number): number
        case .bool(let flag): flag
        case .list(let items): items.map(\.mustacheValue)
        case .map(let pairs): pairs.mapValues(\.mustacheValue)
        case .pending(let source): RenderValue.placeholder(for: source)
        }
    }
}

extension ParameterReader {
    /// The given values as a template context, with room for the `added` keys the context
    /// builder sets: grown key by key instead, a domain's context was rehashed four times.
    func context(adding added: Int) -> [String: Any] {
        var context = [String: Any](minimumCapacity: values.count + added)
        for (key, value) in values { context[key] = value.mustacheValue }
        return context
    }
}

extension Optional {
    /// The wrapped value, or `false` so that a Mustache section over it renders nothing.
    var orFalse: Any { self.map { $0 as Any } ?? false }
}

/// The parts every document shares: its name, UUID and bluevirt metadata.
struct CommonFields {
    var name: String
    var uuid: String

    /// Resolves `name` (or the plugin's `resource_id`), else the name derived from the instance
    /// identity; a diagnostic when neither exists or the name cannot be a libvirt name.
    /// `derivingUUID`: false for a context that is only checked (ContextRecorder), which needs
    /// no UUID unless one is given; `uuid` is then empty.
    static func read(
        _ reader: ParameterReader, kind: DocumentKind, suffix: String = "", derivingUUID: Bool = true
    ) -> CommonFields? {
        let identity = reader.parameters.identity
        let key = reader.isGiven("name") ? "name" : "resource_id"
        let name = reader.string(key) ?? identity.map { $0.defaultObjectName + suffix }
        guard let name else {
            reader.error(.missingParameter, "the \(kind.rawValue) needs a name: give 'name' in its parameters", at: "name")
            return nil
        }
        if let problem = ValueChecks.problem(withObjectName: name) {
            reader.error(.invalidObjectName, "the \(kind.rawValue) name '\(name)' \(problem)", at: key,
                         notes: ["libvirt object names are plain words such as 'web-1'"])
        }
        var uuid = derivingUUID ? ValueChecks.stableUUID(seed: "\(kind.rawValue)/\(identity?.deployment ?? "")/\(name)") : ""
        if let given = reader.string("instance_uuid") {
            if ValueChecks.isUUID(given) {
                uuid = given
            } else {
                reader.error(.invalidUUID, "'instance_uuid' must be a UUID such as 4dea22b3-1d52-d8f3-2516-782e98ab3fa0, not '\(given)'", at: "instance_uuid")
            }
        }
        return CommonFields(name: name, uuid: uuid)
    }

    /// The context keys for these fields plus the metadata of `identity`.
    func contextValues(identity: InstanceIdentity?) -> [String: Any] {
        let metadata: Any = identity.map {
            [
                "namespace": InstanceIdentity.metadataNamespace,
                "deployment": $0.deployment, "node": $0.node, "instance": $0.instance,
            ] as [String: Any]
        }.orFalse
        return ["name": name, "resource_id": name, "instance_uuid": uuid, "metadata": metadata]
    }
}
