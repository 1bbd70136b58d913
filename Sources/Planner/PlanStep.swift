/// Identifies a step within one `OperationGraph`: its position in `steps`.
public struct StepID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: Int

    public init(_ rawValue: Int) {
        self.rawValue = rawValue
    }

    public static func < (lhs: StepID, rhs: StepID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "s\(rawValue)" }
}

/// Which end of a relationship an operation runs for: the source's `source_interfaces` or the
/// target's `target_interfaces`.
public enum RelationshipSide: String, Sendable, Hashable {
    case source, target
}

/// What a step does. Relationship steps carry the side and the index of the relationship in
/// the source instance's `relationships`.
public enum StepKind: Sendable, Hashable {
    case create
    case preconfigure(RelationshipSide, relationship: Int)
    case configure
    case postconfigure(RelationshipSide, relationship: Int)
    case start
    case establish(RelationshipSide, relationship: Int)
    case stop
    case unlink(RelationshipSide, relationship: Int)
    case delete
    /// Any other operation of the node, run by a workflow besides install and uninstall
    /// (`cloudify.interfaces.snapshot.create` for `backup`, any for `execute_operation`).
    case operation(interface: String, name: String)

    /// The lifecycle or relationship-lifecycle operation name without its interface:
    /// `create`, `preconfigure`, …
    public var operationName: String {
        switch self {
        case .create: "create"
        case .preconfigure: "preconfigure"
        case .configure: "configure"
        case .postconfigure: "postconfigure"
        case .start: "start"
        case .establish: "establish"
        case .stop: "stop"
        case .unlink: "unlink"
        case .delete: "delete"
        case .operation(_, let name): name
        }
    }

    /// The interface the operation belongs to.
    public var interfaceName: String {
        if case .operation(let interface, _) = self { return interface }
        return relationship == nil ? PlanStep.lifecycleInterface : PlanStep.relationshipLifecycleInterface
    }

    /// The side and relationship index of a relationship step; nil for a node step.
    public var relationship: (side: RelationshipSide, index: Int)? {
        switch self {
        case .preconfigure(let side, let index), .postconfigure(let side, let index),
             .establish(let side, let index), .unlink(let side, let index):
            (side, index)
        case .create, .configure, .start, .stop, .delete, .operation:
            nil
        }
    }
}

/// One operation to run on one node instance (or on one of its relationships).
public struct PlanStep: Sendable, Hashable {
    public var id: StepID
    /// The node instance the step belongs to; for a relationship step, the relationship's
    /// source instance (the target is `instance.relationships[index].targetInstanceId`).
    public var instanceId: String
    public var nodeName: String
    public var kind: StepKind
    /// The full operation name, e.g. `cloudify.interfaces.lifecycle.create` or
    /// `cloudify.interfaces.relationship_lifecycle.establish`.
    public var operation: String
    /// What runs, e.g. `libvirt.cloudify_libvirt.domain_tasks.create`. Operations without an
    /// implementation are not planned at all, as Cloudify skips no-op operations.
    public var implementation: String
    /// For a relationship step, the relationship's target instance.
    public var targetInstanceId: String?
    /// One line for people: `create web-1`, `establish web-1 → lan-1 (target)`.
    public var description: String
    /// For a relationship step, the relationship's position in the node template's
    /// `relationships` list: two relationships to the same target are told apart by it, each
    /// with its own operations, inputs, retries and timeout.
    public var templateRelationshipIndex: Int?

    public init(id: StepID, instanceId: String, nodeName: String, kind: StepKind, operation: String, implementation: String,
                targetInstanceId: String?, description: String, templateRelationshipIndex: Int? = nil) {
        self.id = id
        self.instanceId = instanceId
        self.nodeName = nodeName
        self.kind = kind
        self.operation = operation
        self.implementation = implementation
        self.targetInstanceId = targetInstanceId
        self.description = description
        self.templateRelationshipIndex = templateRelationshipIndex
    }

    public static let lifecycleInterface = "cloudify.interfaces.lifecycle"
    public static let relationshipLifecycleInterface = "cloudify.interfaces.relationship_lifecycle"
}
