/// A value a template reads or computes, modelled on the Python objects jinja2 sees: the
/// parameters' strings, numbers, lists and dicts, plus jinja2's own `Undefined` and `Markup`.
public enum Value: Sendable, Hashable {
    /// jinja2's default `Undefined`: prints as nothing, is false, iterates as empty; reading an
    /// attribute or item of it fails. `hint` is the message jinja2 would give on failure.
    case undefined(hint: String)
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// A string already escaped (markupsafe's `Markup`): printed as is when autoescaping.
    case markup(String)
    case list([Value])
    case tuple([Value])
    /// A Python dict: keys in insertion order, as Python keeps them.
    case dict(Dictionary)
    /// The `loop` variable of a `{% for %}`: 0-based index and the number of items.
    case loop(index0: Int, length: Int)
    /// A dict or string method read as an attribute (`d.items`), to be called.
    indirect case method(receiver: Value, name: String)
    /// What `d.items()`, `d.keys()` and `d.values()` return: Python prints them as
    /// `dict_items([...])`; they iterate like lists.
    case view(kind: String, items: [Value])
    /// A generator, as the `items` filter returns: it iterates, but Python prints it with an
    /// address, so printing one is unsupported.
    case generator([Value])
    /// A `{% macro %}` (or the `caller` of a `{% call %}` block), to be called.
    case macro(Macro)
    /// What `namespace()` returns: attributes that `{% set ns.x = … %}` changes in place, so a
    /// loop can carry a value out of its own scope.
    case namespace(Namespace)
    /// An item of what `groupby` returns: a tuple `(grouper, list)` whose parts are also
    /// attributes of those names.
    indirect case group(grouper: Value, list: [Value])

    /// A Python dict with insertion order; lookups compare keys as Python does (`1 == 1.0`).
    public struct Dictionary: Sendable, Hashable {
        public private(set) var keys: [Value] = []
        public private(set) var values: [Value] = []

        public init() {}

        public init(_ pairs: [(Value, Value)]) {
            for (key, value) in pairs { self[key] = value }
        }

        public var count: Int { keys.count }

        public var pairs: [(Value, Value)] { Array(zip(keys, values)) }

        public subscript(key: Value) -> Value? {
            get { keys.firstIndex { $0.pythonEquals(key) }.map { values[$0] } }
            set {
                if let index = keys.firstIndex(where: { $0.pythonEquals(key) }) {
                    if let newValue { values[index] = newValue } else { keys.remove(at: index); values.remove(at: index) }
                } else if let newValue {
                    keys.append(key)
                    values.append(newValue)
                }
            }
        }
    }

    /// A dict with string keys, in the order given.
    public static func dict(_ pairs: [(String, Value)]) -> Value {
        .dict(Dictionary(pairs.map { (Value.string($0.0), $0.1) }))
    }

    public var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    /// Python's truth value.
    public var isTruthy: Bool {
        switch self {
        case .undefined, .none: false
        case .bool(let flag): flag
        case .int(let number): number != 0
        case .float(let number): number != 0
        case .string(let text), .markup(let text): !text.isEmpty
        case .list(let items), .tuple(let items): !items.isEmpty
        case .dict(let dict): dict.count > 0
        case .view(_, let items): !items.isEmpty
        case .loop, .method, .generator, .macro, .namespace, .group: true
        }
    }

    /// The number for arithmetic: bools count as 0 and 1, as in Python.
    var number: Double? {
        switch self {
        case .bool(let flag): flag ? 1 : 0
        case .int(let number): Double(number)
        case .float(let number): number
        default: nil
        }
    }

    /// The integer for arithmetic on integers (bool included).
    var integer: Int? {
        switch self {
        case .bool(let flag): flag ? 1 : 0
        case .int(let number): number
        default: nil
        }
    }

    /// Python's `==`, where `1 == 1.0 == True` and an undefined equals only an undefined.
    public func pythonEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.undefined, .undefined), (.none, .none): return true
        case (.string(let a), .string(let b)), (.markup(let a), .markup(let b)),
             (.string(let a), .markup(let b)), (.markup(let a), .string(let b)):
            return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.pythonEquals($1) }
        case (.dict(let a), .dict(let b)):
            return a.count == b.count && a.pairs.allSatisfy { key, value in b[key].map { $0.pythonEquals(value) } ?? false }
        case (.loop(let i, let n), .loop(let j, let m)): return i == j && n == m
        case (.macro(let a), .macro(let b)): return a === b
        case (.namespace(let a), .namespace(let b)): return a === b
        case (.group, .group), (.group, .tuple), (.tuple, .group):
            // A _GroupTuple is the tuple (grouper, list).
            return Value.tuple(iterationItems ?? []).pythonEquals(.tuple(other.iterationItems ?? []))
        default:
            if let a = integer, let b = other.integer { return a == b }
            if let a = number, let b = other.number { return a == b }
            return false
        }
    }

    /// The items a `for` loop visits: a dict's keys, a string's characters.
    var iterationItems: [Value]? {
        switch self {
        case .undefined: []
        case .list(let items), .tuple(let items), .view(_, let items), .generator(let items): items
        case .group(let grouper, let list): [grouper, .list(list)]
        case .dict(let dict): dict.keys
        case .string(let text): text.map { .string(String($0)) }
        case .markup(let text): text.map { .markup(String($0)) }
        default: nil
        }
    }

    /// The Python type name, as in jinja2's messages (`'dict object' has no attribute 'x'`).
    var typeName: String {
        switch self {
        case .undefined: "Undefined"
        case .none: "NoneType"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "str"
        case .markup: "Markup"
        case .list: "list"
        case .tuple: "tuple"
        case .dict: "dict"
        case .loop: "LoopContext"
        case .method: "builtin_function_or_method"
        case .view(let kind, _): kind
        case .generator: "generator"
        case .macro: "Macro"
        case .namespace: "Namespace"
        case .group: "_GroupTuple"
        }
    }
}
