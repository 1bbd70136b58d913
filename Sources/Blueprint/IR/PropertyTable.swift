/// The properties of a node template or relationship: its type's defaults, one table shared by
/// every template of the type, under the values the template itself gives.
///
/// A template used to copy its type's defaults and set its own values in the copy: at 50,000
/// node templates those copies were 28 MB, a tenth of validate's peak.
public struct PropertyTable: Sendable {
    /// The type's defaults, shared with every template of the type.
    public private(set) var defaults: NameTable<Expression>
    /// The values the template gives, which win over the defaults.
    public private(set) var given: NameTable<Expression>

    public init(defaults: NameTable<Expression> = NameTable(), given: NameTable<Expression> = NameTable()) {
        self.defaults = defaults
        self.given = given
    }

    /// The template's value of `name`, or else its type's default. Setting gives the template
    /// its own value; setting nil takes that away, so the default shows again.
    public subscript(name: String) -> Expression? {
        get { given[name] ?? defaults[name] }
        set { given[name] = newValue }
    }

    /// Every property's name in declaration order: the type's defaults in the type's order, then
    /// the others in the order the template gives them.
    public var names: [String] {
        defaults.names + given.names.filter { !defaults.contains($0) }
    }

    public var count: Int { names.count }
    public var isEmpty: Bool { defaults.isEmpty && given.isEmpty }
    public func contains(_ name: String) -> Bool { given.contains(name) || defaults.contains(name) }

    /// Name and value pairs in the order of ``names``.
    public var entries: [(name: String, element: Expression)] {
        names.map { (name: $0, element: self[$0]!) }
    }

    /// The values in the order of ``names``.
    public var elements: [Expression] { names.map { self[$0]! } }
}
