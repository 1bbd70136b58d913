/// Turns pool and volume parameters into their templates' contexts, with the plugin's units:
/// pool capacity in GiB, volume capacity and allocation in MiB.
enum StorageContext {
    static let poolTypes = ["dir"]
    static let poolKeys: Set<String> = ["name", "resource_id", "instance_uuid", "path", "capacity", "type", "mode", "owner", "group"]
    static let volumeKeys: Set<String> = [
        "name", "resource_id", "instance_uuid", "capacity", "allocation", "format", "backing_store", "backing_format",
        "pool", "mode", "owner", "group",
        // Read by the operations (download, wipe, clone), not the template.
        "url", "zero_wipe", "path", "sha256", "backing_volume", "backing_pool",
    ]
    static let volumeFormats = ["qcow2", "raw"]

    static func pool(_ reader: ParameterReader, warnUnknown: Bool) -> [String: Any] {
        var context = reader.context(adding: 12)
        if warnUnknown { reader.warnUnknownKeys(known: poolKeys, template: "pool-dir") }
        let common = CommonFields.read(reader, kind: .pool)
        if let common {
            context.merge(common.contextValues(identity: reader.parameters.identity)) { _, new in new }
        }
        context["type"] = reader.choice("type", allowed: poolTypes, meaning: "pool type") ?? "dir"
        // The plugin's default: a directory named after the pool in libvirt's image directory.
        let path = reader.isGiven("path") ? reader.absolutePath("path") : common.map { TemplateRenderer.defaultPoolPath(named: $0.name) }
        context["path"] = path.orFalse
        context["capacity"] = reader.int("capacity", atLeast: 1, meaning: "the pool capacity in GiB").orFalse
        permissions(reader, defaultMode: "0755", into: &context)
        return context
    }

    static func volume(_ reader: ParameterReader, warnUnknown: Bool) -> [String: Any] {
        var context = reader.context(adding: 12)
        if warnUnknown { reader.warnUnknownKeys(known: volumeKeys, template: "volume") }
        let format = reader.choice("format", allowed: volumeFormats, meaning: "volume format") ?? "qcow2"
        if let common = CommonFields.read(reader, kind: .volume, suffix: ".\(format)") {
            context.merge(common.contextValues(identity: reader.parameters.identity)) { _, new in new }
        }
        context["format"] = format
        let capacity = reader.int("capacity", atLeast: 1, atMost: LibvirtLimits.volumeMiB, meaning: "the volume capacity in MiB")
        let backing = reader.absolutePath("backing_store")
        let fromImage = reader.isGiven("url")
        // A clone takes its base's size and an image fills its volume, so neither needs one.
        if !reader.isGiven("capacity"), backing == nil, !reader.isGiven("backing_volume"), !fromImage, reader.requires(anyOf: ["capacity"]) {
            reader.error(.missingParameter, "a volume needs 'capacity' (in MiB, as in the libvirt plugin)", at: "capacity",
                         notes: ["a copy-on-write clone (backing_volume or backing_store) or a volume filled from url may leave it out"])
        }
        let allocation = reader.int("allocation", atLeast: 0, atMost: LibvirtLimits.volumeMiB, meaning: "the volume allocation in MiB") ?? 0
        context["capacity"] = capacity ?? 0
        context["has_capacity"] = capacity != nil || backing == nil
        context["allocation"] = allocation
        if backing != nil, format == "raw" {
            reader.error(.conflictingParameters, "a raw volume cannot have a backing store", at: "backing_store",
                         notes: ["use format qcow2 for a copy-on-write volume over 'backing_store'"])
        }
        let backingFormat = reader.choice("backing_format", allowed: volumeFormats, meaning: "backing store format") ?? "qcow2"
        context["backing_store"] = backing.map { ["path": $0, "format": backingFormat] as [String: Any] }.orFalse
        permissions(reader, defaultMode: nil, into: &context)
        return context
    }

    /// `mode` (octal text such as 0755), `owner` and `group` (numeric ids).
    private static func permissions(_ reader: ParameterReader, defaultMode: String?, into context: inout [String: Any]) {
        var mode = defaultMode
        if let given = reader.string("mode") {
            if given.count <= 4, given.allSatisfy({ ("0"..."7").contains($0) }) {
                mode = given
            } else {
                reader.error(.unknownChoice, "'\(given)' is not an octal file mode", at: "mode", notes: ["write it as text, e.g. '0755'"])
            }
        }
        let owner = reader.int("owner", atLeast: -1, meaning: "the owner uid")
        let group = reader.int("group", atLeast: -1, meaning: "the group gid")
        context["mode"] = mode.orFalse
        context["owner"] = owner.orFalse
        context["group"] = group.orFalse
        context["permissions"] = mode != nil || owner != nil || group != nil
    }
}
