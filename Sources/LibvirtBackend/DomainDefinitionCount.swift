import Synchronization

/// How many times this process has changed each domain's definition, persistence or snapshots
/// (define, undefine, snapshot, revert, save, restore, memory and CPU settings), by connection
/// URI and domain name. A description of a domain that carries the count it was taken at still
/// holds but for the domain's state while the count has not moved (a start or a stop changes
/// only the state): ``LibvirtConnection/testWorldDomain(named:reusing:)`` then asks for the
/// state alone. Only test worlds rely on it: they live in this process, so nothing
/// else defines their domains.
enum DomainDefinitionCount {
    private static let counts = Mutex<[String: [String: Int]]>([:])

    static func of(_ name: String, uri: String) -> Int {
        // Under "" (no domain's name), the changes of every domain on `uri`.
        counts.withLock { ($0[uri]?[name] ?? 0) + ($0[uri]?[""] ?? 0) }
    }

    /// Called after a change that may have touched any domain on `uri` (a restore).
    static func changedAll(uri: String) {
        changed("", uri: uri)
    }

    /// Called after each such change of `name` on `uri`, whether or not it succeeded
    /// (``LibvirtDomain/noteDefinitionChange()``).
    static func changed(_ name: String, uri: String) {
        counts.withLock { $0[uri, default: [:]][name, default: 0] += 1 }
    }
}
