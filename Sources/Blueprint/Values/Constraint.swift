import YAMLSource

/// One constraint on a value, as declared under `constraints:` of an input or property:
/// `- greater_than: 0`, `- valid_values: [a, b]`, `- pattern: '^[a-z]+$'`, …
///
/// Semantics follow Cloudify: comparisons take numbers, lengths count the characters of a string
/// or the items of a list or map, and `pattern` must match at the start of a string (Python's
/// `re.match`), so anchor it with `$` to match the whole value.
public struct Constraint: Sendable, Hashable {
    /// The constraint operators, named as in blueprints.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equal
        case greaterThan = "greater_than"
        case greaterOrEqual = "greater_or_equal"
        case lessThan = "less_than"
        case lessOrEqual = "less_or_equal"
        case inRange = "in_range"
        case validValues = "valid_values"
        case length
        case minLength = "min_length"
        case maxLength = "max_length"
        case pattern
    }

    /// The operator with its parsed argument.
    public enum Kind: Sendable, Hashable {
        case equal(Value)
        case greaterThan(Value)
        case greaterOrEqual(Value)
        case lessThan(Value)
        case lessOrEqual(Value)
        case inRange(Value, Value)
        case validValues([Value])
        case length(Int)
        case minLength(Int)
        case maxLength(Int)
        case pattern(String)
    }

    /// What the constraint requires.
    public var kind: Kind
    /// The range of the constraint's declaration (`greater_than: 0`).
    public var range: SourceRange

    /// A constraint declared at `range`.
    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The operator of this constraint.
    public var `operator`: Operator {
        switch kind {
        case .equal: .equal
        case .greaterThan: .greaterThan
        case .greaterOrEqual: .greaterOrEqual
        case .lessThan: .lessThan
        case .lessOrEqual: .lessOrEqual
        case .inRange: .inRange
        case .validValues: .validValues
        case .length: .length
        case .minLength: .minLength
        case .maxLength: .maxLength
        case .pattern: .pattern
        }
    }

    /// True when `value` satisfies the constraint. A value of a kind the constraint cannot
    /// judge (a string against `greater_than`, a number against `pattern`) does not satisfy it.
    public func accepts(_ value: Value) -> Bool {
        switch kind {
        case .equal(let expected): return value.looselyEquals(expected)
        case .greaterThan(let bound): return value.compare(to: bound).map { $0 > 0 } ?? false
        case .greaterOrEqual(let bound): return value.compare(to: bound).map { $0 >= 0 } ?? false
        case .lessThan(let bound): return value.compare(to: bound).map { $0 < 0 } ?? false
        case .lessOrEqual(let bound): return value.compare(to: bound).map { $0 <= 0 } ?? false
        case .inRange(let lower, let upper):
            guard let low = value.compare(to: lower), let high = value.compare(to: upper) else { return false }
            return low >= 0 && high <= 0
        case .validValues(let allowed): return allowed.contains { value.looselyEquals($0) }
        case .length(let count): return value.length == count
        case .minLength(let count): return value.length.map { $0 >= count } ?? false
        case .maxLength(let count): return value.length.map { $0 <= count } ?? false
        case .pattern(let pattern):
            guard case .string(let text) = value, let regex = try? Regex(pattern) else { return false }
            return (try? regex.prefixMatch(in: text)) != nil
        }
    }

    /// A "did you mean" note for a string that `valid_values` refuses but that is a likely typo
    /// of one of the allowed strings (`all_to_al` for `all_to_all`); nil otherwise.
    public func suggestion(for value: Value) -> String? {
        guard case .validValues(let allowed) = kind, case .string(let text) = value else { return nil }
        let strings = allowed.compactMap { if case .string(let candidate) = $0 { candidate } else { nil } }
        return DidYouMean.note(for: text, among: strings)
    }

    /// The constraint as declared, for messages: `greater_than: 0`, `valid_values: [a, b]`.
    public var description: String {
        switch kind {
        case .equal(let value), .greaterThan(let value), .greaterOrEqual(let value), .lessThan(let value), .lessOrEqual(let value):
            "\(self.operator.rawValue): \(value)"
        case .inRange(let lower, let upper): "in_range: [\(lower), \(upper)]"
        case .validValues(let values): "valid_values: \(Value.list(values))"
        case .length(let count), .minLength(let count), .maxLength(let count): "\(self.operator.rawValue): \(count)"
        case .pattern(let pattern): "pattern: \(Value.string(pattern))"
        }
    }

    /// Why a value fails, in words, for a note: "must be greater than 0", "must be one of …".
    public var requirement: String {
        switch kind {
        case .equal(let value): "must equal \(value)"
        case .greaterThan(let value): "must be a number greater than \(value)"
        case .greaterOrEqual(let value): "must be a number greater than or equal to \(value)"
        case .lessThan(let value): "must be a number less than \(value)"
        case .lessOrEqual(let value): "must be a number less than or equal to \(value)"
        case .inRange(let lower, let upper): "must be a number from \(lower) to \(upper)"
        case .validValues(let values): "must be one of \(values.map(\.description).joined(separator: ", "))"
        case .length(let count): "must have a length of exactly \(count)"
        case .minLength(let count): "must have a length of at least \(count)"
        case .maxLength(let count): "must have a length of at most \(count)"
        case .pattern(let pattern): "must be a string matching \(Value.string(pattern)) from its start"
        }
    }
}

extension Value {
    /// The number, when this is an integer or a float (booleans are not numbers here).
    var number: Double? {
        switch self {
        case .int(let number): Double(number)
        case .float(let number): number
        default: nil
        }
    }

    /// Equality where 1 equals 1.0, as in Python.
    func looselyEquals(_ other: Value) -> Bool {
        if let a = number, let b = other.number { return a == b }
        return self == other
    }

    /// -1, 0 or 1 comparing two numbers or two strings; nil when they cannot be compared.
    func compare(to other: Value) -> Int? {
        if let a = number, let b = other.number { return a < b ? -1 : (a > b ? 1 : 0) }
        if case .string(let a) = self, case .string(let b) = other {
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : (a == b ? 0 : 1)
        }
        return nil
    }

    /// Characters of a string (as Python counts them), items of a list or map; nil otherwise.
    var length: Int? {
        switch self {
        case .string(let text): text.unicodeScalars.count
        case .list(let items): items.count
        case .map(let entries): entries.count
        default: nil
        }
    }
}
