/// One node of a YAML document, with the source range it came from.
///
/// The tree is a plain value (`Sendable`), built once by `YAMLLoader` and read by every later
/// stage. Aliases are expanded (each copy keeps the range of the anchored original) and merge keys
/// (`<<`) are applied, so later stages never see either.
public struct Node: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    // No tag: the builder checks an explicit tag (`!!str`, `!!map`) and resolves the scalar's
    // value by it, and nothing later reads it; without it a node is 48 bytes, not 64, and the
    // tree of a big blueprint is most of validate's peak while it is read.
    public var content: Content
    public var range: SourceRange

    public init(_ content: Content, range: SourceRange) {
        self.content = content
        self.range = range
    }
}

/// A key and its value in a mapping; order is the document's order.
public struct Pair: Sendable, Hashable {
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }
}

/// A scalar's text as written, how it was quoted, and its value under the YAML 1.2 core schema.
///
/// Every leaf of a tree is one, so it is kept small: a string value that is the text itself (the
/// usual case) is not stored twice, and another string value is boxed.
public struct Scalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// `ScalarValue` without a second copy of `text`.
    @usableFromInline enum StoredValue: Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case text
        case otherString(StringBox)
    }

    @usableFromInline final class StringBox: Sendable {
        @usableFromInline let string: String
        init(_ string: String) { self.string = string }
    }

    // In this order the fields pack into 26 bytes (Swift lays them out as declared).
    public var text: String
    @usableFromInline var stored: StoredValue
    public var style: Style

    public var value: ScalarValue {
        get {
            switch stored {
            case .null: .null
            case .bool(let flag): .bool(flag)
            case .int(let number): .int(number)
            case .float(let number): .float(number)
            case .text: .string(text)
            case .otherString(let box): .string(box.string)
            }
        }
        set { stored = Self.stored(newValue, text: text) }
    }

    public init(text: String, style: Style, value: ScalarValue) {
        self.text = text
        self.stored = Self.stored(value, text: text)
        self.style = style
    }

    private static func stored(_ value: ScalarValue, text: String) -> StoredValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .float(let number): .float(number)
        case .string(let string): string == text ? .text : .otherString(StringBox(string))
        }
    }

    /// The value if it is a string, read without building a `ScalarValue`.
    @inlinable public var stringValue: String? {
        switch stored {
        case .text: text
        case .otherString(let box): box.string
        default: nil
        }
    }

    /// Whether the value is the string `string`: a key lookup's comparison. Not written as
    /// `stringValue == string`: comparing through the optional cost 7 M instructions of validate
    /// at 1,000 node templates (1.3%).
    @inlinable public func isString(_ string: String) -> Bool {
        switch stored {
        case .text: text == string
        case .otherString(let box): box.string == string
        default: false
        }
    }

    public static func == (lhs: Scalar, rhs: Scalar) -> Bool {
        lhs.text == rhs.text && lhs.style == rhs.style && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(style)
        hasher.combine(value)
    }
}

/// A scalar resolved by the YAML 1.2 core schema: only plain scalars become anything but strings,
/// and `yes`, `no`, `on` and `off` stay strings (YAML 1.1 would make them booleans).
public enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
}

extension Node {
    /// The mapping's pairs, or nil when this node is not a mapping.
    public var pairs: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The sequence's items, or nil when this node is not a sequence.
    public var items: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The scalar, or nil when this node is a collection.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The scalar's value as a string if it is a string scalar (quoted, or plain text that is no
    /// number, boolean or null). Inlinable, like `isString` and Scalar's: called across modules,
    /// they copied the whole node to look at its scalar.
    @inlinable public var string: String? {
        if case .scalar(let scalar) = content { return scalar.stringValue }
        return nil
    }

    /// Whether this is the string scalar `string`: a key lookup's comparison.
    @inlinable public func isString(_ string: String) -> Bool {
        if case .scalar(let scalar) = content { return scalar.isString(string) }
        return false
    }

    /// The value under `key` in a mapping, the first if repeated. Searched through the buffer:
    /// searching the array itself handed over a copy of each pair, retaining and releasing its nodes.
    public subscript(key: String) -> Node? { pair(key)?.value }

    /// The key node `key` of a mapping (for diagnostics that point at the key), the first if repeated.
    public func keyNode(_ key: String) -> Node? { pair(key)?.key }

    /// The pair whose key is `key`, the first if repeated; only that pair is copied.
    private func pair(_ key: String) -> Pair? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.withUnsafeBufferPointer { buffer in
            buffer.indices.first { buffer[$0].key.isString(key) }.map { buffer[$0] }
        }
    }

    /// A word for the node's kind in messages: "a mapping", "a list", "a string", "null", …
    public var kindDescription: String {
        switch content {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar):
            switch scalar.value {
            case .null: "null"
            case .bool: "a boolean"
            case .int: "an integer"
            case .float: "a number"
            case .string: "a string"
            }
        }
    }
}
