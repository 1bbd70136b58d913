import Blueprint
import Platform
import StateStore

/// The JSON context file a script gets (its path is in `BLUEVIRT_CONTEXT`), which `ctx` and the
/// python shim read:
///
///     {"deployment": {"id": …}, "node": {"id": …, "name": …, "type": …, "type_hierarchy": […], "properties": {…}},
///      "instance": {"id": …, "runtime_properties": {…}, "host_ip": …, "relationships": [{"type": …, "type_hierarchy": […], "target": END}]},
///      "operation": {"name": …, "retry_number": 0, "max_retries": 0}, "workflow": {"id": "install"},
///      "inputs": {…}, "blueprint": {"id": …, "directory": …}, "execution_id": …, "task_name": …}
///
/// An operation of a relationship adds `"relationship": {"type": …, "type_hierarchy": […], "source": END, "target": END}`,
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
    public var workflow: String
    public var retryNumber: Int
    public var maxRetries: Int
    public var nodeTypeHierarchy: [String]
    /// The instance's relationships, in a node's own operation.
    public var relationships: [InstanceRelationshipContext]
    /// The address of the compute instance that hosts the instance; nil: none (no `host_ip`).
    public var hostIP: String?
    /// The execution's number (`bluevirt history`); nil when the run records none.
    public var executionID: String?
    /// The task Cloudify runs a script with (its `ctx.task_name`).
    public static let taskName = "script_runner.tasks.run"

    /// Cloudify's blueprint id, as get_sys answers it.
    public var blueprintID: String { SystemValues.blueprintID(directory: blueprintDirectory) }

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
        workflow = context.workflow
        retryNumber = context.retryNumber
        maxRetries = context.maxRetries
        nodeTypeHierarchy = context.nodeTypeHierarchy
        relationships = context.relationships
        hostIP = context.hostIP
        executionID = context.executionID
    }

    public var json: JSONValue {
        func end(_ end: RelationshipContext.End) -> JSONValue {
            .object(["node": Self.node(name: end.nodeName, type: end.nodeType, properties: end.nodeProperties),
                     "instance": Self.instance(id: end.instanceID, runtimeProperties: end.runtimeProperties, hostIP: end.hostIP)])
        }
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        var node = Self.node(name: nodeName, type: nodeType, properties: nodeProperties)
        if case .object(var fields) = node, !nodeTypeHierarchy.isEmpty {
            fields["type_hierarchy"] = strings(nodeTypeHierarchy)
            node = .object(fields)
        }
        var instance = Self.instance(id: instanceID, runtimeProperties: runtimeProperties, hostIP: hostIP)
        if case .object(var fields) = instance, !relationships.isEmpty {
            fields["relationships"] = .array(relationships.map {
                .object(["type": .string($0.type), "type_hierarchy": strings($0.typeHierarchy), "target": end($0.target)])
            })
            instance = .object(fields)
        }
        var fields: [String: JSONValue] = [
            "deployment": .object(["id": .string(deployment)]),
            "node": node,
            "instance": instance,
            "operation": .object(["name": .string(operation), "retry_number": .integer(Int64(retryNumber)),
                                  "max_retries": .integer(Int64(maxRetries))]),
            "workflow": .object(["id": .string(workflow)]),
            "inputs": .object(inputs),
            "blueprint": .object(["id": .string(blueprintID), "directory": .string(blueprintDirectory)]),
            "task_name": .string(Self.taskName),
        ]
        if let executionID { fields["execution_id"] = .string(executionID) }
        if let relationship {
            fields["relationship"] = .object(["type": .string(relationship.type), "type_hierarchy": strings(relationship.typeHierarchy),
                                              "source": end(relationship.source), "target": end(relationship.target)])
        }
        return .object(fields)
    }

    private static func node(name: String, type: String, properties: [String: JSONValue]) -> JSONValue {
        .object(["id": .string(name), "name": .string(name), "type": .string(type), "properties": .object(properties)])
    }

    private static func instance(id: String, runtimeProperties: [String: JSONValue], hostIP: String?) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(id), "runtime_properties": .object(runtimeProperties)]
        if let hostIP { fields["host_ip"] = .string(hostIP) }
        return .object(fields)
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
        func optionalText(_ value: JSONValue?) -> String? {
            if case .string(let value)? = value { return value }
            return nil
        }
        func mapping(_ value: JSONValue?) -> [String: JSONValue] {
            if case .object(let fields)? = value { return fields }
            return [:]
        }
        func strings(_ value: JSONValue?) -> [String] {
            guard case .array(let items)? = value else { return [] }
            return items.map { text($0) }
        }
        func number(_ value: JSONValue?) -> Int {
            if case .integer(let number)? = value { return Int(number) }
            return 0
        }
        func end(_ value: JSONValue?) -> RelationshipContext.End {
            RelationshipContext.End(nodeName: text(value?["node"]?["name"]), nodeType: text(value?["node"]?["type"]),
                                    instanceID: text(value?["instance"]?["id"]), nodeProperties: mapping(value?["node"]?["properties"]),
                                    runtimeProperties: mapping(value?["instance"]?["runtime_properties"]),
                                    hostIP: optionalText(value?["instance"]?["host_ip"]))
        }
        deployment = text("deployment", "id")
        nodeName = text("node", "name")
        nodeType = text("node", "type")
        instanceID = text("instance", "id")
        operation = text("operation", "name")
        nodeProperties = mapping(json["node"]?["properties"])
        inputs = mapping(json["inputs"])
        runtimeProperties = mapping(json["instance"]?["runtime_properties"])
        hostIP = optionalText(json["instance"]?["host_ip"])
        executionID = optionalText(json["execution_id"])
        blueprintDirectory = text("blueprint", "directory")
        if let fields = json["relationship"] {
            relationship = RelationshipContext(type: text(fields["type"]), source: end(fields["source"]), target: end(fields["target"]))
            relationship?.typeHierarchy = strings(fields["type_hierarchy"])
        }
        workflow = text("workflow", "id")
        retryNumber = number(json["operation"]?["retry_number"])
        maxRetries = number(json["operation"]?["max_retries"])
        nodeTypeHierarchy = strings(json["node"]?["type_hierarchy"])
        if case .array(let items)? = json["instance"]?["relationships"] {
            relationships = items.map {
                InstanceRelationshipContext(type: text($0["type"]), typeHierarchy: strings($0["type_hierarchy"]), target: end($0["target"]))
            }
        } else {
            relationships = []
        }
    }
}
