/// Named elements in the order the blueprint declared them, with lookup by name.
///
/// Blueprint sections are YAML mappings: their order matters for messages and output (users read
/// them top to bottom) and lookups by name are frequent (every relationship target, every
/// `get_property`), so this keeps both.
///
/// Most tables are small (the properties of one node template, the inputs of one operation) and
/// there is one per node template and operation, so names and elements are two plain arrays,
/// searched in order; only a table larger than `indexedSize` also keeps a dictionary of positions.
/// Replacing an element leaves `names` untouched, so node templates that take a type's defaults
/// and set some of them share the type's array of names.
///
/// Its reads are inlinable: the other modules (the planner, the engine) look names up in node
/// templates' tables all the time, and a call into the generic, unspecialised code cost some
/// 540 instructions a lookup.
public struct NameTable<Element: Sendable>: Sendable {
    public private(set) var names: [String] = []
    @usableFromInline var values: [Element] = []
    /// Each name's position in `names`, kept once the table has more than `indexedSize` names.
    @usableFromInline var positions: [String: Int]?

    /// Up to this many names, searching them costs less than hashing the name looked up.
    @usableFromInline static var indexedSize: Int { 12 }

    public init() {}

    /// Makes room for `count` elements at once: a table of thousands of node templates would
    /// otherwise grow by doubling, and the last doubling leaves up to half its room unused.
    public mutating func reserveCapacity(_ count: Int) {
        names.reserveCapacity(count)
        values.reserveCapacity(count)
        // A table that will be indexed gets its index now, sized once: growing it by doubling
        // rehashed every name several times.
        if count > Self.indexedSize {
            if positions == nil { positions = index() }
            positions?.reserveCapacity(count)
        }
    }

    /// Where `name` is among the elements: a caller that keeps many references to elements
    /// (thousands of node templates) keeps this instead of a copy of each.
    @inlinable public func position(of name: String) -> Int? {
        if let positions { return positions[name] }
        // Lengths first: a string's length is stored with it, and comparing two strings of
        // different lengths still cost some eighty instructions.
        let length = name.utf8.count
        return names.withUnsafeBufferPointer { buffer in
            buffer.indices.first { buffer[$0].utf8.count == length && buffer[$0] == name }
        }
    }

    /// The element named `name`; setting a new name appends it, setting nil removes it.
    @inlinable public subscript(name: String) -> Element? {
        get { position(of: name).map { values[$0] } }
        set { assign(newValue, to: name) }
    }

    /// The subscript's setter, apart: it changes the table, which only the blueprint's own
    /// parsing does, and needs no inlining.
    @usableFromInline mutating func assign(_ newValue: Element?, to name: String) {
        if let position = position(of: name) {
            if let newValue {
                values[position] = newValue
            } else {
                names.remove(at: position)
                values.remove(at: position)
                if positions != nil { indexPositions() }
            }
        } else if let newValue {
            names.append(name)
            values.append(newValue)
            if positions != nil {
                positions?[name] = names.count - 1
            } else if names.count > Self.indexedSize {
                indexPositions()
            }
        }
    }

    private mutating func indexPositions() {
        positions = names.count > Self.indexedSize ? index() : nil
    }

    /// Each name's position.
    private func index() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
    }

    @inlinable public var count: Int { names.count }
    @inlinable public var isEmpty: Bool { names.isEmpty }
    @inlinable public func contains(_ name: String) -> Bool { position(of: name) != nil }

    /// The elements in declaration order.
    @inlinable public var elements: [Element] { values }

    /// Where the elements are stored: tables with the same storage hold the same elements (a
    /// node template that takes its type's interfaces as they are shares the type's storage), so
    /// a check of each can stop at the first. Valid while the tables are alive.
    public var storageIdentity: UnsafeRawPointer? {
        values.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    /// Name and element pairs in declaration order, made as they are read: a template's
    /// interfaces are walked once per template, and copying them into an array each time was
    /// a twentieth of validate.
    @inlinable public var entries: LazyMapSequence<Zip2Sequence<[String], [Element]>, (name: String, element: Element)> {
        zip(names, values).lazy.map { (name: $0, element: $1) }
    }
}
