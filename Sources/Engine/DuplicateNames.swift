import Diagnostics

/// Two objects of one kind with one name on one connection (volumes: in one pool) cannot both
/// exist: libvirt would refuse the second, or `apply` would take one for the other.
enum DuplicateNames {
    /// A diagnostic on every object whose name an earlier object already has; `nameRanges`
    /// (parallel to `objects`) say where each name was written.
    static func check(_ objects: [LibvirtObject], nameRanges: [SourceRange]) -> [Diagnostic] {
        struct Key: Hashable {
            var kind: LibvirtObjectKind
            var connection: String
            var pool: String?
            var name: String

            /// By name alone (equality still compares every field): names tell objects apart,
            /// and hashing the connection and pool too was most of this check.
            func hash(into hasher: inout Hasher) { hasher.combine(name) }
        }
        // Sized once (growing rehashed every key several times), and the objects read by index
        // (iterating copied each whole).
        var first = [Key: Int](minimumCapacity: objects.count)
        var diagnostics: [Diagnostic] = []
        for index in objects.indices where !objects[index].isExternal {
            let key = Key(kind: objects[index].kind, connection: objects[index].connection,
                          pool: objects[index].kind == .volume ? objects[index].pool : nil, name: objects[index].name)
            guard let earlier = first[key] else {
                first[key] = index
                continue
            }
            let object = objects[index], other = objects[earlier]
            let place = object.kind == .volume ? "in pool '\(object.pool ?? "")' on '\(object.connection)'" : "on '\(object.connection)'"
            diagnostics.append(.error(
                .duplicateObjectName,
                "the \(object.kind.rawValue) of instance '\(object.instance)' is named '\(object.name)', like the \(other.kind.rawValue) of instance '\(other.instance)' \(place)",
                at: nameRanges[index],
                notes: [DiagnosticNote("instance '\(other.instance)' of node template '\(other.node)' takes the name here", at: nameRanges[earlier]),
                        DiagnosticNote("give each object its own name: leave 'name' out to get DEPLOYMENT-INSTANCE, or build it with concat")]))
        }
        return diagnostics
    }
}
