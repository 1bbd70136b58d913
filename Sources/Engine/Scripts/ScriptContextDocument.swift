import Foundation
import StateStore

/// The JSON context file a script gets (its path is in `BLUEVIRT_CONTEXT`), which `ctx` and the
/// python shim read:
///
///     {"deployment": {"id": …}, "node": {"id": …, "name": …, "type": …, "properties": {…}},
///      "instance": {"id": …, "runtime_properties": {…}}, "operation": {"name": …},
///      "inputs": {…}, "blueprint": {"directory": …}}
///
/// An operation of a relationship adds `"relationship": {"type": …, "source": END, "target": END}`,
/// each END shaped as `{"node": {…}, "instance": {…}}` above.
public struct ScriptContextDocument: Sendable, Hashable {
    public var deployment: String
    public var nodeName: String
    public var nodeType: String
    public var instanceID: String
    public var operation: String
    public var nodeProperties: [String: JSONValue]
    public var inputs: [String: JSONValue]
    /// The runtime properties before the script ran (sets are in the changes file).
    public var runtimeProperties: [String: JSONValue]
    public var blueprintDirectory: String
    /// Both ends of the relationship whose operation this is; nil for a node's own operation.
    public var relationship: RelationshipContext?

    public init(_ context: OperationContext) {
        deployment = context.deployment
        nodeName = context.nodeName
        nodeType = context.nodeType
        instanceID = context.instanceID
        operation = context.operation
        nodeProperties = context.nodeProperties
        inputs = context.inputs
        runtimeProperties = context.runtimeProperties
        blueprintDirectory = context.blueprintDirectory.path
        relationship = context.relationship
    }

    public var json: JSONValue {
        var fields: [String: JSONValue] = [
            "deployment": .object(["id": .string(deployment)]),
            "node": Self.node(name: nodeName, type: nodeType, properties: nodeProperties),
            "instance": Self.instance(id: instanceID, runtimeProperties: runtimeProperties),
            "operation": .object(["name": .string(operation)]),
            "inputs": .object(inputs),
            "blueprint": .object(["directory": .string(blueprintDirectory)]),
        ]
        if let relationship {
            func end(_ end: RelationshipContext.End) -> JSONValue {
                .object(["node": Self.node(name: end.nodeName, type: end.nodeType, properties: end.nodeProperties),
                         "instance": Self.instance(id: end.instanceID, runtimeProperties: end.runtimeProperties)])
            }
            fields["relationship"] = .object(["type": .string(relationship.type), "source": end(relationship.source),
                                              "target": end(relationship.target)])
        }
        return .object(fields)
    }

    private static func node(name: String, type: String, properties: [String: JSONValue]) -> JSONValue {
        .object(["id": .string(name), "name": .string(name), "type": .string(type), "properties": .object(properties)])
    }

    private static func instance(id: String, runtimeProperties: [String: JSONValue]) -> JSONValue {
        .object(["id": .string(id), "runtime_properties": .object(runtimeProperties)])
    }

    /// Reads the context file at `path`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptContextProblem("cannot read the context file '\(path)'")
        }
        guard let json = try? JSONValue(jsonText: String(decoding: data, as: UTF8.self)) else {
            throw ScriptContextProblem("the context file '\(path)' is not JSON")
        }
        func text(_ value: JSONValue?) -> String {
            if case .string(let value)? = value { return value }
            return ""
        }
        func text(_ section: String, _ key: String) -> String { text(json[section]?[key]) }
        func mapping(_ value: JSONValue?) -> [String: JSONValue] {
            if case .object(let fields)? = value { return fields }
            return [:]
        }
        func end(_ value: JSONValue?) -> RelationshipContext.End {
            RelationshipContext.End(nodeName: text(value?["node"]?["name"]), nodeType: text(value?["node"]?["type"]),
                                    instanceID: text(value?["instance"]?["id"]), nodeProperties: mapping(value?["node"]?["properties"]),
                                    runtimeProperties: mapping(value?["instance"]?["runtime_properties"]))
        }
        deployment = text("deployment", "id")
        nodeName = text("node", "name")
        nodeType = text("node", "type")
        instanceID = text("instance", "id")
        operation = text("operation", "name")
        nodeProperties = mapping(json["node"]?["properties"])
        inputs = mapping(json["inputs"])
        runtimeProperties = mapping(json["instance"]?["runtime_properties"])
        blueprintDirectory = text("blueprint", "directory")
        if let fields = json["relationship"] {
            relationship = RelationshipContext(type: text(fields["type"]), source: end(fields["source"]), target: end(fields["target"]))
        }
    }
}
