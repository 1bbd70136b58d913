import Platform

/// Python's arithmetic, comparison and membership operators on template values, with Python's
/// results (`7 // -2 == -4`, `-7 % 3 == 2`, `1 / 2 == 0.5`) and Python's `TypeError`s.
enum Operators {
    static func failUndefined(_ values: Value..., at position: SourcePosition) throws(JinjaError) {
        for value in values {
            if case .undefined(let hint) = value { throw JinjaError(.undefined, hint, at: position) }
        }
    }

    private static func unsupported(_ symbol: String, _ left: Value, _ right: Value, at position: SourcePosition) -> JinjaError {
        JinjaError(.runtime, "unsupported operand type(s) for \(symbol): '\(left.typeName)' and '\(right.typeName)'", at: position)
    }

    private static func overflow(at position: SourcePosition) -> JinjaError {
        JinjaError(.unsupported, "integers beyond 64 bits are not supported by bluevirt's Jinja2 interpreter", at: position)
    }

    static func binary(_ symbol: String, _ left: Value, _ right: Value, at position: SourcePosition) throws(JinjaError) -> Value {
        try failUndefined(left, right, at: position)
        if let a = left.integer, let b = right.integer {
            return try integers(symbol, a, b, at: position)
        }
        if let a = left.number, let b = right.number {
            return try floats(symbol, a, b, at: position)
        }
        switch (symbol, left, right) {
        case ("+", .string(let a), .string(let b)): return .string(try joined(a, b, at: position))
        case ("+", .markup(let a), .string(let b)): return .markup(try joined(a, PythonText.escape(b), at: position))
        case ("+", .string(let a), .markup(let b)): return .markup(try joined(PythonText.escape(a), b, at: position))
        case ("+", .markup(let a), .markup(let b)): return .markup(try joined(a, b, at: position))
        case ("+", .list(let a), .list(let b)):
            try RenderLimits.checkList(a.count + b.count, "adding the lists", at: position)
            return .list(a + b)
        case ("+", .tuple(let a), .tuple(let b)):
            try RenderLimits.checkList(a.count + b.count, "adding the tuples", at: position)
            return .tuple(a + b)
        case ("*", .string, _), ("*", .markup, _), ("*", .list, _), ("*", .tuple, _):
            return try repeated(left, right.integer, symbol: symbol, at: position, other: right)
        case ("*", _, .string), ("*", _, .markup), ("*", _, .list), ("*", _, .tuple):
            return try repeated(right, left.integer, symbol: symbol, at: position, other: left)
        case ("%", .string(let format), _):
            return .string(try PercentFormat.format(format, right, escapesValues: false, at: position))
        case ("%", .markup(let format), _):
            return .markup(try PercentFormat.format(format, right, escapesValues: true, at: position))
        default:
            if symbol == "*", (left.integer == nil) != (right.integer == nil) {
                throw JinjaError(.runtime, "can't multiply sequence by non-int of type '\(right.typeName)'", at: position)
            }
            if symbol == "+", case .string = left {
                throw JinjaError(.runtime, "can only concatenate str (not \"\(right.typeName)\") to str", at: position)
            }
            throw unsupported(symbol == "**" ? "** or pow()" : symbol, left, right, at: position)
        }
    }

    /// `a + b` of two texts, refused beyond ``RenderLimits/textBytes``.
    private static func joined(_ a: String, _ b: String, at position: SourcePosition) throws(JinjaError) -> String {
        try RenderLimits.checkText(a.utf8.count + b.utf8.count, "adding the texts", at: position)
        return a + b
    }

    /// `sequence * times`, its size checked against ``RenderLimits`` before it is made.
    private static func repeated(_ sequence: Value, _ times: Int?, symbol: String, at position: SourcePosition, other: Value) throws(JinjaError) -> Value {
        guard let times else {
            throw JinjaError(.runtime, "can't multiply sequence by non-int of type '\(other.typeName)'", at: position)
        }
        // Nothing repeated any number of times is nothing, without counting to that number.
        let count = sequence.isEmptySequence ? 0 : max(times, 0)
        switch sequence {
        case .string(let text), .markup(let text):
            try RenderLimits.checkText(RenderLimits.product(text.utf8.count, count), "repeating a text \(count) times", at: position)
        case .list(let items), .tuple(let items):
            try RenderLimits.checkList(RenderLimits.product(items.count, count), "repeating a \(sequence.typeName) \(count) times", at: position)
        default: break
        }
        switch sequence {
        case .string(let text): return .string(String(repeating: text, count: count))
        case .markup(let text): return .markup(String(repeating: text, count: count))
        case .list(let items): return .list(Array(repeating: items, count: count).flatMap { $0 })
        case .tuple(let items): return .tuple(Array(repeating: items, count: count).flatMap { $0 })
        default: throw unsupported(symbol, sequence, other, at: position)
        }
    }

    private static func integers(_ symbol: String, _ a: Int, _ b: Int, at position: SourcePosition) throws(JinjaError) -> Value {
        func checked(_ result: (partialValue: Int, overflow: Bool)) throws(JinjaError) -> Value {
            if result.overflow { throw overflow(at: position) }
            return .int(result.partialValue)
        }
        switch symbol {
        case "+": return try checked(a.addingReportingOverflow(b))
        case "-": return try checked(a.subtractingReportingOverflow(b))
        case "*": return try checked(a.multipliedReportingOverflow(by: b))
        case "/":
            guard b != 0 else { throw JinjaError(.runtime, "division by zero", at: position) }
            return .float(Double(a) / Double(b))
        case "//", "%":
            guard b != 0 else { throw JinjaError(.runtime, "integer division or modulo by zero", at: position) }
            var quotient = a / b
            var remainder = a % b
            if remainder != 0 && ((remainder < 0) != (b < 0)) {
                quotient -= 1
                remainder += b
            }
            return .int(symbol == "//" ? quotient : remainder)
        case "**":
            if b < 0 { return try floats(symbol, Double(a), Double(b), at: position) }
            // By squaring: `(-1) ** 9000000000000000000` is 63 steps, not that many. A square
            // is taken only when a higher bit of the exponent needs it, so its overflow is the
            // result's.
            func multiplied(_ x: Int, _ y: Int) throws(JinjaError) -> Int {
                let product = x.multipliedReportingOverflow(by: y)
                if product.overflow { throw overflow(at: position) }
                return product.partialValue
            }
            var result = 1, base = a, exponent = b
            while exponent > 0 {
                if exponent & 1 == 1 { result = try multiplied(result, base) }
                exponent >>= 1
                if exponent > 0 { base = try multiplied(base, base) }
            }
            return .int(result)
        default:
            throw JinjaError(.syntax, "unknown operator \(symbol)", at: position)
        }
    }

    private static func floats(_ symbol: String, _ a: Double, _ b: Double, at position: SourcePosition) throws(JinjaError) -> Value {
        switch symbol {
        case "+": return .float(a + b)
        case "-": return .float(a - b)
        case "*": return .float(a * b)
        case "/":
            guard b != 0 else { throw JinjaError(.runtime, "float division by zero", at: position) }
            return .float(a / b)
        case "//", "%":
            guard b != 0 else { throw JinjaError(.runtime, "float floor division by zero", at: position) }
            // CPython's float_divmod.
            var mod = fmod(a, b)
            var div = (a - mod) / b
            if mod != 0 {
                if (b < 0) != (mod < 0) {
                    mod += b
                    div -= 1
                }
            } else {
                mod = copysign(0, b)
            }
            var floorDiv: Double
            if div != 0 {
                floorDiv = div.rounded(.down)
                if div - floorDiv > 0.5 { floorDiv += 1 }
            } else {
                floorDiv = copysign(0, a / b)
            }
            return .float(symbol == "//" ? floorDiv : mod)
        case "**":
            if a == 0 && b < 0 { throw JinjaError(.runtime, "0.0 cannot be raised to a negative power", at: position) }
            return .float(pow(a, b))
        default:
            throw JinjaError(.syntax, "unknown operator \(symbol)", at: position)
        }
    }

    static func unary(_ symbol: String, _ value: Value, at position: SourcePosition) throws(JinjaError) -> Value {
        try failUndefined(value, at: position)
        if let number = value.integer {
            if symbol == "+" { return .int(number) }
            let negated = (0).subtractingReportingOverflow(number)
            if negated.overflow { throw overflow(at: position) }
            return .int(negated.partialValue)
        }
        if case .float(let number) = value { return .float(symbol == "-" ? -number : number) }
        throw JinjaError(.runtime, "bad operand type for unary \(symbol): '\(value.typeName)'", at: position)
    }

    /// `a op b` for the comparison operators, `in` and `not in` (`notin`).
    static func compare(_ symbol: String, _ left: Value, _ right: Value, at position: SourcePosition) throws(JinjaError) -> Bool {
        switch symbol {
        case "==": return left.pythonEquals(right)
        case "!=": return !left.pythonEquals(right)
        case "in": return try contains(right, left, at: position)
        case "notin": return try !contains(right, left, at: position)
        default:
            try failUndefined(left, right, at: position)
            guard let order = try ordering(left, right, symbol: symbol, at: position) else {
                return false
            }
            switch symbol {
            case "<": return order < 0
            case "<=": return order <= 0
            case ">": return order > 0
            default: return order >= 0
            }
        }
    }

    /// -1, 0 or 1; nil when a NaN makes every ordering false.
    private static func ordering(_ left: Value, _ right: Value, symbol: String, at position: SourcePosition) throws(JinjaError) -> Int? {
        if let a = left.integer, let b = right.integer { return a < b ? -1 : a == b ? 0 : 1 }
        if let a = left.number, let b = right.number {
            if a.isNaN || b.isNaN { return nil }
            return a < b ? -1 : a == b ? 0 : 1
        }
        switch (left, right) {
        case (.string(let a), .string(let b)), (.markup(let a), .markup(let b)), (.string(let a), .markup(let b)), (.markup(let a), .string(let b)):
            if a.unicodeScalars.elementsEqual(b.unicodeScalars) { return 0 }
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value } ? -1 : 1
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
            for (x, y) in zip(a, b) where !x.pythonEquals(y) {
                return try ordering(x, y, symbol: symbol, at: position)
            }
            return a.count < b.count ? -1 : a.count == b.count ? 0 : 1
        default:
            throw JinjaError(.runtime, "'\(symbol)' not supported between instances of '\(left.typeName)' and '\(right.typeName)'", at: position)
        }
    }

    /// Python's `needle in container`.
    static func contains(_ container: Value, _ needle: Value, at position: SourcePosition) throws(JinjaError) -> Bool {
        switch container {
        case .string(let text), .markup(let text):
            switch needle {
            case .string(let part), .markup(let part):
                // Code point by code point, as Python: not by characters, where "e\u{301}" holds no "e".
                return part.isEmpty || text.unicodeScalars.firstRange(of: part.unicodeScalars) != nil
            case .undefined(let hint):
                throw JinjaError(.undefined, hint, at: position)
            default:
                throw JinjaError(.runtime, "'in <string>' requires string as left operand, not \(needle.typeName)", at: position)
            }
        case .dict(let dict): return dict[needle] != nil
        default:
            guard let items = container.iterationItems else {
                throw JinjaError(.runtime, "argument of type '\(container.typeName)' is not iterable", at: position)
            }
            return items.contains { $0.pythonEquals(needle) }
        }
    }
}

private extension Value {
    /// An empty text, list or tuple: what repeating leaves as it is.
    var isEmptySequence: Bool {
        switch self {
        case .string(let text), .markup(let text): text.isEmpty
        case .list(let items), .tuple(let items): items.isEmpty
        default: false
        }
    }
}
