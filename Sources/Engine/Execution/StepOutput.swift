import StateStore

/// Runtime properties one step changed on one instance: keys set (with their new values) and
/// keys removed.
public struct RuntimeChanges: Sendable, Hashable {
    /// The keys set, with their new values.
    public private(set) var values: [String: JSONValue] = [:]
    public private(set) var removed: Set<String> = []

    public init(values: [String: JSONValue] = [:]) {
        self.values = values
    }

    public mutating func set(_ key: String, to value: JSONValue) {
        values[key] = value
        removed.remove(key)
    }

    public mutating func remove(_ key: String) {
        values[key] = nil
        removed.insert(key)
    }

    public var isEmpty: Bool { values.isEmpty && removed.isEmpty }

    /// These changes followed by `later`'s.
    public mutating func append(_ later: RuntimeChanges) {
        for key in later.removed { remove(key) }
        for (key, value) in later.values { set(key, to: value) }
    }

    /// `properties` with these changes made.
    public func applied(to properties: [String: JSONValue]) -> [String: JSONValue] {
        var result = properties.filter { !removed.contains($0.key) }
        result.merge(values) { _, new in new }
        return result
    }
}

/// What a step produced: changes to its own instance's runtime properties and, for a
/// relationship's operation that wrote its target's (Cloudify's `ctx.target`), to other instances'.
public struct StepOutput: Sendable, Hashable {
    public var own: RuntimeChanges
    /// Changes to other instances' runtime properties, by instance id.
    public var others: [String: RuntimeChanges]

    public init(_ properties: [String: JSONValue], others: [String: RuntimeChanges] = [:]) {
        own = RuntimeChanges(values: properties)
        self.others = others
    }

    /// The runtime properties set on the step's own instance.
    public var properties: [String: JSONValue] { own.values }

    public var isEmpty: Bool { own.isEmpty && others.values.allSatisfy(\.isEmpty) }

    /// This output followed by `later`'s (what a failed try changed, then the next try).
    public mutating func append(_ later: StepOutput) {
        own.append(later.own)
        for (other, changes) in later.others { others[other, default: RuntimeChanges()].append(changes) }
    }
}

/// `["ip": .string("10.0.0.5")]`: properties set on the step's own instance.
extension StepOutput: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(Dictionary(elements) { _, last in last })
    }
}
