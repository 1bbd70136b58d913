import YAMLSource

/// Checks intrinsic function calls against what the blueprint defines, before anything runs:
/// inputs and node templates that do not exist (with did-you-mean), SELF outside a node template,
/// SOURCE and TARGET outside a relationship, node functions in input defaults, properties that
/// get_property cannot find or that have no value, get_property references that loop, nested
/// paths into values whose shape is known, and merge or string functions whose literal arguments
/// already fail (a split index out of range).
public enum FunctionChecker {
    /// The node references that stand for a node template in context.
    public static let nodeKeywords = ["SELF", "SOURCE", "TARGET"]

    /// Every problem with the calls in `expression`, which lives in `context`.
    public static func check<Scope: FunctionScope>(_ expression: Expression, in context: ExpressionContext, scope: Scope) -> [Diagnostic] {
        check(expression, in: context, scope: scope, loops: PropertyLoops(scope: scope))
    }

    /// As above, with the loops of get_property references shared by every expression of one
    /// blueprint, so that finding them stays linear in the blueprint's size.
    static func check<Scope: FunctionScope>(_ expression: Expression, in context: ExpressionContext, scope: Scope,
                                            loops: PropertyLoops<Scope>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        expression.forEachCall { call in
            guard !call.isMalformed, let first = call.arguments.first else { return }
            if call.function == .getInput || call.function == .getProperty, let runtime = runtimeCall(in: call.arguments) {
                // Cloudify resolves these when the deployment is created; an instance attribute does not exist then.
                diagnostics.append(.error(.functionNotAllowedHere, "the arguments of \(call.function.name) cannot use \(runtime.function.name): \(call.function.name) is resolved before any instance exists",
                                          at: runtime.nameRange, notes: [DiagnosticNote("name the \(call.function == .getInput ? "input" : "node template and property") with literals, get_input or concat")]))
                return
            }
            if call.function == .getSys, case .inputDefault = context {
                // Inputs are bound when the blueprint is loaded, before a deployment is named.
                diagnostics.append(.error(.functionNotAllowedHere, "get_sys cannot be used in an input default: inputs are bound before bluevirt knows the deployment",
                                          at: call.nameRange, notes: [DiagnosticNote("use get_sys where the value is used, e.g. {concat: [{get_sys: [deployment, id]}, {get_input: suffix}]}")]))
                return
            }
            if call.function.takesNodeReference {
                checkNodeCall(call, reference: first, in: context, scope: scope, loops: loops, diagnostics: &diagnostics)
            } else if call.function == .getInput {
                checkGetInput(call, name: first, scope: scope, diagnostics: &diagnostics)
            } else if call.function == .merge || call.function.isStringFunction, !call.arguments.contains(where: \.containsFunctions) {
                // All arguments are literal, so evaluating now finds what evaluation later would;
                // literal arguments of the wrong type were already reported by the parser.
                var found: [Diagnostic] = []
                _ = Evaluator(inputs: [:]).evaluate(Expression(.call(call), range: call.range), in: context, diagnostics: &found)
                diagnostics += found.filter { $0.code != .functionArgumentType }
            }
        }
        return diagnostics
    }

    private static func runtimeCall(in arguments: [Expression]) -> FunctionCall? {
        var found: FunctionCall?
        for argument in arguments {
            argument.forEachCall { call in
                if found == nil, call.function.isRuntimeOnly, call.function != .getSecret { found = call }
            }
        }
        return found
    }

    private static func checkGetInput(_ call: FunctionCall, name: Expression, scope: some FunctionScope, diagnostics: inout [Diagnostic]) {
        guard let input = name.stringLiteral else { return }
        guard scope.hasInput(named: input) else {
            let declared = scope.inputNames
            var notes: [DiagnosticNote] = []
            if let suggestion = DidYouMean.note(for: input, among: declared) { notes.append(DiagnosticNote(suggestion)) }
            notes.append(DiagnosticNote(declared.isEmpty ? "the blueprint declares no inputs; declare it under `inputs:`"
                                                         : "declared inputs: \(declared.listed())"))
            diagnostics.append(.error(.unknownFunctionInput, "get_input refers to unknown input '\(input)'", at: name.range, notes: notes))
            return
        }
        let path = Array(call.arguments.dropFirst())
        guard !path.isEmpty, let schema = scope.inputSchema(named: input) else { return }
        walk(nil, type: schema.type, path: path, described: input, dataTypes: scope.dataTypes, diagnostics: &diagnostics)
    }

    private static func checkNodeCall<Scope: FunctionScope>(_ call: FunctionCall, reference: Expression, in context: ExpressionContext, scope: Scope,
                                                            loops: PropertyLoops<Scope>, diagnostics: inout [Diagnostic]) {
        let function = call.function
        guard context.allowsNodeFunctions else {
            diagnostics.append(.error(.functionNotAllowedHere, "\(function.name) cannot be used in \(context.description): inputs are resolved before any node template exists",
                                      at: call.nameRange, notes: [DiagnosticNote("use a literal default or get_input")]))
            return
        }
        guard let name = reference.stringLiteral else { return }
        if let misplaced = misplacedNodeReference(name, at: reference.range, in: context) {
            diagnostics.append(misplaced)
            return
        }
        let node: String?
        if nodeKeywords.contains(name) {
            node = context.node(standingFor: name)
        } else {
            guard scope.hasNodeTemplate(named: name) else {
                let nodes = scope.nodeTemplateNames
                var notes: [DiagnosticNote] = []
                if let suggestion = DidYouMean.note(for: name, among: nodes + nodeKeywords) { notes.append(DiagnosticNote(suggestion)) }
                else if nodes.isEmpty { notes.append(DiagnosticNote("the blueprint has no node templates")) }
                diagnostics.append(.error(.unknownFunctionNode, "\(function.name) refers to unknown node template '\(name)'", at: reference.range, notes: notes))
                return
            }
            node = name
        }
        guard function == .getProperty, let node else { return }
        checkProperty(readBy: call, of: node, scope: scope, loops: loops, diagnostics: &diagnostics)
    }

    /// What is wrong with the property get_property `call` reads when its SELF, SOURCE or TARGET
    /// stands for the node template `context` gives it: a property that node lacks or has no
    /// value for (BV0305), a path its value lacks (BV0309). For a type's default, which names no
    /// node until a template takes it. Loops through such defaults are not looked for (Cloudify
    /// 7.0.5 does not refuse them when it parses).
    public static func propertyProblems(readBy call: FunctionCall, in context: ExpressionContext, scope: some FunctionScope) -> [Diagnostic] {
        guard call.function == .getProperty, !call.isMalformed, let name = call.arguments.first?.stringLiteral,
              let node = context.node(standingFor: name) else { return [] }
        var diagnostics: [Diagnostic] = []
        checkProperty(readBy: call, of: node, scope: scope, loops: nil, diagnostics: &diagnostics)
        return diagnostics
    }

    /// A property `node` lacks or has no value for, a loop (when `loops` is given), a path its value lacks.
    private static func checkProperty<Scope: FunctionScope>(readBy call: FunctionCall, of node: String, scope: Scope, loops: PropertyLoops<Scope>?,
                                                            diagnostics: inout [Diagnostic]) {
        guard call.arguments.count >= 2, let property = call.arguments[1].stringLiteral else { return }
        // A node template whose type is unknown (reported already) may get properties and
        // defaults from that type: nothing about its properties can be known.
        guard let schemas = scope.propertySchemas(ofNodeTemplate: node) else { return }
        let value = scope.propertyValue(ofNodeTemplate: node, named: property)
        if value == nil, schemas[property] == nil {
            var notes: [DiagnosticNote] = []
            if let suggestion = DidYouMean.note(for: property, among: schemas.keys) { notes.append(DiagnosticNote(suggestion)) }
            notes.append(DiagnosticNote(schemas.isEmpty ? "node template '\(node)' has no properties"
                                                        : "its properties: \(schemas.keys.sorted().listed())"))
            diagnostics.append(.error(.unknownFunctionProperty, "get_property refers to unknown property '\(property)' of node template '\(node)'",
                                      at: call.arguments[1].range, notes: notes))
            return
        }
        if value == nil, schemas[property] != nil {
            // Declared but never given and without a default: Cloudify fails here too.
            diagnostics.append(.error(.unknownFunctionProperty, "get_property refers to property '\(property)' of node template '\(node)', which has no value",
                                      at: call.arguments[1].range,
                                      notes: [DiagnosticNote("set '\(property)' in node template '\(node)', or give it a default in its type")]))
            return
        }
        if let loop = loops?.loop(from: node, property: property) {
            diagnostics.append(.error(.propertyReferenceCycle, "get_property references form a loop: \(abbreviated(loop))", at: call.range,
                                      notes: [DiagnosticNote("one of these properties needs a value that does not refer back")]))
            return
        }
        walk(value, type: schemas[property]?.type, path: Array(call.arguments.dropFirst(2)), described: "\(node).\(property)",
             dataTypes: scope.dataTypes, diagnostics: &diagnostics)
    }

    /// A loop as `a.x -> b.y -> a.x`; a long one shows its first and last steps only, so that a
    /// loop through thousands of properties does not print thousands of names per reference.
    private static func abbreviated(_ loop: [String]) -> String {
        guard loop.count > 12 else { return loop.joined(separator: " -> ") }
        return (loop.prefix(8) + ["… (\(loop.count - 11) more)"] + loop.suffix(3)).joined(separator: " -> ")
    }

    /// BV0306 when node reference `name` (at `range`) is SELF outside a node template, or SOURCE
    /// or TARGET outside a relationship, in `context`; nil for any other name or place.
    public static func misplacedNodeReference(_ name: String, at range: SourceRange, in context: ExpressionContext) -> Diagnostic? {
        switch name {
        case "SELF" where !context.allowsSelf:
            .error(.misplacedNodeReference, "SELF can only be used in a node template's properties and operation inputs, not in \(context.description)",
                   at: range, notes: [DiagnosticNote(selfAdvice(for: context))])
        case "SOURCE" where !context.allowsSourceAndTarget, "TARGET" where !context.allowsSourceAndTarget:
            .error(.misplacedNodeReference, "\(name) can only be used in a relationship's properties and operation inputs, not in \(context.description)",
                   at: range, notes: [DiagnosticNote(context.selfNode != nil ? "use SELF or the node template's name" : "name the node template instead")])
        default:
            nil
        }
    }

    private static func selfAdvice(for context: ExpressionContext) -> String {
        switch context {
        case .relationshipProperty, .relationshipOperationInput: "in a relationship, use SOURCE or TARGET"
        default: "name the node template instead"
        }
    }

    /// Follows literal path items through what is known statically: the value written in the
    /// blueprint, or the properties of a data type. Stops quietly at anything dynamic.
    private static func walk(_ start: Expression?, type startType: String?, path: [Expression], described: String,
                             dataTypes: DataTypeRegistry?, diagnostics: inout [Diagnostic]) {
        var current = start
        var type = startType
        var walked = described
        for item in path {
            guard case .scalar(let scalar) = item.kind else { return }
            let key = Value(scalar.value)
            let fields = type.flatMap { dataTypes?.properties(of: $0) }
            if let expression = current {
                switch expression.kind {
                case .call:
                    return
                case .map(let entries):
                    if let name = key.pathKey, let entry = entries.first(where: { $0.key == name }) {
                        current = entry.value
                        type = fields?.first { $0.name == name }?.type
                    } else if let name = key.pathKey, let field = fields?.first(where: { $0.name == name }) {
                        current = field.default
                        type = field.type
                    } else {
                        missing(key, in: walked, keys: entries.map(\.key) + (fields?.map(\.name) ?? []), canAdd: fields == nil, at: item.range,
                                diagnostics: &diagnostics)
                        return
                    }
                case .list(let items):
                    guard case .int(let index) = key else {
                        diagnostics.append(.error(.missingValuePath, "'\(walked)' is a list, so its path item must be an index, not \(key)", at: item.range,
                                                  notes: [PathHint.index(count: items.count)]))
                        return
                    }
                    let resolved = index < 0 ? items.count + index : index
                    guard resolved >= 0, resolved < items.count else {
                        diagnostics.append(.error(.missingValuePath, "index \(index) is out of range: '\(walked)' has \(items.count) item\(items.count == 1 ? "" : "s")",
                                                  at: item.range, notes: [PathHint.index(count: items.count)]))
                        return
                    }
                    current = items[resolved]
                    type = nil
                case .scalar(let scalar):
                    if case .null = scalar.value { return }
                    let value = Value(scalar.value)
                    diagnostics.append(.error(.missingValuePath, "'\(walked)' is \(value.kindDescription) (\(value)), so it has no key or index \(key)",
                                              at: item.range, notes: [DiagnosticNote("remove the path items from here on")]))
                    return
                }
            } else if let fields {
                guard let name = key.pathKey, let field = fields.first(where: { $0.name == name }) else {
                    missing(key, in: walked, keys: fields.map(\.name), canAdd: false, at: item.range, diagnostics: &diagnostics)
                    return
                }
                current = field.default
                type = field.type
            } else {
                return
            }
            walked += key.pathSuffix
        }
    }

    /// `canAdd`: whether the value may be given the key (it is not a data type's, whose fields are fixed).
    private static func missing(_ key: Value, in walked: String, keys: [String], canAdd: Bool, at range: SourceRange, diagnostics: inout [Diagnostic]) {
        var unique: [String] = []
        for key in keys where !unique.contains(key) { unique.append(key) }
        var notes: [DiagnosticNote] = []
        if let name = key.pathKey, let suggestion = DidYouMean.note(for: name, among: unique) { notes.append(DiagnosticNote(suggestion)) }
        notes.append(PathHint.keys(unique, of: walked, missing: key, suggested: !notes.isEmpty, canAdd: canAdd))
        diagnostics.append(.error(.missingValuePath, "'\(walked)' has no key \(key)", at: range, notes: notes))
    }
}
