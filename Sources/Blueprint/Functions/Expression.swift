import YAMLSource

/// What a property value, input default, operation input or output value is: a tree of literals,
/// lists, maps and intrinsic function calls, each part keeping the source range it came from.
public struct Expression: Sendable, Hashable {
    // Only calls are boxed: lists and maps already live in arrays, and scalars are small, so
    // most nodes of a blueprint cost no extra allocation.
    /// What the expression is.
    public enum Kind: Sendable, Hashable {
        /// A literal scalar, kept as written so that checks can tell `yes` from `"yes"`.
        case scalar(Scalar)
        case list([Expression])
        case map([Entry])
        indirect case call(FunctionCall)
    }

    /// One key and value of a map; the key keeps its own range for diagnostics.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var keyRange: SourceRange
        public var value: Expression

        public init(key: String, keyRange: SourceRange, value: Expression) {
            self.key = key
            self.keyRange = keyRange
            self.value = value
        }
    }

    // Fields are laid out in the order declared: `functions` fits in the two bytes after
    // `kind` that the range's alignment leaves free, so an expression is 48 bytes, not 56.
    public var kind: Kind {
        didSet { functions = FunctionSet(of: kind) }
    }
    /// The functions called anywhere inside, found when the expression is made (its parts
    /// already know theirs).
    public private(set) var functions: FunctionSet
    /// Where the expression was written (the whole node).
    public var range: SourceRange

    /// An expression written at `range`.
    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
        functions = FunctionSet(of: kind)
    }

    /// An expression for a known value, such as a default filled in by the checker.
    public init(value: Value, range: SourceRange) {
        switch value {
        case .list(let items):
            self.init(.list(items.map { Expression(value: $0, range: range) }), range: range)
        case .map(let entries):
            self.init(.map(entries.map { Entry(key: $0.key, keyRange: range, value: Expression(value: $0.value, range: range) ) }), range: range)
        default:
            let scalarValue: ScalarValue = switch value {
            case .bool(let flag): .bool(flag)
            case .int(let number): .int(number)
            case .float(let number): .float(number)
            case .string(let text): .string(text)
            default: .null
            }
            let style: Scalar.Style = if case .string = value { .doubleQuoted } else { .plain }
            self.init(.scalar(Scalar(text: value.pythonString, style: style, value: scalarValue)), range: range)
        }
    }

    /// True when a function call appears anywhere in the expression.
    public var containsFunctions: Bool { !functions.isEmpty }

    /// False when the expression needs something that exists only during a run: get_attribute,
    /// get_attributes_list, get_attributes_dict or get_secret anywhere inside it.
    public var isKnownBeforeRun: Bool { functions.isDisjoint(with: .runtimeOnly) }

    /// Every function call in the expression, outer calls before the calls in their arguments,
    /// in source order.
    public var calls: [FunctionCall] {
        var result: [FunctionCall] = []
        forEachCall { result.append($0) }
        return result
    }

    /// Visits every function call, outer calls before the calls in their arguments.
    public func forEachCall(_ visit: (FunctionCall) -> Void) {
        // A part without calls is not walked: most of a blueprint's values are literals.
        guard containsFunctions else { return }
        // Through the buffers: iterating the arrays handed over a copy of each element.
        switch kind {
        case .scalar:
            break
        case .list(let items):
            items.withUnsafeBufferPointer { buffer in
                for index in buffer.indices { buffer[index].forEachCall(visit) }
            }
        case .map(let entries):
            entries.withUnsafeBufferPointer { buffer in
                for index in buffer.indices { buffer[index].value.forEachCall(visit) }
            }
        case .call(let call):
            visit(call)
            call.arguments.withUnsafeBufferPointer { buffer in
                for index in buffer.indices { buffer[index].forEachCall(visit) }
            }
        }
    }

    /// The value when the expression holds no function call; nil otherwise.
    public var literalValue: Value? {
        switch kind {
        case .scalar(let scalar):
            return Value(scalar.value)
        case .list(let items):
            var values: [Value] = []
            for item in items {
                guard let value = item.literalValue else { return nil }
                values.append(value)
            }
            return .list(values)
        case .map(let entries):
            var values: [Value.Entry] = []
            for entry in entries {
                guard let value = entry.value.literalValue else { return nil }
                values.append(Value.Entry(key: entry.key, value: value))
            }
            return .map(values)
        case .call:
            return nil
        }
    }

    /// The function call when the whole expression is one.
    public var call: FunctionCall? {
        if case .call(let call) = kind { return call }
        return nil
    }

    /// The text when the expression is a string literal.
    public var stringLiteral: String? {
        if case .scalar(let scalar) = kind, case .string(let text) = scalar.value { return text }
        return nil
    }

    /// True when the expression is YAML's null (`null`, `~` or nothing).
    public var isNull: Bool {
        if case .scalar(let scalar) = kind, case .null = scalar.value { return true }
        return false
    }

    /// The map's entries when the expression is a map.
    public var mapEntries: [Entry]? {
        if case .map(let entries) = kind { return entries }
        return nil
    }

    /// A word for the expression's kind in messages.
    public var kindDescription: String {
        switch kind {
        case .scalar(let scalar): Value(scalar.value).kindDescription
        case .list: "a list"
        case .map: "a map"
        case .call(let call): "the result of \(call.function.name)"
        }
    }
}

/// One intrinsic function call, such as `{ get_input: [server, port] }`.
///
/// Arguments are normalised to a list: `get_input: name` has one argument, `string_lower: x`
/// has one, `concat: [a, b]` has two. For get_input and get_secret the first argument is the
/// name and the rest a nested path; for get_property and the get_attribute family the first is
/// the node (SELF, SOURCE, TARGET or a node template name) and the rest the property or
/// attribute path.
public struct FunctionCall: Sendable, Hashable {
    // Fields are laid out in the order declared: the one-byte fields last, after the ranges,
    // make a call 88 bytes, not 104.
    public var arguments: [Expression]
    /// The type named by a `type:` key beside the function (`{get_input: x, type: integer}`),
    /// which Cloudify checks the result against.
    public var declaredType: String?
    /// The range of the function's name (the mapping key).
    public var nameRange: SourceRange
    /// The range of the whole argument value (the mapping value).
    public var argumentsRange: SourceRange
    /// The range of the whole call (the one-key mapping).
    public var range: SourceRange
    public var function: IntrinsicFunction
    /// True when the arguments have the wrong count or shape (already reported by the parser);
    /// checks and evaluation skip such calls.
    public var isMalformed: Bool = false

    public init(function: IntrinsicFunction, arguments: [Expression], nameRange: SourceRange, argumentsRange: SourceRange, range: SourceRange, declaredType: String? = nil) {
        self.function = function
        self.arguments = arguments
        self.nameRange = nameRange
        self.argumentsRange = argumentsRange
        self.range = range
        self.declaredType = declaredType
    }

    /// The call as written, shortened, for messages: `get_input: [server, port]`.
    public var summary: String {
        let parts = arguments.map(\.summary)
        switch function {
        case .getInput, .getSecret, .stringLower, .stringUpper:
            return parts.count == 1 ? "\(function.name): \(parts[0])" : "\(function.name): [\(parts.joined(separator: ", "))]"
        default:
            return "\(function.name): [\(parts.joined(separator: ", "))]"
        }
    }
}

extension Expression {
    /// The expression as written, shortened, for messages.
    public var summary: String {
        switch kind {
        case .scalar(let scalar):
            if case .string(let text) = scalar.value { return text }
            return scalar.text
        case .list(let items): return "[" + items.map(\.summary).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key): \($0.value.summary)" }.joined(separator: ", ") + "}"
        case .call(let call): return "{\(call.summary)}"
        }
    }
}
