import Blueprint
import StateStore

/// Evaluates a blueprint's outputs once the deployment is installed: `get_attribute` reads the
/// runtime properties recorded for the node's instance (the first, when there are several),
/// `get_attributes_list` and `get_attributes_dict` those of every instance.
public struct OutputResolver: Sendable {
    public let blueprint: Blueprint
    private let evaluator: RuntimeEvaluator
    private let runtime: RuntimeSnapshot

    public init(blueprint: Blueprint, instances: [NodeInstanceRecord]) {
        self.blueprint = blueprint
        let ordered = instances.sorted { ($0.nodeName, $0.instanceID.count, $0.instanceID) < ($1.nodeName, $1.instanceID.count, $1.instanceID) }
        evaluator = RuntimeEvaluator(deployment: instances.first?.deployment ?? "", blueprint: blueprint,
                                     instances: ordered.map { InstanceReference(id: $0.instanceID, node: $0.nodeName) })
        runtime = RuntimeSnapshot(Dictionary(instances.map { ($0.instanceID, $0.runtimeProperties) }, uniquingKeysWith: { _, last in last }))
    }

    /// Every output's value; one whose attributes are not there (yet) is null.
    public func outputs() -> JSONValue { evaluated().values }

    /// Every output's value, and why those that cannot be evaluated with the values they get
    /// (a string_split index that is text) are null: an attribute that is not there is null
    /// without a word, as in Cloudify, but such an output never has a value.
    public func evaluated() -> (values: JSONValue, problems: [String]) {
        var result: [String: JSONValue] = [:]
        var problems: [String] = []
        for output in blueprint.outputs.elements {
            do {
                let value = try evaluator.evaluate(output.value, in: .output, instance: nil, runtime: runtime, what: "output '\(output.name)'", firstOfMany: true)
                result[output.name] = Self.json(value)
            } catch {
                result[output.name] = .null
                if error.cause != nil { problems.append(error.description) }
            }
        }
        return (.object(result), problems)
    }

    /// The part of `value` that the path arguments of a `get_attribute` (keys, list indexes) name.
    static func follow(_ path: ArraySlice<Expression>, into value: JSONValue) -> JSONValue? {
        var value = value
        for item in path {
            switch (value, item.stringLiteral, item.literalValue) {
            case (.object(let object), let key?, _): guard let next = object[key] else { return nil }; value = next
            case (.array(let array), _, .int(let index)?) where array.indices.contains(index): value = array[index]
            case (.array(let array), let text?, _) where Int(text).map(array.indices.contains) ?? false: value = array[Int(text)!]
            default: return nil
            }
        }
        return value
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
