import Blueprint
import Planner

/// What one step of a run does to its instance.
public enum WorkOperation: Sendable, Hashable {
    case create, configure, start, stop, delete
    /// A relationship operation (`establish`, `unlink`, …): the libvirt plugin's relationships
    /// have nothing to do on libvirt, so it is recorded and passed.
    case relationship(String)
    /// An operation of another plugin, which bluevirt cannot run.
    case unsupported(String)
}

/// One step of a run, with a stable id for the state store (`web-1/create`,
/// `web-1/establish/target/0`).
public struct WorkStep: Sendable, Hashable {
    public var key: String
    public var instance: String
    public var operation: WorkOperation
    /// One line for people: `create web-1`.
    public var description: String
    /// Positions of the steps this one waits for.
    public var dependencies: [Int]
    /// The operation's `max_retries` and `retry_interval`.
    public var retry: RetryPolicy

    public init(key: String, instance: String, operation: WorkOperation, description: String, dependencies: [Int],
                retry: RetryPolicy = RetryPolicy()) {
        self.key = key
        self.instance = instance
        self.operation = operation
        self.description = description
        self.dependencies = dependencies
        self.retry = retry
    }
}

/// How often a failed operation is tried again, and after how long: the operation's
/// `max_retries` and `retry_interval` in the blueprint. Without them a failure is final.
public struct RetryPolicy: Sendable, Hashable {
    /// Tries after the first; 0: none.
    public var maxRetries: Int
    public var interval: Duration

    public init(maxRetries: Int = 0, interval: Duration = .seconds(0)) {
        self.maxRetries = max(0, maxRetries)
        self.interval = interval
    }

    /// The policy of an operation; Cloudify's `max_retries: -1` (forever) is capped at 1,000 tries.
    init(_ operation: Operation?) {
        let retries = operation?.maxRetries.map { $0 < 0 ? 1000 : $0 } ?? 0
        self.init(maxRetries: retries, interval: .milliseconds(Int((operation?.retryInterval ?? 0) * 1000)))
    }
}

/// The DAG a run walks: the planner's install or uninstall graph, or (for `destroy`) one made
/// from the recorded state.
public struct WorkGraph: Sendable {
    public var steps: [WorkStep]

    public init(steps: [WorkStep]) {
        self.steps = steps
    }

    /// The node template's definition of a node step's operation. Relationship steps do nothing
    /// on libvirt, so they have no retries.
    private static func operation(of step: PlanStep, in blueprint: Blueprint?) -> Operation? {
        guard step.kind.relationship == nil, let template = blueprint?.nodeTemplates[step.nodeName] else { return nil }
        return template.interfaces[step.kind.interfaceName]?.operations[step.kind.operationName]
    }

    /// The planner's graph. Lifecycle operations implemented by the libvirt plugin map to
    /// backend calls; any other implementation is `unsupported`.
    public init(_ graph: OperationGraph, blueprint: Blueprint? = nil) {
        steps = graph.steps.map { step in
            var key = "\(step.instanceId)/\(step.kind.operationName)"
            if let relationship = step.kind.relationship { key += "/\(relationship.side.rawValue)/\(relationship.index)" }
            let isLibvirt = step.implementation.hasPrefix("libvirt.")
            let operation: WorkOperation
            switch step.kind {
            case _ where !isLibvirt: operation = .unsupported(step.implementation)
            case .create: operation = .create
            case .configure: operation = .configure
            case .start: operation = .start
            case .stop: operation = .stop
            case .delete: operation = .delete
            default: operation = .relationship(step.kind.operationName)
            }
            return WorkStep(key: key, instance: step.instanceId, operation: operation, description: step.description,
                            dependencies: graph.dependencies(of: step.id).map(\.rawValue),
                            retry: RetryPolicy(Self.operation(of: step, in: blueprint)))
        }
    }
}
