import Foundation
import StateStore

/// The JSON context file a script gets (its path is in `BLUEVIRT_CONTEXT`), which `ctx` and the
/// python shim read:
///
///     {"deployment": {"id": …}, "node": {"id": …, "name": …, "type": …, "properties": {…}},
///      "instance": {"id": …, "runtime_properties": {…}}, "operation": {"name": …},
///      "inputs": {…}, "blueprint": {"directory": …}}
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
    }

    public var json: JSONValue {
        .object([
            "deployment": .object(["id": .string(deployment)]),
            "node": .object(["id": .string(nodeName), "name": .string(nodeName), "type": .string(nodeType),
                             "properties": .object(nodeProperties)]),
            "instance": .object(["id": .string(instanceID), "runtime_properties": .object(runtimeProperties)]),
            "operation": .object(["name": .string(operation)]),
            "inputs": .object(inputs),
            "blueprint": .object(["directory": .string(blueprintDirectory)]),
        ])
    }

    /// Reads the context file at `path`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptContextProblem("cannot read the context file '\(path)'")
        }
        guard let json = try? JSONValue(jsonText: String(decoding: data, as: UTF8.self)) else {
            throw ScriptContextProblem("the context file '\(path)' is not JSON")
        }
        func text(_ section: String, _ key: String) -> String {
            if case .string(let value)? = json[section]?[key] { return value }
            return ""
        }
        func mapping(_ value: JSONValue?) -> [String: JSONValue] {
            if case .object(let fields)? = value { return fields }
            return [:]
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
    }
}
