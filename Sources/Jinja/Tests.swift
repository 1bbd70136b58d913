/// jinja2's tests (`x is defined`, `x is number`, ...) that this interpreter implements.
enum Tests {
    static let names: Set<String> = [
        "defined", "undefined", "none", "string", "number", "mapping", "iterable", "sequence", "boolean",
        "true", "false", "integer", "float", "even", "odd", "divisibleby", "in", "eq", "equalto", "==",
        "ne", "!=", "lower", "upper", "escaped",
    ]

    /// Every test jinja2 3.1 has; those missing from `names` are reported as unsupported rather
    /// than unknown.
    static let jinjaNames: Set<String> = names.union([
        "callable", "filter", "test", "sameas", "lt", "le", "gt", "ge", "lessthan", "greaterthan", "<", "<=", ">", ">=",
    ])

    static func apply(_ name: String, _ value: Value, _ arguments: [Value], at position: SourcePosition) throws(JinjaError) -> Bool {
        func argument(_ index: Int) throws(JinjaError) -> Value {
            guard index < arguments.count else {
                throw JinjaError(.runtime, "test '\(name)' is missing an argument", at: position)
            }
            return arguments[index]
        }
        func integerValue() throws(JinjaError) -> Int {
            guard let number = value.integer else {
                if case .undefined(let hint) = value { throw JinjaError(.undefined, hint, at: position) }
                throw JinjaError(.unsupported, "test '\(name)' on a \(value.typeName) is not supported", at: position)
            }
            return number
        }
        switch name {
        case "defined": return !value.isUndefined
        case "undefined": return value.isUndefined
        case "none": return value == .none
        case "string":
            switch value { case .string, .markup: return true; default: return false }
        case "number":
            switch value { case .int, .float, .bool: return true; default: return false }
        case "integer":
            if case .int = value { return true }
            return false
        case "float":
            if case .float = value { return true }
            return false
        case "boolean":
            if case .bool = value { return true }
            return false
        case "true": return value == .bool(true)
        case "false": return value == .bool(false)
        case "mapping":
            if case .dict = value { return true }
            return false
        case "iterable": return value.iterationItems != nil
        case "sequence":
            switch value {
            case .undefined, .string, .markup, .list, .tuple, .dict: return true
            default: return false
            }
        case "even": return try integerValue() % 2 == 0
        case "odd": return try integerValue() % 2 != 0
        case "divisibleby":
            let divisor = try argument(0)
            guard let d = divisor.integer, d != 0 else {
                throw JinjaError(.runtime, "integer division or modulo by zero", at: position)
            }
            return try integerValue() % d == 0
        case "in": return try Operators.contains(try argument(0), value, at: position)
        case "eq", "equalto", "==": return value.pythonEquals(try argument(0))
        case "ne", "!=": return !value.pythonEquals(try argument(0))
        case "lower", "upper":
            guard case .string(let text) = value else {
                if case .markup(let text) = value { return name == "lower" ? isLower(text) : isLower(text.uppercased()) && text.lowercased() != text.uppercased() }
                throw JinjaError(.runtime, "'\(value.typeName)' object has no attribute 'is\(name)'", at: position)
            }
            return name == "lower" ? isLower(text) : (text.uppercased() == text && text.lowercased() != text)
        case "escaped":
            if case .markup = value { return true }
            return false
        default:
            throw JinjaError(.unsupported, "the test '\(name)' is not supported by bluevirt's Jinja2 interpreter", at: position)
        }
    }

    /// Python's `str.islower()`: some cased character, and none upper case.
    private static func isLower(_ text: String) -> Bool {
        text.lowercased() == text && text.uppercased() != text
    }
}
