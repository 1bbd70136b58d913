/// Runs a parsed template against a context, writing text as jinja2's generated code would:
/// `str()` of each printed value (escaped first when autoescaping), `for` loops and macros in
/// their own scope, `set` writing to the innermost scope.
struct Interpreter {
    /// One level of names: the context, a loop iteration, a macro call, an included template.
    /// The identity lets a macro tell whether the scopes it was defined in are still there.
    private struct Scope {
        var id: Int
        var names: [String: Value]
    }

    let autoescape: Bool
    private let loader: (any TemplateLoader)?
    private var scopes: [Scope]
    private var nextScopeID = 1
    private var output = ""
    /// Iterations of every loop so far, against ``RenderLimits/loopIterations``.
    private var iterations = 0
    /// The included template being run (nil: the main one), for errors and macros.
    private var template: String?
    /// Macro calls and includes under way, against ``RenderLimits/macroDepth`` and
    /// ``RenderLimits/includeDepth``.
    private var macroDepth = 0
    private var includeDepth = 0
    /// Included templates parsed so far, by path.
    private var parsed: [String: [Node]] = [:]
    /// Each include tag reached, with the names it found a template by (none: missing and
    /// ignored).
    private(set) var followedIncludes: [IncludeSite: Set<String>] = [:]

    init(context: [String: Value], autoescape: Bool, loader: (any TemplateLoader)?) {
        self.autoescape = autoescape
        self.loader = loader
        scopes = [Scope(id: 0, names: context)]
    }

    static func render(_ nodes: [Node], context: [String: Value], autoescape: Bool, loader: (any TemplateLoader)?,
                       followedIncludes: inout [IncludeSite: Set<String>]) throws(JinjaError) -> String {
        var interpreter = Interpreter(context: context, autoescape: autoescape, loader: loader)
        try interpreter.run(nodes)
        followedIncludes = interpreter.followedIncludes
        return interpreter.output
    }

    private mutating func pushScope(_ names: [String: Value]) {
        scopes.append(Scope(id: nextScopeID, names: names))
        nextScopeID += 1
    }

    private mutating func bind(_ name: String, _ value: Value) {
        scopes[scopes.count - 1].names[name] = value
    }

    private mutating func run(_ nodes: [Node]) throws(JinjaError) {
        for node in nodes {
            switch node {
            case .text(let text):
                try write(text, at: nil)
            case .output(let expression):
                let value = try evaluate(expression)
                try write(try text(of: value, at: expression.position), at: expression.position)
            case .ifBlock(let branches, let otherwise):
                var taken = false
                for (condition, body) in branches where try evaluate(condition).isTruthy {
                    try run(body)
                    taken = true
                    break
                }
                if !taken { try run(otherwise) }
            case .forLoop(let loop):
                try runLoop(loop)
            case .set(let names, let expression, let position):
                let value = try evaluate(expression)
                if names.count == 1 {
                    bind(names[0], value)
                } else {
                    let values = try unpack(value, count: names.count, at: position)
                    for (name, item) in zip(names, values) { bind(name, item) }
                }
            case .setAttribute(let target, let attribute, let expression, let position):
                let value = try evaluate(expression)
                guard case .namespace(let namespace) = lookup(target) else {
                    throw JinjaError(.runtime, "cannot assign attribute on non-namespace object", at: position)
                }
                namespace.attributes[.string(attribute)] = value
            case .macro(let definition):
                bind(definition.name, .macro(Macro(definition, scopeChain: scopes.map(\.id), template: template)))
            case .callBlock(let call, let caller):
                guard case .call(let callee, let arguments, let keywords, let position) = call else { continue }
                let callerMacro = Macro(caller, scopeChain: scopes.map(\.id), template: template)
                let value = try self.call(callee, arguments, keywords + [("caller", .literal(.macro(callerMacro), position))], at: position)
                try write(try text(of: value, at: position), at: position)
            case .include(let include):
                try runInclude(include)
            }
        }
    }

    /// Appends to the output, which may not grow beyond ``RenderLimits/textBytes``; `position`
    /// is the printed expression's (nil: the template's own text, which counts too).
    private mutating func write(_ text: String, at position: SourcePosition?) throws(JinjaError) {
        let bytes = output.utf8.count + text.utf8.count
        guard bytes <= RenderLimits.textBytes else {
            throw RenderLimits.tooLong("the template's output", bytes: bytes, at: position ?? SourcePosition(line: 1, column: 1))
        }
        output += text
    }

    /// What `{{ value }}` writes.
    private func text(of value: Value, at position: SourcePosition) throws(JinjaError) -> String {
        if autoescape, case .markup(let text) = value { return text }
        guard let text = try Self.str(value, "printing it", at: position) else {
            throw JinjaError(.unsupported, "printing a \(value.typeName) is not supported: Python prints it with a memory address", at: position)
        }
        return autoescape ? PythonText.escape(text) : text
    }

    /// Python's `str(value)`, refused where it would be longer than ``RenderLimits/textBytes``
    /// (`what` names the operation that asked).
    static func str(_ value: Value, _ what: String, at position: SourcePosition) throws(JinjaError) -> String? {
        do {
            return try PythonText.str(value)
        } catch {
            throw RenderLimits.tooLong("the text of a \(value.typeName) (\(what))", bytes: nil, at: position)
        }
    }

    private func unpack(_ value: Value, count: Int, at position: SourcePosition) throws(JinjaError) -> [Value] {
        guard let items = value.iterationItems, !value.isUndefined || count == 0 else {
            if case .undefined(let hint) = value { throw JinjaError(.undefined, hint, at: position) }
            throw JinjaError(.runtime, "cannot unpack non-iterable \(value.typeName) object", at: position)
        }
        guard items.count == count else {
            throw JinjaError(.runtime, items.count > count
                             ? "too many values to unpack (expected \(count))"
                             : "not enough values to unpack (expected \(count), got \(items.count))", at: position)
        }
        return items
    }

    private mutating func runLoop(_ loop: ForLoop) throws(JinjaError) {
        let iterable = try evaluate(loop.iterable)
        try Self.checkSplit(iterable, at: loop.iterable.position)
        guard var items = iterable.iterationItems else {
            throw JinjaError(.runtime, "'\(iterable.typeName)' object is not iterable", at: loop.iterable.position)
        }
        // jinja2 filters before counting: loop.length and loop.last see only the kept items.
        if let filter = loop.filter {
            var kept: [Value] = []
            for item in items {
                try count(loop)
                pushScope(try bindings(loop, item))
                defer { scopes.removeLast() }
                if try evaluate(filter).isTruthy { kept.append(item) }
            }
            items = kept
        }
        if items.isEmpty {
            try run(loop.otherwise)
            return
        }
        for (index, item) in items.enumerated() {
            try count(loop)
            var scope = try bindings(loop, item)
            // jinja2 makes `loop` only for a body that reads it: an included template sees it then only.
            if loop.readsLoop { scope["loop"] = .loop(index0: index, length: items.count) }
            pushScope(scope)
            defer { scopes.removeLast() }
            try run(loop.body)
        }
    }

    /// Counts one iteration of `loop` against ``RenderLimits/loopIterations``.
    private mutating func count(_ loop: ForLoop) throws(JinjaError) {
        iterations += 1
        guard iterations <= RenderLimits.loopIterations else {
            throw JinjaError(.limit, "the template's loops would run more than \(RenderLimits.loopIterations) times; bluevirt's Jinja2 interpreter runs at most that many",
                             at: loop.position)
        }
    }

    /// A text iterated (a loop, `|list`) becomes a list of its characters: refused before it is
    /// made when they are more than ``RenderLimits/listItems``.
    static func checkSplit(_ value: Value, at position: SourcePosition) throws(JinjaError) {
        switch value {
        case .string(let text), .markup(let text):
            // Characters are at most as many as bytes: the count is asked only of a long text.
            if text.utf8.count > RenderLimits.listItems { try RenderLimits.checkList(text.count, "splitting a text into its characters", at: position) }
        default: break
        }
    }

    private func bindings(_ loop: ForLoop, _ item: Value) throws(JinjaError) -> [String: Value] {
        guard loop.unpacks else { return [loop.targets[0]: item] }
        let values = try unpack(item, count: loop.targets.count, at: loop.position)
        return Dictionary(zip(loop.targets, values), uniquingKeysWith: { _, last in last })
    }

    private func lookup(_ name: String) -> Value? {
        for scope in scopes.reversed() {
            if let value = scope.names[name] { return value }
        }
        return nil
    }

    /// jinja2's default globals; a context value of the same name wins.
    static let globals: Set<String> = ["range", "dict", "lipsum", "cycler", "joiner", "namespace"]

    private mutating func evaluate(_ expression: Expression) throws(JinjaError) -> Value {
        switch expression {
        case .literal(let value, _):
            return value
        case .name(let name, _):
            if let value = lookup(name) { return value }
            if Self.globals.contains(name) { return .method(receiver: .none, name: name) }
            return .undefined(hint: "'\(name)' is undefined")
        case .list(let items, _):
            var values: [Value] = []
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case .tuple(let items, _):
            var values: [Value] = []
            for item in items { values.append(try evaluate(item)) }
            return .tuple(values)
        case .dict(let pairs, _):
            var dict = Value.Dictionary()
            for (key, value) in pairs {
                let k = try evaluate(key)
                switch k {
                case .list, .dict, .undefined:
                    throw JinjaError(.runtime, "unhashable type: '\(k.typeName)'", at: key.position)
                default: break
                }
                dict[k] = try evaluate(value)
            }
            return .dict(dict)
        case .attribute(let base, let name, let position):
            return try Lookup.attribute(try evaluate(base), name, at: position)
        case .item(let base, let key, let position):
            let object = try evaluate(base)
            return try Lookup.item(object, try evaluate(key), at: position)
        case .slice(let base, let start, let stop, let step, let position):
            let object = try evaluate(base)
            var bounds: [Value?] = []
            for part in [start, stop, step] { bounds.append(try part.map { part throws(JinjaError) in try evaluate(part) }) }
            return try Slicing.slice(object, start: bounds[0], stop: bounds[1], step: bounds[2], at: position)
        case .call(let callee, let arguments, let keywords, let position):
            return try call(callee, arguments, keywords, at: position)
        case .filter(let base, let name, let arguments, let keywords, let position):
            let value = try evaluate(base)
            var positional: [Value] = []
            for argument in arguments { positional.append(try evaluate(argument)) }
            var named: [(String, Value)] = []
            for (key, argument) in keywords { named.append((key, try evaluate(argument))) }
            return try Filters.apply(name, value, positional, named, autoescape: autoescape, at: position)
        case .test(let base, let name, let arguments, let position):
            let value = try evaluate(base)
            var values: [Value] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return .bool(try Tests.apply(name, value, values, at: position))
        case .unary(let symbol, let operand, let position):
            return try Operators.unary(symbol, try evaluate(operand), at: position)
        case .binary(let symbol, let left, let right, let position):
            let a = try evaluate(left)
            let b = try evaluate(right)
            return try Operators.binary(symbol, a, b, at: position)
        case .not(let operand, _):
            return .bool(!(try evaluate(operand).isTruthy))
        case .and(let left, let right, _):
            let a = try evaluate(left)
            return a.isTruthy ? try evaluate(right) : a
        case .or(let left, let right, _):
            let a = try evaluate(left)
            return a.isTruthy ? a : try evaluate(right)
        case .compare(let first, let operations, _):
            var left = try evaluate(first)
            for (symbol, operand) in operations {
                let right = try evaluate(operand)
                guard try Operators.compare(symbol, left, right, at: operand.position) else { return .bool(false) }
                left = right
            }
            return .bool(true)
        case .conditional(let body, let condition, let otherwise, _):
            if try evaluate(condition).isTruthy { return try evaluate(body) }
            guard let otherwise else { return .undefined(hint: "the inline if-expression on line \(expression.position.line) evaluated to false and no else section was defined.") }
            return try evaluate(otherwise)
        case .concat(let items, let position):
            var values: [Value] = []
            for item in items { values.append(try evaluate(item)) }
            return try concat(values, at: position)
        }
    }

    private mutating func call(_ callee: Expression, _ arguments: [Expression], _ keywords: [(String, Expression)], at position: SourcePosition) throws(JinjaError) -> Value {
        let function = try evaluate(callee)
        var positional: [Value] = []
        for argument in arguments { positional.append(try evaluate(argument)) }
        var named: [(String, Value)] = []
        for (name, argument) in keywords { named.append((name, try evaluate(argument))) }
        switch function {
        case .method(let receiver, let name):
            if receiver == .none, Self.globals.contains(name) {
                return try Self.callGlobal(name, positional, named, at: position)
            }
            return try Lookup.call(receiver, name, positional, named, at: position)
        case .macro(let macro):
            return try invoke(macro, positional, named, at: position)
        case .undefined(let hint):
            throw JinjaError(.undefined, hint, at: position)
        default:
            throw JinjaError(.runtime, "'\(function.typeName)' object is not callable", at: position)
        }
    }

    /// Calls a macro as jinja2's `Macro.__call__` does: positional arguments first, then the
    /// remaining parameters by keyword, then defaults; `varargs`, `kwargs` and `caller` for a
    /// body that reads them. The body runs in the scopes the macro was defined in, with its
    /// text returned (Markup when autoescaping) rather than written.
    private mutating func invoke(_ macro: Macro, _ positional: [Value], _ keywords: [(String, Value)], at position: SourcePosition) throws(JinjaError) -> Value {
        let definition = macro.definition
        let name = PythonText.quoted(definition.name)
        var remaining = keywords
        func take(_ parameter: String) -> Value? {
            guard let index = remaining.firstIndex(where: { $0.0 == parameter }) else { return nil }
            return remaining.remove(at: index).1
        }
        var given: [String: Value] = [:]
        for (parameter, value) in zip(definition.parameters, positional) { given[parameter] = value }
        if positional.count < definition.parameters.count {
            for parameter in definition.parameters[positional.count...] { given[parameter] = take(parameter) }
        }
        var names: [String: Value] = [:]
        if definition.readsCaller, !definition.parameters.contains("caller") {
            // jinja2's message, and where the call without `{% call %}` is: the error is raised
            // at `caller()` in the body, which every call of the macro shares.
            let site = "line \(position.line), column \(position.column)\(template.map { " of \($0)" } ?? "")"
            names["caller"] = take("caller")
                ?? .undefined(hint: "No caller defined: macro \(name) calls caller(), but is called at \(site) without {% call %}")
        }
        if definition.catchesKeywords {
            names["kwargs"] = .dict(Value.Dictionary(remaining.map { (Value.string($0.0), $0.1) }))
        } else if let (extra, _) = remaining.first {
            if extra == "caller" {
                throw JinjaError(.runtime, "macro \(name) was invoked with two values for the special caller argument. This is most likely a bug.", at: position)
            }
            throw JinjaError(.runtime, "macro \(name) takes no keyword argument \(PythonText.quoted(extra))", at: position)
        }
        if definition.catchesVarargs {
            names["varargs"] = .tuple(Array(positional.dropFirst(definition.parameters.count)))
        } else if positional.count > definition.parameters.count {
            throw JinjaError(.runtime, "macro \(name) takes not more than \(definition.parameters.count) argument(s)", at: position)
        }
        // The scopes the macro was defined in must still be the innermost ones it sees.
        guard scopes.count >= macro.scopeChain.count, zip(scopes, macro.scopeChain).allSatisfy({ $0.id == $1 }) else {
            throw JinjaError(.unsupported, "calling the macro \(name) outside the block that defines it is not supported by bluevirt's Jinja2 interpreter", at: position)
        }
        macroDepth += 1
        guard macroDepth <= RenderLimits.macroDepth else {
            throw JinjaError(.limit, "macro calls would nest more than \(RenderLimits.macroDepth) deep (a macro calling itself without end?); bluevirt's Jinja2 interpreter nests at most that many",
                             at: position)
        }
        let outer = (scopes: scopes, output: output, template: template)
        scopes.removeLast(scopes.count - macro.scopeChain.count)
        pushScope(names)
        output = ""
        template = macro.template
        defer {
            macroDepth -= 1
            (scopes, output, template) = outer
        }
        do {
            // Parameters in order, so a default may read the ones before it.
            for parameter in definition.parameters {
                if let value = given[parameter] {
                    bind(parameter, value)
                } else if let fallback = definition.defaults[parameter] {
                    bind(parameter, try evaluate(fallback))
                } else {
                    bind(parameter, .undefined(hint: "parameter \(PythonText.quoted(parameter)) was not provided"))
                }
            }
            try run(definition.body)
        } catch {
            throw error.inTemplate(macro.template)
        }
        return autoescape ? .markup(output) : .string(output)
    }

    /// Runs an included template in a scope of its own above the current ones (or, `without
    /// context`, above none), so its `set`s do not leak out.
    private mutating func runInclude(_ include: Include) throws(JinjaError) {
        let position = include.position
        let nameValue = try evaluate(include.name)
        var candidates: [String] = []
        switch nameValue {
        case .string(let name), .markup(let name): candidates = [name]
        case .list(let items), .tuple(let items):
            for item in items {
                guard case .string(let name) = item else {
                    throw JinjaError(.unsupported, "including a template named by a \(item.typeName) is not supported by bluevirt's Jinja2 interpreter", at: position)
                }
                candidates.append(name)
            }
            guard !candidates.isEmpty else { throw JinjaError(.notFound, "Tried to select from an empty list of templates.", at: position) }
        case .undefined(let hint): throw JinjaError(.undefined, hint, at: position)
        default:
            throw JinjaError(.runtime, "'\(nameValue.typeName)' object is not iterable", at: position)
        }
        guard let loader else {
            throw JinjaError(.runtime, "no loader for this environment specified", at: position)
        }
        var found: LoadedTemplate?
        var missing: [String] = []
        let site = IncludeSite(template: template, position: position)
        if followedIncludes[site] == nil { followedIncludes[site] = [] }
        for candidate in candidates {
            do {
                found = try loader.load(candidate)
                followedIncludes[site, default: []].insert(candidate)
                break
            } catch {
                switch error {
                case .notFound(let explanation): missing.append(explanation)
                case .refused(let explanation): throw JinjaError(.refused, explanation, at: position)
                }
            }
        }
        guard let found else {
            if include.ignoresMissing { return }
            throw JinjaError(.notFound, missing.joined(separator: "; "), at: position)
        }
        includeDepth += 1
        guard includeDepth <= RenderLimits.includeDepth else {
            throw JinjaError(.limit, "includes would nest more than \(RenderLimits.includeDepth) deep (a template including itself?); bluevirt's Jinja2 interpreter nests at most that many",
                             at: position)
        }
        let outer = (scopes: scopes, template: template)
        if !include.withContext { scopes = [] }
        pushScope([:])
        template = found.path
        defer {
            includeDepth -= 1
            (scopes, template) = outer
        }
        do {
            let nodes: [Node]
            if let cached = parsed[found.path] {
                nodes = cached
            } else {
                nodes = try Parser.parse(found.text)
                parsed[found.path] = nodes
            }
            try run(nodes)
        } catch {
            throw error.inTemplate(found.path)
        }
    }

    /// `a ~ b`: jinja2's `str_join`, or `markup_join` when autoescaping (a Markup operand makes
    /// the result Markup, escaping the others).
    private func concat(_ values: [Value], at position: SourcePosition) throws(JinjaError) -> Value {
        let hasMarkup = autoescape && values.contains { if case .markup = $0 { return true } else { return false } }
        var result = ""
        for value in values {
            guard let text = try Self.str(value, "joining it with '~'", at: position) else {
                throw JinjaError(.unsupported, "a \(value.typeName) has no stable text form", at: position)
            }
            let isMarkup = if case .markup = value { true } else { false }
            let part = hasMarkup && !isMarkup ? PythonText.escape(text) : text
            try RenderLimits.checkText(result.utf8.count + part.utf8.count, "joining texts with '~'", at: position)
            result += part
        }
        return hasMarkup ? .markup(result) : .string(result)
    }

    private static func callGlobal(_ name: String, _ positional: [Value], _ keywords: [(String, Value)], at position: SourcePosition) throws(JinjaError) -> Value {
        switch name {
        case "range":
            guard keywords.isEmpty, (1...3).contains(positional.count) else {
                throw JinjaError(.runtime, "range expected 1 to 3 integer arguments", at: position)
            }
            var bounds: [Int] = []
            for argument in positional {
                guard let number = argument.integer else {
                    throw JinjaError(.runtime, "'\(argument.typeName)' object cannot be interpreted as an integer", at: position)
                }
                bounds.append(number)
            }
            let (start, stop, step) = bounds.count == 1 ? (0, bounds[0], 1) : (bounds[0], bounds[1], bounds.count == 3 ? bounds[2] : 1)
            guard step != 0 else { throw JinjaError(.runtime, "range() arg 3 must not be zero", at: position) }
            let length = rangeLength(start, stop, step)
            guard length <= UInt(RenderLimits.rangeLength) else {
                throw JinjaError(.limit, "range(\(start), \(stop)\(step == 1 ? "" : ", \(step)")) has \(length) numbers; bluevirt's Jinja2 interpreter makes ranges of at most \(RenderLimits.rangeLength)",
                                 at: position)
            }
            // Python prints a range as `range(0, 3)`; the kind carries that text.
            let text = "range(\(start), \(stop)\(step == 1 ? "" : ", \(step)"))"
            return .view(kind: text, items: stride(from: start, to: stop, by: step).map(Value.int))
        case "namespace":
            return .namespace(Namespace(try dictArguments("namespace", positional, keywords, at: position)))
        case "dict":
            guard positional.isEmpty else {
                throw JinjaError(.unsupported, "dict() with positional arguments is not supported by bluevirt's Jinja2 interpreter", at: position)
            }
            return .dict(keywords)
        default:
            throw JinjaError(.unsupported, "the global '\(name)' is not supported by bluevirt's Jinja2 interpreter", at: position)
        }
    }

    /// Python's `dict(mapping_or_pairs, **keywords)`, for `namespace()`.
    private static func dictArguments(_ callee: String, _ positional: [Value], _ keywords: [(String, Value)], at position: SourcePosition) throws(JinjaError) -> Value.Dictionary {
        guard positional.count <= 1 else {
            throw JinjaError(.runtime, "dict expected at most 1 argument, got \(positional.count)", at: position)
        }
        var result = Value.Dictionary()
        switch positional.first {
        case nil: break
        case .dict(let dict)?: result = dict
        case let other?:
            guard let items = other.iterationItems, !other.isUndefined else {
                throw JinjaError(.runtime, "'\(other.typeName)' object is not iterable", at: position)
            }
            for (index, item) in items.enumerated() {
                guard let pair = item.iterationItems, !item.isUndefined, pair.count == 2 else {
                    throw JinjaError(.runtime, item.iterationItems == nil
                                     ? "cannot convert dictionary update sequence element #\(index) to a sequence"
                                     : "dictionary update sequence element #\(index) has length \(item.iterationItems?.count ?? 0); 2 is required", at: position)
                }
                result[pair[0]] = pair[1]
            }
        }
        for (key, value) in keywords { result[.string(key)] = value }
        return result
    }

    /// How many numbers `range(start, stop, step)` has, counted without making them: the
    /// distance between the ends, as a UInt, cannot overflow.
    private static func rangeLength(_ start: Int, _ stop: Int, _ step: Int) -> UInt {
        guard step > 0 ? start < stop : start > stop else { return 0 }
        let distance = step > 0 ? UInt(bitPattern: stop &- start) : UInt(bitPattern: start &- stop)
        return (distance - 1) / step.magnitude + 1
    }
}
