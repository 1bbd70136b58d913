import Blueprint
import StateStore

/// Evaluates a blueprint's outputs once the deployment is installed: `get_attribute` reads the
/// runtime properties recorded for the node's instance (the first, when there are several).
public struct OutputResolver: Sendable {
    public let blueprint: Blueprint
    /// Runtime properties by node name, one entry per instance in instance order.
    public let attributes: [String: [[String: JSONValue]]]

    public init(blueprint: Blueprint, instances: [NodeInstanceRecord]) {
        self.blueprint = blueprint
        var byNode: [String: [[String: JSONValue]]] = [:]
        for record in instances.sorted(by: { ($0.nodeName, $0.instanceID.count, $0.instanceID) < ($1.nodeName, $1.instanceID.count, $1.instanceID) }) {
            byNode[record.nodeName, default: []].append(record.runtimeProperties)
        }
        attributes = byNode
    }

    /// Every output's value; one whose attributes are not there (yet) is null.
    public func outputs() -> JSONValue {
        let templates = blueprint.nodeTemplates
        let evaluator = Evaluator(inputs: blueprint.inputValues) { node, property in templates[node]?.properties[property] }
        var result: [String: JSONValue] = [:]
        for output in blueprint.outputs.elements {
            let value = evaluator.evaluate(substitutingAttributes(in: output.value), in: .output).value
            result[output.name] = value.map(Self.json) ?? .null
        }
        return .object(result)
    }

    /// The expression with every `get_attribute: [NODE, NAME, path…]` whose value is recorded
    /// replaced by that value.
    private func substitutingAttributes(in expression: Expression) -> Expression {
        switch expression.kind {
        case .scalar:
            return expression
        case .list(let items):
            return Expression(.list(items.map(substitutingAttributes)), range: expression.range)
        case .map(let entries):
            return Expression(.map(entries.map { Expression.Entry(key: $0.key, keyRange: $0.keyRange, value: substitutingAttributes(in: $0.value)) }),
                              range: expression.range)
        case .call(var call):
            if call.function == .getAttribute, let value = attribute(call) {
                return Expression(value: value, range: expression.range)
            }
            call.arguments = call.arguments.map(substitutingAttributes)
            return Expression(.call(call), range: expression.range)
        }
    }

    private func attribute(_ call: FunctionCall) -> Value? {
        guard call.arguments.count >= 2, let node = call.arguments[0].stringLiteral, let name = call.arguments[1].stringLiteral,
              let properties = attributes[node]?.first, var value = properties[name] else { return nil }
        for item in call.arguments.dropFirst(2) {
            switch (value, item.stringLiteral, Int(item.stringLiteral ?? "")) {
            case (.object(let object), let key?, _): guard let next = object[key] else { return nil }; value = next
            case (.array(let array), _, let index?) where array.indices.contains(index): value = array[index]
            default: return nil
            }
        }
        return Self.value(value)
    }

    static func value(_ json: JSONValue) -> Value {
        switch json {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let number): .int(Int(number))
        case .number(let number): .float(number)
        case .string(let text): .string(text)
        case .array(let items): .list(items.map(value))
        case .object(let object): .map(object.keys.sorted().map { Value.Entry(key: $0, value: value(object[$0]!)) })
        }
    }

    static func json(_ value: Value) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .integer(Int64(number))
        case .float(let number): .number(number)
        case .string(let text): .string(text)
        case .list(let items): .array(items.map(json))
        case .map(let entries): .object(Dictionary(entries.map { ($0.key, json($0.value)) }, uniquingKeysWith: { _, last in last }))
        }
    }
}
