/// The parts of a `{% macro name(parameters) %}` tag, or of the `caller` a `{% call %}` block
/// defines, as parsed.
struct MacroDefinition: Sendable {
    var name: String
    var parameters: [String]
    /// The default of each parameter that has one, evaluated at each call in the macro's own
    /// scope (so `b=a` reads the parameter `a`).
    var defaults: [String: Expression]
    var body: [Node]
    var position: SourcePosition
    /// jinja2 gives a macro `varargs`, `kwargs` and `caller` only when its body reads them:
    /// without `varargs`, extra positional arguments are an error, and so on.
    var catchesVarargs: Bool
    var catchesKeywords: Bool
    var readsCaller: Bool

    init(name: String, parameters: [String], defaults: [String: Expression], body: [Node], position: SourcePosition) {
        self.name = name
        self.parameters = parameters
        self.defaults = defaults
        self.body = body
        self.position = position
        let read = NameReads.all(in: body)
        catchesVarargs = read.contains("varargs")
        catchesKeywords = read.contains("kwargs")
        readsCaller = read.contains("caller")
    }
}

/// A macro as a value: its definition, the scopes it was defined in (it reads their names as
/// they are when it is called, as jinja2's closures do) and the template that holds it.
public final class Macro: Sendable, Hashable {
    let definition: MacroDefinition
    /// The identities of the scopes that enclosed the definition, outermost first.
    let scopeChain: [Int]
    /// The included template the macro is written in; nil for the main template.
    let template: String?

    init(_ definition: MacroDefinition, scopeChain: [Int], template: String?) {
        self.definition = definition
        self.scopeChain = scopeChain
        self.template = template
    }

    public static func == (a: Macro, b: Macro) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// Every name an expression or statement reads, anywhere inside it (jinja2's
/// `find_undeclared`, which does not ask whether the name was assigned first).
enum NameReads {
    static func all(in nodes: [Node]) -> Set<String> {
        var names: Set<String> = []
        for node in nodes { collect(node, into: &names) }
        return names
    }

    private static func collect(_ node: Node, into names: inout Set<String>) {
        switch node {
        case .text: break
        case .output(let expression): collect(expression, into: &names)
        case .ifBlock(let branches, let otherwise):
            for (condition, body) in branches {
                collect(condition, into: &names)
                for node in body { collect(node, into: &names) }
            }
            for node in otherwise { collect(node, into: &names) }
        case .forLoop(let loop):
            collect(loop.iterable, into: &names)
            if let filter = loop.filter { collect(filter, into: &names) }
            for node in loop.body + loop.otherwise { collect(node, into: &names) }
        case .set(_, let value, _): collect(value, into: &names)
        case .setAttribute(let target, _, let value, _):
            names.insert(target)
            collect(value, into: &names)
        case .macro(let definition):
            for value in definition.defaults.values { collect(value, into: &names) }
            for node in definition.body { collect(node, into: &names) }
        case .callBlock(let call, let caller):
            collect(call, into: &names)
            for value in caller.defaults.values { collect(value, into: &names) }
            for node in caller.body { collect(node, into: &names) }
        case .include(let include): collect(include.name, into: &names)
        }
    }

    static func collect(_ expression: Expression, into names: inout Set<String>) {
        switch expression {
        case .literal: break
        case .name(let name, _): names.insert(name)
        case .list(let items, _), .tuple(let items, _), .concat(let items, _):
            for item in items { collect(item, into: &names) }
        case .dict(let pairs, _):
            for (key, value) in pairs { collect(key, into: &names); collect(value, into: &names) }
        case .attribute(let base, _, _): collect(base, into: &names)
        case .item(let base, let index, _):
            collect(base, into: &names)
            collect(index, into: &names)
        case .slice(let base, let start, let stop, let step, _):
            collect(base, into: &names)
            for part in [start, stop, step] { if let part { collect(part, into: &names) } }
        case .call(let callee, let arguments, let keywords, _):
            collect(callee, into: &names)
            for argument in arguments + keywords.map(\.1) { collect(argument, into: &names) }
        case .filter(let base, _, let arguments, let keywords, _):
            collect(base, into: &names)
            for argument in arguments + keywords.map(\.1) { collect(argument, into: &names) }
        case .test(let base, _, let arguments, _):
            collect(base, into: &names)
            for argument in arguments { collect(argument, into: &names) }
        case .unary(_, let operand, _), .not(let operand, _): collect(operand, into: &names)
        case .binary(_, let left, let right, _), .and(let left, let right, _), .or(let left, let right, _):
            collect(left, into: &names)
            collect(right, into: &names)
        case .compare(let first, let rest, _):
            collect(first, into: &names)
            for (_, operand) in rest { collect(operand, into: &names) }
        case .conditional(let value, let condition, let otherwise, _):
            collect(value, into: &names)
            collect(condition, into: &names)
            if let otherwise { collect(otherwise, into: &names) }
        }
    }
}
