import Synchronization

/// How many times this process has defined, undefined or reverted each domain, by connection
/// URI and domain name. A description of a domain that carries the count it was taken at is still the
/// domain's definition while the count has not moved (a start or a stop changes only the
/// domain's state): ``LibvirtConnection/testWorldDomain(named:reusing:)`` then need not format
/// the definition again. Only test worlds rely on it: they live in this process, so nothing
/// else defines their domains.
enum DomainDefinitionCount {
    private static let counts = Mutex<[String: [String: Int]]>([:])

    static func of(_ name: String, uri: String) -> Int {
        counts.withLock { $0[uri]?[name] ?? 0 }
    }

    /// Called after each define, undefine and snapshot revert of `name` on `uri`, whether or
    /// not it succeeded.
    static func changed(_ name: String, uri: String) {
        counts.withLock { $0[uri, default: [:]][name, default: 0] += 1 }
    }
}
