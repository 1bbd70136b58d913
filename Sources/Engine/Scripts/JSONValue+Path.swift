import StateStore

/// Reading and setting inside JSON objects by key and by dotted path (`a.b.c`), as Cloudify's
/// `ctx node properties a.b` does.
extension JSONValue {
    /// The value of `key` when this is an object.
    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The value at `path` in `object`: the key as written when present, else the dotted path.
    static func lookUp(_ path: String, in object: [String: JSONValue]) -> JSONValue? {
        if let value = object[path] { return value }
        let components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard components.count > 1, var current = object[components[0]] else { return nil }
        for component in components.dropFirst() {
            guard let next = current[component] else { return nil }
            current = next
        }
        return current
    }

    /// This value with `value` at the path `components` below it; objects on the way are created,
    /// and a non-object on the way is replaced by one.
    func setting(_ value: JSONValue, at components: ArraySlice<String>) -> JSONValue {
        guard let first = components.first else { return value }
        var fields: [String: JSONValue] = [:]
        if case .object(let existing) = self { fields = existing }
        fields[first] = (fields[first] ?? .null).setting(value, at: components.dropFirst())
        return .object(fields)
    }
}
