import StateStore

/// An uninstall operation that is not a libvirt call (a script, a built-in): a node's stop or
/// delete, or a relationship's unlink. Recorded with its inputs and the node's properties while
/// `apply` runs, so that `destroy` (and an update's teardown) can run it from the state alone.
/// Kept in the instance's `uninstall_operations` runtime property.
struct RecordedOperation: Sendable, Hashable {
    /// `stop`, `delete` or `unlink`.
    var step: String
    /// The uninstall step it runs for (`lb-1/unlink/source/0/app-1`): several unlinks share
    /// `step`. nil in what bluevirt recorded before it recorded unlinks (stop and delete only).
    var key: String?
    /// The full operation name, e.g. `cloudify.interfaces.lifecycle.delete`.
    var operation: String
    /// A script's absolute path, or a built-in's name (`bluevirt.keys.delete`).
    var implementation: String
    var isScript: Bool
    var inputs: [String: JSONValue]
    var properties: [String: JSONValue]
    /// Seconds, from the operation's `timeout`.
    var timeout: Double?
    /// Recorded by a `--simulate` apply for an operation that reaches a machine over ssh: destroy
    /// skips it too.
    var simulated: Bool
    /// An unlink's relationship as its script sees it (`ctx source`, `ctx target`); the ends'
    /// runtime properties are left empty here and read from the state when it runs.
    var relationship: RelationshipContext?

    static let runtimeProperty = "uninstall_operations"

    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "step": .string(step), "operation": .string(operation), "implementation": .string(implementation),
            "kind": .string(isScript ? "script" : "builtin"), "inputs": .object(inputs), "properties": .object(properties),
            "timeout": timeout.map(JSONValue.number) ?? .null, "simulated": .bool(simulated),
        ]
        if let key { fields["key"] = .string(key) }
        if let relationship { fields["relationship"] = Self.json(of: relationship) }
        return .object(fields)
    }

    init(step: String, key: String? = nil, operation: String, implementation: String, isScript: Bool, inputs: [String: JSONValue],
         properties: [String: JSONValue], timeout: Double?, simulated: Bool = false, relationship: RelationshipContext? = nil) {
        self.step = step
        self.key = key
        self.operation = operation
        self.implementation = implementation
        self.isScript = isScript
        self.inputs = inputs
        self.properties = properties
        self.timeout = timeout
        self.simulated = simulated
        self.relationship = relationship
    }

    init?(_ json: JSONValue) {
        guard case .object(let fields) = json, case .string(let step)? = fields["step"], case .string(let operation)? = fields["operation"],
              case .string(let implementation)? = fields["implementation"], case .string(let kind)? = fields["kind"] else { return nil }
        var inputs: [String: JSONValue] = [:]
        var properties: [String: JSONValue] = [:]
        if case .object(let given)? = fields["inputs"] { inputs = given }
        if case .object(let given)? = fields["properties"] { properties = given }
        let timeout: Double? = switch fields["timeout"] {
        case .number(let seconds)?: seconds
        case .integer(let seconds)?: Double(seconds)
        default: nil
        }
        var key: String?
        if case .string(let given)? = fields["key"] { key = given }
        self.init(step: step, key: key, operation: operation, implementation: implementation, isScript: kind == "script",
                  inputs: inputs, properties: properties, timeout: timeout, simulated: fields["simulated"] == .bool(true),
                  relationship: fields["relationship"].flatMap(Self.relationship(from:)))
    }

    /// The operations recorded for an instance in the order of uninstall: stop, unlinks, delete.
    static func all(in runtimeProperties: [String: JSONValue]) -> [RecordedOperation] {
        guard case .array(let items)? = runtimeProperties[runtimeProperty] else { return [] }
        let rank = ["stop": 0, "unlink": 1]
        return items.compactMap(RecordedOperation.init).sorted { rank[$0.step, default: 2] < rank[$1.step, default: 2] }
    }

    /// The operation recorded for the uninstall step `key` (an update's teardown gives it a
    /// prefix before the instance): by key, or for a stop or delete recorded without one, by
    /// the step's name.
    static func recorded(for key: String, in operations: [RecordedOperation]) -> RecordedOperation? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        let name = String(parts[1])
        let unprefixed = key.hasPrefix(UpdateTeardown.keyPrefix) ? String(key.dropFirst(UpdateTeardown.keyPrefix.count)) : key
        return operations.first { $0.key == unprefixed } ?? operations.first { $0.key == nil && $0.step == name }
    }

    private static func json(of relationship: RelationshipContext) -> JSONValue {
        func end(_ end: RelationshipContext.End) -> JSONValue {
            .object(["node": .string(end.nodeName), "type": .string(end.nodeType), "instance": .string(end.instanceID),
                     "properties": .object(end.nodeProperties), "host_ip": end.hostIP.map(JSONValue.string) ?? .null])
        }
        return .object(["type": .string(relationship.type), "type_hierarchy": .array(relationship.typeHierarchy.map(JSONValue.string)),
                        "source": end(relationship.source), "target": end(relationship.target)])
    }

    private static func relationship(from json: JSONValue) -> RelationshipContext? {
        func text(_ value: JSONValue?) -> String? { if case .string(let text)? = value { text } else { nil } }
        func end(_ value: JSONValue?) -> RelationshipContext.End? {
            guard case .object(let fields)? = value, let node = text(fields["node"]), let instance = text(fields["instance"]) else { return nil }
            var properties: [String: JSONValue] = [:]
            if case .object(let given)? = fields["properties"] { properties = given }
            return .init(nodeName: node, nodeType: text(fields["type"]) ?? "", instanceID: instance, nodeProperties: properties,
                         runtimeProperties: [:], hostIP: text(fields["host_ip"]))
        }
        guard case .object(let fields) = json, let type = text(fields["type"]),
              let source = end(fields["source"]), let target = end(fields["target"]) else { return nil }
        var relationship = RelationshipContext(type: type, source: source, target: target)
        if case .array(let types)? = fields["type_hierarchy"] { relationship.typeHierarchy = types.compactMap(text) }
        return relationship
    }
}
