import StateStore

/// Every instance's runtime properties (by instance id) as a run has recorded them so far.
///
/// Steps read a snapshot while the executor records what other steps produce. With one
/// dictionary, each change made while any step still held a snapshot copied the whole of it: at
/// 10,000 domains that was a copy of every instance's properties per finished step. Changes go
/// into a small dictionary of recent ones instead, folded into the large one once it holds about
/// the square root of the instance count, so a change copies that many entries, not all.
public struct RuntimeSnapshot: Sendable, ExpressibleByDictionaryLiteral {
    private var settled: [String: [String: JSONValue]]
    private var recent: [String: [String: JSONValue]] = [:]

    public init(_ properties: [String: [String: JSONValue]]) {
        settled = properties
    }

    public init(dictionaryLiteral elements: (String, [String: JSONValue])...) {
        settled = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(instance: String) -> [String: JSONValue]? {
        recent[instance] ?? settled[instance]
    }

    public mutating func set(_ properties: [String: JSONValue], of instance: String) {
        recent[instance] = properties
        if recent.count * recent.count > settled.count { fold() }
    }

    /// This snapshot with `instance`'s properties replaced, and nothing folded (the large
    /// dictionary stays shared).
    public func replacing(_ instance: String, with properties: [String: JSONValue]) -> RuntimeSnapshot {
        var copy = self
        copy.recent[instance] = properties
        return copy
    }

    /// All of them in one dictionary.
    public var all: [String: [String: JSONValue]] {
        var folded = self
        folded.fold()
        return folded.settled
    }

    private mutating func fold() {
        settled.merge(recent, uniquingKeysWith: { _, newer in newer })
        recent = [:]
    }
}
