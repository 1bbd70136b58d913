/// Builds the statement tree from tokens, following jinja2's grammar and operator precedence
/// (`or` < `and` < `not` < comparisons < `+ -` < `~` < `* / // %` < `**` < unary < postfix).
/// Constructs jinja2 has but this interpreter does not are `.unsupported` errors, so they are
/// never rendered approximately.
struct Parser {
    private var tokens: [Token]
    private var cursor = 0

    /// Tags jinja2 knows that are not implemented here: an `.unsupported` error, not `.syntax`.
    static let unsupportedTags: Set<String> = [
        "filter", "import", "from", "extends", "block", "with",
        "autoescape", "do", "break", "continue", "trans", "pluralize",
        "endfilter", "endblock", "endwith", "endautoescape", "endtrans",
    ]

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    static func parse(_ source: String) throws(JinjaError) -> [Node] {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        return try parser.statements(until: []).0
    }

    private var current: Token { tokens[cursor] }

    private mutating func advance() -> Token {
        let token = tokens[cursor]
        if cursor < tokens.count - 1 { cursor += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(symbol) = current.kind { return true }
        return false
    }

    private func isName(_ name: String) -> Bool {
        if case .name(name) = current.kind { return true }
        return false
    }

    private func peekIsName(_ name: String, offset: Int) -> Bool {
        guard cursor + offset < tokens.count else { return false }
        if case .name(name) = tokens[cursor + offset].kind { return true }
        return false
    }

    private mutating func expectSymbol(_ symbol: String) throws(JinjaError) {
        guard isSymbol(symbol) else {
            throw JinjaError(.syntax, "expected token '\(symbol)', got \(current.describe)", at: current.position)
        }
        _ = advance()
    }

    private mutating func expectName() throws(JinjaError) -> String {
        guard case .name(let name) = current.kind else {
            throw JinjaError(.syntax, "expected name, got \(current.describe)", at: current.position)
        }
        _ = advance()
        return name
    }

    private mutating func expectBlockEnd() throws(JinjaError) {
        guard case .blockEnd = current.kind else {
            throw JinjaError(.syntax, "expected token 'end of statement block', got \(current.describe)", at: current.position)
        }
        _ = advance()
    }

    /// Statements up to one of the `end` tag names; returns the tag name that ended them (its
    /// `{%` and name consumed) or nil at the end of the template.
    private mutating func statements(until end: Set<String>) throws(JinjaError) -> ([Node], String?) {
        var nodes: [Node] = []
        while true {
            let token = current
            switch token.kind {
            case .end:
                return (nodes, nil)
            case .data(let text):
                _ = advance()
                nodes.append(.text(text))
            case .variableBegin:
                _ = advance()
                let expression = try tupleExpression()
                guard case .variableEnd = current.kind else {
                    throw JinjaError(.syntax, "expected token 'end of print statement', got \(current.describe)", at: current.position)
                }
                _ = advance()
                nodes.append(.output(expression))
            case .blockBegin:
                let begin = advance()
                guard case .name(let tag) = current.kind else {
                    throw JinjaError(.syntax, "tag name expected", at: current.position)
                }
                if end.contains(tag) {
                    _ = advance()
                    return (nodes, tag)
                }
                nodes.append(try statement(tag, at: current.position, begin: begin.position, open: end))
            default:
                throw JinjaError(.syntax, "unexpected \(token.describe)", at: token.position)
            }
        }
    }

    private mutating func statement(_ tag: String, at position: SourcePosition, begin: SourcePosition, open: Set<String>) throws(JinjaError) -> Node {
        switch tag {
        case "if": return try ifStatement(at: begin)
        case "for": return try forStatement(at: begin)
        case "set": return try setStatement(at: begin)
        case "macro": return try macroStatement(at: begin)
        case "call": return try callStatement(at: begin)
        case "include": return try includeStatement(at: begin)
        default:
            if Self.unsupportedTags.contains(tag) {
                throw JinjaError(.unsupported, "the '{% \(tag) %}' tag is not supported by bluevirt's Jinja2 interpreter", at: begin)
            }
            let known = ["endif", "endfor", "elif", "else", "endset", "endraw", "endmacro", "endcall"]
            if known.contains(tag) {
                let expecting = open.isEmpty ? "" : " The innermost block that needs to be closed is expecting \(open.sorted().map { "'\($0)'" }.joined(separator: " or "))."
                throw JinjaError(.syntax, "Encountered unknown tag '\(tag)'.\(expecting)", at: position)
            }
            throw JinjaError(.syntax, "Encountered unknown tag '\(tag)'.", at: position)
        }
    }

    private mutating func ifStatement(at position: SourcePosition) throws(JinjaError) -> Node {
        _ = advance()
        var branches: [(Expression, [Node])] = []
        var condition = try tupleExpression(withCondition: false)
        while true {
            try expectBlockEnd()
            let (body, end) = try statements(until: ["elif", "else", "endif"])
            branches.append((condition, body))
            switch end {
            case "elif":
                condition = try tupleExpression(withCondition: false)
            case "else":
                try expectBlockEnd()
                let (otherwise, close) = try statements(until: ["endif"])
                guard close != nil else { throw unclosed("if", "endif", at: position) }
                try expectBlockEnd()
                return .ifBlock(branches, otherwise)
            case "endif":
                try expectBlockEnd()
                return .ifBlock(branches, [])
            default:
                throw unclosed("if", "elif' or 'else' or 'endif", at: position)
            }
        }
    }

    private func unclosed(_ tag: String, _ expected: String, at position: SourcePosition) -> JinjaError {
        JinjaError(.syntax, "Unexpected end of template. Jinja was looking for the following tags: '\(expected)'. The innermost block that needs to be closed is '\(tag)'.", at: position)
    }

    private mutating func forStatement(at position: SourcePosition) throws(JinjaError) -> Node {
        _ = advance()
        var targets: [String] = []
        var unpacks = false
        let parenthesized = isSymbol("(")
        if parenthesized { _ = advance() }
        repeat {
            if !targets.isEmpty { _ = advance(); unpacks = true }
            if !targets.isEmpty, isName("in") || isSymbol(")") { break }
            targets.append(try expectName())
        } while isSymbol(",")
        if parenthesized { try expectSymbol(")"); unpacks = true }
        guard isName("in") else {
            throw JinjaError(.syntax, "expected token 'in', got \(current.describe)", at: current.position)
        }
        _ = advance()
        let iterable = try tupleExpression(withCondition: false)
        var filter: Expression?
        if isName("if") {
            _ = advance()
            filter = try expression()
        }
        if isName("recursive") {
            throw JinjaError(.unsupported, "recursive loops are not supported by bluevirt's Jinja2 interpreter", at: current.position)
        }
        try expectBlockEnd()
        let (body, end) = try statements(until: ["else", "endfor"])
        var otherwise: [Node] = []
        switch end {
        case "else":
            try expectBlockEnd()
            let (rest, close) = try statements(until: ["endfor"])
            guard close != nil else { throw unclosed("for", "endfor", at: position) }
            otherwise = rest
        case "endfor": break
        default: throw unclosed("for", "endfor' or 'else", at: position)
        }
        try expectBlockEnd()
        return .forLoop(ForLoop(targets: targets, unpacks: unpacks, iterable: iterable, filter: filter, body: body, otherwise: otherwise,
                                position: position, readsLoop: NameReads.all(in: body).contains("loop")))
    }

    private mutating func setStatement(at position: SourcePosition) throws(JinjaError) -> Node {
        _ = advance()
        let targetPosition = current.position
        var names = [try expectName()]
        while isSymbol(",") {
            _ = advance()
            if isSymbol("=") { break }
            names.append(try expectName())
        }
        guard isSymbol("=") else {
            if case .blockEnd = current.kind {
                throw JinjaError(.unsupported, "block assignments ('{% set name %}…{% endset %}') are not supported by bluevirt's Jinja2 interpreter", at: position)
            }
            if isSymbol("."), names.count == 1 {
                return try setAttributeStatement(names[0], at: targetPosition)
            }
            throw JinjaError(.syntax, "expected token '=', got \(current.describe)", at: current.position)
        }
        _ = advance()
        let value = try tupleExpression()
        try expectBlockEnd()
        return .set(names, value, position)
    }

    /// `{% set ns.attribute = value %}`, after `ns` (at `position`): jinja2 allows one
    /// attribute, of a name.
    private mutating func setAttributeStatement(_ target: String, at position: SourcePosition) throws(JinjaError) -> Node {
        _ = advance()
        let attribute = try expectName()
        guard isSymbol("=") else {
            if case .blockEnd = current.kind {
                throw JinjaError(.unsupported, "block assignments ('{% set name %}…{% endset %}') are not supported by bluevirt's Jinja2 interpreter", at: position)
            }
            throw JinjaError(.syntax, "expected token '=', got \(current.describe)", at: current.position)
        }
        _ = advance()
        let value = try tupleExpression()
        try expectBlockEnd()
        return .setAttribute(target, attribute, value, position)
    }

    private mutating func macroStatement(at position: SourcePosition) throws(JinjaError) -> Node {
        _ = advance()
        let name = try expectName()
        let (parameters, defaults) = try signature()
        try expectBlockEnd()
        let (body, end) = try statements(until: ["endmacro"])
        guard end != nil else { throw unclosed("macro", "endmacro", at: position) }
        try expectBlockEnd()
        return .macro(MacroDefinition(name: name, parameters: parameters, defaults: defaults, body: body, position: position))
    }

    /// `{% call(parameters) macro(arguments) %}`: the parameters are the `caller`'s.
    private mutating func callStatement(at position: SourcePosition) throws(JinjaError) -> Node {
        _ = advance()
        var parameters: [String] = []
        var defaults: [String: Expression] = [:]
        if isSymbol("(") { (parameters, defaults) = try signature() }
        let call = try expression()
        guard case .call = call else { throw JinjaError(.syntax, "expected call", at: position) }
        try expectBlockEnd()
        let (body, end) = try statements(until: ["endcall"])
        guard end != nil else { throw unclosed("call", "endcall", at: position) }
        try expectBlockEnd()
        return .callBlock(call, MacroDefinition(name: "caller", parameters: parameters, defaults: defaults, body: body, position: position))
    }

    /// `(a, b=1)`: names, each with an optional default; none without a default after one with.
    private mutating func signature() throws(JinjaError) -> ([String], [String: Expression]) {
        try expectSymbol("(")
        var parameters: [String] = []
        var defaults: [String: Expression] = [:]
        while !isSymbol(")") {
            if !parameters.isEmpty { try expectSymbol(",") }
            let position = current.position
            let name = try expectName()
            if isSymbol("=") {
                _ = advance()
                defaults[name] = try expression()
            } else if !defaults.isEmpty {
                throw JinjaError(.syntax, "non-default argument follows default argument", at: position)
            }
            parameters.append(name)
        }
        _ = advance()
        return (parameters, defaults)
    }

    /// `{% include name [ignore missing] [with context | without context] %}`.
    private mutating func includeStatement(at position: SourcePosition) throws(JinjaError) -> Node {
        _ = advance()
        let name = try expression()
        var ignoresMissing = false
        if isName("ignore"), peekIsName("missing", offset: 1) {
            _ = advance()
            _ = advance()
            ignoresMissing = true
        }
        var withContext = true
        if isName("with") || isName("without"), peekIsName("context", offset: 1) {
            withContext = isName("with")
            _ = advance()
            _ = advance()
        }
        try expectBlockEnd()
        return .include(Include(name: name, ignoresMissing: ignoresMissing, withContext: withContext, position: position))
    }

    // MARK: Expressions

    /// An expression, or several separated by commas: a tuple without parentheses.
    private mutating func tupleExpression(withCondition: Bool = true) throws(JinjaError) -> Expression {
        let position = current.position
        var items: [Expression] = []
        var sawComma = false
        while true {
            if !items.isEmpty {
                guard isSymbol(",") else { break }
                _ = advance()
                sawComma = true
                if case .variableEnd = current.kind { break }
                if case .blockEnd = current.kind { break }
                if isSymbol(")") || isName("if") { break }
            }
            items.append(withCondition ? try expression() : try orExpression())
        }
        return sawComma ? .tuple(items, position) : items[0]
    }

    mutating func expression() throws(JinjaError) -> Expression {
        let body = try orExpression()
        guard isName("if") else { return body }
        let position = current.position
        _ = advance()
        let condition = try orExpression()
        var otherwise: Expression?
        if isName("else") {
            _ = advance()
            otherwise = try expression()
        }
        return .conditional(body, condition, otherwise, position)
    }

    private mutating func orExpression() throws(JinjaError) -> Expression {
        var left = try andExpression()
        while isName("or") {
            let position = advance().position
            left = .or(left, try andExpression(), position)
        }
        return left
    }

    private mutating func andExpression() throws(JinjaError) -> Expression {
        var left = try notExpression()
        while isName("and") {
            let position = advance().position
            left = .and(left, try notExpression(), position)
        }
        return left
    }

    private mutating func notExpression() throws(JinjaError) -> Expression {
        if isName("not") {
            let position = advance().position
            return .not(try notExpression(), position)
        }
        return try compare()
    }

    private mutating func compare() throws(JinjaError) -> Expression {
        let position = current.position
        let left = try math1()
        var operations: [(String, Expression)] = []
        while true {
            if case .symbol(let symbol) = current.kind, ["==", "!=", "<", "<=", ">", ">="].contains(symbol) {
                _ = advance()
                operations.append((symbol, try math1()))
            } else if isName("in") {
                _ = advance()
                operations.append(("in", try math1()))
            } else if isName("not"), peekIsName("in", offset: 1) {
                _ = advance()
                _ = advance()
                operations.append(("notin", try math1()))
            } else {
                break
            }
        }
        return operations.isEmpty ? left : .compare(left, operations, position)
    }

    private mutating func math1() throws(JinjaError) -> Expression {
        var left = try concat()
        while case .symbol(let symbol) = current.kind, symbol == "+" || symbol == "-" {
            let position = advance().position
            left = .binary(symbol, left, try concat(), position)
        }
        return left
    }

    private mutating func concat() throws(JinjaError) -> Expression {
        let position = current.position
        var items = [try math2()]
        while isSymbol("~") {
            _ = advance()
            items.append(try math2())
        }
        return items.count == 1 ? items[0] : .concat(items, position)
    }

    private mutating func math2() throws(JinjaError) -> Expression {
        var left = try power()
        while case .symbol(let symbol) = current.kind, ["*", "/", "//", "%"].contains(symbol) {
            let position = advance().position
            left = .binary(symbol, left, try power(), position)
        }
        return left
    }

    private mutating func power() throws(JinjaError) -> Expression {
        var left = try unary()
        while isSymbol("**") {
            let position = advance().position
            left = .binary("**", left, try unary(), position)
        }
        return left
    }

    private mutating func unary(withFilter: Bool = true) throws(JinjaError) -> Expression {
        var node: Expression
        if case .symbol(let symbol) = current.kind, symbol == "-" || symbol == "+" {
            let position = advance().position
            node = .unary(symbol, try unary(withFilter: false), position)
        } else {
            node = try primary()
        }
        node = try postfix(node)
        if withFilter { node = try filterExpression(node) }
        return node
    }

    private mutating func primary() throws(JinjaError) -> Expression {
        let token = current
        switch token.kind {
        case .name(let name):
            _ = advance()
            switch name {
            case "true", "True": return .literal(.bool(true), token.position)
            case "false", "False": return .literal(.bool(false), token.position)
            case "none", "None": return .literal(.none, token.position)
            default: return .name(name, token.position)
            }
        case .string(var text):
            _ = advance()
            // Adjacent string literals join, as in Python.
            while case .string(let more) = current.kind {
                text += more
                _ = advance()
            }
            return .literal(.string(text), token.position)
        case .integer(let number):
            _ = advance()
            return .literal(.int(number), token.position)
        case .float(let number):
            _ = advance()
            return .literal(.float(number), token.position)
        case .symbol("("):
            _ = advance()
            if isSymbol(")") {
                _ = advance()
                return .tuple([], token.position)
            }
            let inner = try tupleExpression()
            try expectSymbol(")")
            return inner
        case .symbol("["):
            _ = advance()
            var items: [Expression] = []
            while !isSymbol("]") {
                if !items.isEmpty { try expectSymbol(",") }
                if isSymbol("]") { break }
                items.append(try expression())
            }
            _ = advance()
            return .list(items, token.position)
        case .symbol("{"):
            _ = advance()
            var pairs: [(Expression, Expression)] = []
            while !isSymbol("}") {
                if !pairs.isEmpty { try expectSymbol(",") }
                if isSymbol("}") { break }
                let key = try expression()
                try expectSymbol(":")
                pairs.append((key, try expression()))
            }
            _ = advance()
            return .dict(pairs, token.position)
        default:
            throw JinjaError(.syntax, "unexpected \(token.describe)", at: token.position)
        }
    }

    private mutating func postfix(_ base: Expression) throws(JinjaError) -> Expression {
        var node = base
        while true {
            if isSymbol(".") {
                let position = advance().position
                switch current.kind {
                case .name(let name):
                    _ = advance()
                    node = .attribute(node, name, position)
                case .integer(let number):
                    _ = advance()
                    node = .item(node, .literal(.int(number), position), position)
                default:
                    throw JinjaError(.syntax, "expected name or number", at: current.position)
                }
            } else if isSymbol("[") {
                let position = advance().position
                node = try subscripted(node, at: position)
            } else if isSymbol("(") {
                let position = current.position
                let (arguments, keywords) = try callArguments()
                node = .call(node, arguments, keywords, position)
            } else {
                return node
            }
        }
    }

    /// After `[`: an index (`a[0]`) or a slice (`a[1:]`, `a[::-1]`), as jinja2's `parse_subscribed`.
    private mutating func subscripted(_ base: Expression, at position: SourcePosition) throws(JinjaError) -> Expression {
        var start: Expression?
        if !isSymbol(":") {
            let index = try expression()
            if !isSymbol(":") {
                if isSymbol(",") {
                    throw JinjaError(.unsupported, "a tuple subscript ('a[1, 2]') is not supported by bluevirt's Jinja2 interpreter", at: current.position)
                }
                try expectSymbol("]")
                return .item(base, index, position)
            }
            start = index
        }
        _ = advance()
        var stop: Expression?
        if !isSymbol("]"), !isSymbol(","), !isSymbol(":") { stop = try expression() }
        var step: Expression?
        if isSymbol(":") {
            _ = advance()
            if !isSymbol("]"), !isSymbol(",") { step = try expression() }
        }
        if isSymbol(",") {
            throw JinjaError(.unsupported, "a tuple subscript ('a[1, 2]') is not supported by bluevirt's Jinja2 interpreter", at: current.position)
        }
        try expectSymbol("]")
        return .slice(base, start, stop, step, position)
    }

    private mutating func callArguments() throws(JinjaError) -> ([Expression], [(String, Expression)]) {
        try expectSymbol("(")
        var arguments: [Expression] = []
        var keywords: [(String, Expression)] = []
        while !isSymbol(")") {
            if !arguments.isEmpty || !keywords.isEmpty { try expectSymbol(",") }
            if isSymbol(")") { break }
            if isSymbol("*") || isSymbol("**") {
                throw JinjaError(.unsupported, "'*args' and '**kwargs' in calls are not supported by bluevirt's Jinja2 interpreter", at: current.position)
            }
            if case .name(let name) = current.kind, cursor + 1 < tokens.count, case .symbol("=") = tokens[cursor + 1].kind {
                _ = advance()
                _ = advance()
                keywords.append((name, try expression()))
            } else {
                guard keywords.isEmpty else {
                    throw JinjaError(.syntax, "invalid syntax for function call expression", at: current.position)
                }
                arguments.append(try expression())
            }
        }
        _ = advance()
        return (arguments, keywords)
    }

    private mutating func filterExpression(_ base: Expression) throws(JinjaError) -> Expression {
        var node = base
        while true {
            if isSymbol("|") {
                _ = advance()
                let position = current.position
                var name = try expectName()
                while isSymbol(".") {
                    _ = advance()
                    name += "." + (try expectName())
                }
                var arguments: [Expression] = []
                var keywords: [(String, Expression)] = []
                if isSymbol("(") { (arguments, keywords) = try callArguments() }
                guard Filters.names.contains(name) else {
                    throw JinjaError(Filters.jinjaNames.contains(name) ? .unsupported : .syntax,
                                     Filters.jinjaNames.contains(name)
                                        ? "the filter '\(name)' is not supported by bluevirt's Jinja2 interpreter"
                                        : "No filter named '\(name)'.", at: position)
                }
                // jinja2 takes no subscript after a filter (`x|list[0]` is a syntax error); a call it does.
                node = .filter(node, name, arguments, keywords, position)
            } else if isName("is") {
                let position = advance().position
                var negated = false
                if isName("not") {
                    _ = advance()
                    negated = true
                }
                let namePosition = current.position
                var name = try expectName()
                while isSymbol(".") {
                    _ = advance()
                    name += "." + (try expectName())
                }
                var arguments: [Expression] = []
                if isSymbol("(") {
                    let (positional, keywords) = try callArguments()
                    arguments = positional + keywords.map(\.1)
                } else if try startsArgument() {
                    arguments = [try primaryWithPostfix()]
                }
                guard Tests.names.contains(name) else {
                    throw JinjaError(Tests.jinjaNames.contains(name) ? .unsupported : .syntax,
                                     Tests.jinjaNames.contains(name)
                                        ? "the test '\(name)' is not supported by bluevirt's Jinja2 interpreter"
                                        : "No test named '\(name)'.", at: namePosition)
                }
                let test = Expression.test(node, name, arguments, position)
                node = negated ? .not(test, position) : test
            } else if isSymbol("(") {
                let position = current.position
                let (arguments, keywords) = try callArguments()
                node = .call(node, arguments, keywords, position)
            } else {
                return node
            }
        }
    }

    /// Whether a test argument without parentheses follows (`is divisibleby 3`): jinja2 takes
    /// a name, number, string or bracket there, except `else`, `or` and `and`.
    private func startsArgument() throws(JinjaError) -> Bool {
        switch current.kind {
        case .name("is"): throw JinjaError(.syntax, "You cannot chain multiple tests with is", at: current.position)
        case .name(let name): return !["else", "or", "and"].contains(name)
        case .string, .integer, .float: return true
        case .symbol(let symbol): return symbol == "[" || symbol == "{" || symbol == "("
        default: return false
        }
    }

    private mutating func primaryWithPostfix() throws(JinjaError) -> Expression {
        try postfix(try primary())
    }
}
