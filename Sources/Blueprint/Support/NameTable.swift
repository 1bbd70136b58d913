/// Named elements in the order the blueprint declared them, with lookup by name.
///
/// Blueprint sections are YAML mappings: their order matters for messages and output (users read
/// them top to bottom) and lookups by name are frequent (every relationship target, every
/// `get_property`), so this keeps both.
public struct NameTable<Element: Sendable>: Sendable {
    public private(set) var names: [String] = []
    private var storage: [String: Element] = [:]

    public init() {}

    /// The element named `name`; setting a new name appends it, setting nil removes it.
    public subscript(name: String) -> Element? {
        get { storage[name] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: name) == nil { names.append(name) }
            } else if storage.removeValue(forKey: name) != nil {
                names.removeAll { $0 == name }
            }
        }
    }

    public var count: Int { names.count }
    public var isEmpty: Bool { names.isEmpty }
    public func contains(_ name: String) -> Bool { storage[name] != nil }

    /// The elements in declaration order.
    public var elements: [Element] { names.map { storage[$0]! } }

    /// Name and element pairs in declaration order.
    public var entries: [(name: String, element: Element)] { names.map { ($0, storage[$0]!) } }
}
