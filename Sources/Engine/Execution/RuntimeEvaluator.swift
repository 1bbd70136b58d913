import Blueprint
import Rendering
import StateStore
import Diagnostics

/// Evaluates a node instance's expressions during a run, when `get_attribute` has answers: the
/// runtime properties recorded so far. Scripts, built-in operations and seed images read their
/// properties and inputs through it.
struct RuntimeEvaluator: Sendable {
    let deployment: String
    let blueprint: Blueprint
    let evaluator: Evaluator
    /// Every instance of the plan, by id.
    let instances: [String: InstanceReference]
    let instancesByNode: [String: [String]]
    /// Objects' planned names by instance, read as their `resource_id` while none is recorded
    /// (``RuntimeParams``); empty elsewhere.
    var plannedNames: [String: LibvirtObject] = [:]

    init(deployment: String, blueprint: Blueprint, instances: [InstanceReference]) {
        self.deployment = deployment
        self.blueprint = blueprint
        evaluator = Evaluator(blueprint: blueprint, deployment: deployment)
        self.instances = Dictionary(instances.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        instancesByNode = Dictionary(grouping: instances, by: \.node).mapValues { $0.map(\.id) }
    }

    /// A value that is still not known when the run needs it.
    struct Unresolved: Error, CustomStringConvertible {
        var what: String
        var waitingFor: String
        var range: SourceRange
        /// What to do about it, which depends on whether the instance that should have the
        /// value is already one whose operations run first.
        var hint = "make the node depend on the one that sets it (a relationship), or check the attribute's name"
        /// What evaluating found wrong with the values it had (a string_split index given as
        /// text): the value will never be known, whatever runs first.
        var cause: Diagnostic?
        var description: String {
            if let cause {
                return "\(cause.range.file):\(cause.range.start.line):\(cause.range.start.column): \(what) cannot be evaluated: \(cause.message)"
            }
            return "\(range.file):\(range.start.line):\(range.start.column): \(what) needs \(waitingFor), which has no value yet; \(hint)"
        }
    }

    /// `expression` of `instance` with every `get_attribute` answered from `runtime` (runtime
    /// properties by instance id), falling back to node properties as Cloudify does. In a
    /// relationship's operation `relationshipTarget` is the target instance, `instance` the
    /// source: SOURCE and TARGET stand for them.
    func evaluate(_ expression: Expression, in context: ExpressionContext, instance: String?, relationshipTarget: String? = nil,
                  runtime: RuntimeSnapshot, what: String, firstOfMany: Bool = false) throws(Unresolved) -> Value {
        var unanswered: FunctionCall?
        let substituted = expression.substitutingAttributes { call in
            let value = attribute(call, from: instance, relationshipTarget: relationshipTarget, runtime: runtime, firstOfMany: firstOfMany)
            if value == nil, unanswered == nil { unanswered = call }
            return value
        }
        var found: [Diagnostic] = []
        let result = evaluator.evaluate(substituted, in: context, diagnostics: &found)
        guard let value = result.value else {
            var problem = Unresolved(what: what, waitingFor: Self.firstPending(in: result) ?? "a run-time value", range: expression.range)
            problem.cause = found.first { $0.severity == .error }
            if let unanswered, let owner = instanceAnswering(unanswered, from: instance, relationshipTarget: relationshipTarget),
               let instance, isOrderedFirst(owner, before: instance) {
                problem.hint = "the operations of '\(owner)' that come before this one have run: check the attribute's name, "
                    + "and that one of them sets it (ctx instance runtime-properties)"
            }
            throw problem
        }
        return value
    }

    /// `expression` as far as the plan knows it, for dry-run: a value known only at run time
    /// is written as its placeholder (`${get_attribute: [key, public_key]}`).
    func preview(_ expression: Expression, in context: ExpressionContext, instance: String?) -> Value {
        let substituted = expression.substitutingAttributes { attribute($0, from: instance, runtime: [:]) }
        return Self.withPlaceholders(evaluator.evaluate(substituted, in: context))
    }

    private static func withPlaceholders(_ value: EvaluatedValue) -> Value {
        switch value {
        case .known(let known): known
        case .pending(let source): .string(RenderValue.placeholder(for: source))
        case .list(let items): .list(items.map(withPlaceholders))
        case .map(let entries): .map(entries.map { Value.Entry(key: $0.key, value: withPlaceholders($0.value)) })
        }
    }

    /// The node's properties, evaluated; a property whose value cannot be known yet is left out.
    func properties(of instance: String, runtime: RuntimeSnapshot) -> [String: JSONValue] {
        guard let node = instances[instance]?.node, let template = blueprint.nodeTemplates[node] else { return [:] }
        var result: [String: JSONValue] = [:]
        for (name, expression) in template.properties.entries {
            if let value = try? evaluate(expression, in: .nodeProperty(node: node), instance: instance, runtime: runtime, what: name) {
                result[name] = OutputResolver.json(value)
            }
        }
        return result
    }

    /// The operation's inputs, evaluated; an input that cannot be known yet is an error. For a
    /// relationship's operation (on either side) `instance` is the source and
    /// `relationshipTarget` the target instance.
    func inputs(of operation: Operation, instance: String, relationshipTarget: String? = nil,
                runtime: RuntimeSnapshot) throws(Unresolved) -> [String: JSONValue] {
        guard let node = instances[instance]?.node else { return [:] }
        let context: ExpressionContext = if let targetNode = relationshipTarget.flatMap({ instances[$0]?.node }) {
            .relationshipOperationInput(source: node, target: targetNode)
        } else {
            .operationInput(node: node)
        }
        var result: [String: JSONValue] = [:]
        for (name, expression) in operation.inputs.entries {
            let value = try evaluate(expression, in: context, instance: instance, relationshipTarget: relationshipTarget, runtime: runtime,
                                     what: "input '\(name)' of operation '\(operation.name)'")
            result[name] = OutputResolver.json(value)
        }
        return result
    }

    /// The value of an attribute function seen from `instance`: `get_attribute: [NODE, NAME,
    /// path…]` reads SELF, in a relationship's operation SOURCE (`instance`) or TARGET
    /// (`relationshipTarget`), the instance it is related to, or the node's only instance (with
    /// `firstOfMany`, as outputs do, the first of several); `get_attributes_list: [NODE, NAME,
    /// path…]` every instance's value in instance order; `get_attributes_dict: [NODE, NAME…]`
    /// a map from instance id to the named attributes. Runtime properties come first, then the
    /// node's properties, as in Cloudify.
    func attribute(_ call: FunctionCall, from instance: String?, relationshipTarget: String? = nil, runtime: RuntimeSnapshot,
                   firstOfMany: Bool = false) -> Value? {
        guard call.arguments.count >= 2, let node = call.arguments[0].stringLiteral else { return nil }
        let names = call.arguments.dropFirst().map(\.stringLiteral)
        switch call.function {
        case .getAttributesList:
            guard let name = names.first ?? nil else { return nil }
            let values = (instancesByNode[node] ?? []).map { value(of: name, path: call.arguments.dropFirst(2), on: $0, runtime: runtime) ?? .null }
            return .list(values)
        case .getAttributesDict:
            let attributes = names.compactMap { $0 }
            guard attributes.count == names.count else { return nil }
            return .map((instancesByNode[node] ?? []).map { id in
                Value.Entry(key: id, value: .map(attributes.map { Value.Entry(key: $0, value: value(of: $0, path: [], on: id, runtime: runtime) ?? .null) }))
            })
        default:
            guard let name = names.first ?? nil else { return nil }
            let target = instanceAnswering(call, from: instance, relationshipTarget: relationshipTarget)
                ?? instancesByNode[node].flatMap { firstOfMany ? $0.first : nil }
            return target.flatMap { value(of: name, path: call.arguments.dropFirst(2), on: $0, runtime: runtime) }
        }
    }

    /// The one instance `get_attribute: [NODE, …]` reads from `instance`: SELF, SOURCE or
    /// TARGET of a relationship's operation, the instance of NODE it is related to, or NODE's
    /// only instance; nil when there is none or several.
    private func instanceAnswering(_ call: FunctionCall, from instance: String?, relationshipTarget: String?) -> String? {
        guard call.function == .getAttribute, let node = call.arguments.first?.stringLiteral else { return nil }
        switch node {
        case "SELF": return instance
        case "SOURCE": return relationshipTarget == nil ? nil : instance
        case "TARGET": return relationshipTarget
        default:
            if let instance, let related = instances[instance]?.related[node], related.count == 1 { return related[0] }
            guard let candidates = instancesByNode[node], candidates.count == 1 else { return nil }
            return candidates[0]
        }
    }

    /// True when the plan runs `owner`'s operations before `instance`'s: it is the instance
    /// itself, or one it is related to (a relationship's target, its host).
    private func isOrderedFirst(_ owner: String, before instance: String) -> Bool {
        owner == instance || instances[instance]?.related.values.contains { $0.contains(owner) } == true
    }

    /// An instance's attribute, followed down `path`: its runtime property, else (without a
    /// path) its id or index (``InstanceAttributes``), else its node's plan-time property (no
    /// get_attribute inside, so a property naming itself cannot recurse).
    private func value(of name: String, path: ArraySlice<Expression>, on target: String, runtime: RuntimeSnapshot) -> Value? {
        if let recorded = runtime[target]?[name] ?? plannedName(name, of: target) {
            return OutputResolver.follow(path, into: recorded).map(OutputResolver.value)
        }
        if path.isEmpty, let own = InstanceAttributes.value(of: name, instance: target) { return own }
        guard let targetNode = instances[target]?.node, let expression = blueprint.nodeTemplates[targetNode]?.properties[name],
              let value = evaluator.evaluate(expression, in: .nodeProperty(node: targetNode)).value
        else { return Self.skippedOnSimulate(name, of: target, runtime: runtime) }
        return OutputResolver.follow(path, into: OutputResolver.json(value)).map(OutputResolver.value)
    }

    /// The planned object name of `target` when `name` is `resource_id`.
    private func plannedName(_ name: String, of target: String) -> JSONValue? {
        guard name == "resource_id", let object = plannedNames[target] else { return nil }
        return .string(object.name)
    }

    /// On `--simulate`, an attribute an ssh operation of `target` would have set (it was
    /// skipped): a placeholder that says so, so that later steps still run; nil otherwise.
    private static func skippedOnSimulate(_ name: String, of target: String, runtime: RuntimeSnapshot) -> Value? {
        guard case .array(let skipped)? = runtime[target]?[RemoteTasks.skippedProperty], !skipped.isEmpty else { return nil }
        return .string("<\(name) of \(target): not set, its ssh operations were skipped on --simulate>")
    }

    private static func firstPending(in value: EvaluatedValue) -> String? {
        switch value {
        case .known: nil
        case .pending(let source): source
        case .list(let items): items.lazy.compactMap(firstPending).first
        case .map(let entries): entries.lazy.compactMap { firstPending(in: $0.value) }.first
        }
    }
}
