import Blueprint
import Planner
import StateStore

/// What one step of a run does to its instance.
public enum WorkOperation: Sendable, Hashable {
    case create, configure, start, stop, delete
    /// A domain task of the libvirt plugin besides its lifecycle (`update`, `reboot`, …), run
    /// wherever the blueprint maps it.
    case domain(DomainAction)
    /// A relationship operation (`establish`, `unlink`, …): the libvirt plugin's relationships
    /// have nothing to do on libvirt, so it is recorded and passed.
    case relationship(String)
    /// A script of the blueprint (the implementation is its path, relative to the blueprint's
    /// directory; empty: the `script_path` input, evaluated when the step runs), run on this
    /// host by ``ScriptRunner``.
    case script(String)
    /// An operation bluevirt implements itself (`bluevirt.keys.create`, the utilities plugin's
    /// `cloudinit.cloudify_cloudinit.tasks.update`, …, and the fabric and terminal tasks of
    /// ``RemoteTasks``).
    case builtin(String)
    /// A backup or statistics task of the libvirt plugin (snapshots, XML backups, memory
    /// dumps, samples), run by the utilities plugin's workflows.
    case backup(BackupTask)
    /// An operation of another plugin, which bluevirt cannot run.
    case unsupported(String)

    /// The implementation's form: a plugin task `NAME.module.task`, or else a script path.
    /// `script.script_runner.tasks.run` (Cloudify's script plugin) runs its `script_path` input.
    static func of(implementation: String, scriptPathInput: String?) -> WorkOperation? {
        if implementation.hasPrefix("libvirt.") { return nil }
        if implementation.hasPrefix("bluevirt.") { return .builtin(implementation) }
        if pluginTasksRunHere.contains(implementation) { return .builtin(implementation) }
        if implementation == scriptRunnerTask {
            // A script_path given by a function is known only when the step runs: empty here.
            return .script(scriptPathInput ?? "")
        }
        // A dotted name without a slash whose first part names no file is another plugin's task.
        let looksLikeTask = !implementation.contains("/") && implementation.split(separator: ".").count >= 3
            && !Self.scriptExtensions.contains { implementation.hasSuffix($0) }
        return looksLikeTask ? .unsupported(implementation) : .script(implementation)
    }

    /// What bluevirt runs, for the messages about an operation it does not (BV0848, a failed step).
    static let whatRuns = "bluevirt runs the libvirt plugin's tasks, the fabric and terminal plugins' remote tasks, "
        + "the utilities plugin's cloud-init, key, configuration loader and custom workflow log tasks, its own (bluevirt.*) and scripts"

    /// Tasks of other Cloudify plugins that bluevirt runs itself, as built-ins: the utilities
    /// plugin's cloud-init configuration, RSA keys, configuration loader and its custom
    /// workflow's log task, and the operations over ssh (fabric, terminal).
    static let pluginTasksRunHere = Set([
        CloudConfigOperations.updateTask, CloudConfigOperations.deleteTask, RSAKeyOperations.createTask, RSAKeyOperations.deleteTask,
        ConfigurationOperations.loadTask, ConfigurationOperations.loadToRuntimePropertiesTask, CustomWorkflowOperations.logTask,
    ]).union(RemoteTasks.names)

    /// Cloudify's script plugin task, which runs the script named by its `script_path` input.
    static let scriptRunnerTask = "script.script_runner.tasks.run"
    private static let scriptExtensions = [".sh", ".bash", ".py"]
}

/// One step of a run, with a stable id for the state store (`web-1/create`,
/// `web-1/establish/target/0/lan-1`).
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
    /// Where the operation is defined, for scripts and built-ins that read its inputs; nil for
    /// steps made from the recorded state.
    public var source: PlanStep?
    /// For `destroy`: the script or built-in recorded at apply, with its inputs.
    var recorded: RecordedOperation?
    /// Inputs the workflow passes besides the operation's own, winning over them (Cloudify's
    /// `operation_kwargs`, the backup workflows' `snapshot_name`, …).
    public var kwargs: [String: JSONValue] = [:]
    /// A failure is said and passed over (heal's `ignore_failure` for its uninstall half).
    public var ignoresFailure = false

    /// The lifecycle operation the step is (`create`, …, `delete`), whatever runs it; nil for
    /// relationship steps. The instance's state follows it.
    var lifecycleOperation: String? {
        if let source {
            // Only the lifecycle's own steps move the state; `cloudify.interfaces.snapshot.create` is no create.
            if case .operation = source.kind { return nil }
            return source.kind.relationship == nil ? source.kind.operationName : nil
        }
        if let recorded { return recorded.step }
        switch operation {
        case .create: return "create"
        case .configure: return "configure"
        case .start: return "start"
        case .stop: return "stop"
        case .delete: return "delete"
        case .domain, .relationship, .script, .builtin, .backup, .unsupported: return nil
        }
    }

    public init(key: String, instance: String, operation: WorkOperation, description: String, dependencies: [Int],
                retry: RetryPolicy = RetryPolicy(), source: PlanStep? = nil) {
        self.key = key
        self.instance = instance
        self.operation = operation
        self.description = description
        self.dependencies = dependencies
        self.retry = retry
        self.source = source
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

    /// Whether a failure may be retried: all may, except a failure that says it cannot recover
    /// (a script that raised Cloudify's `NonRecoverableError`).
    static func isRecoverable(_ error: any Error) -> Bool {
        (error as? OperationFailure)?.isRecoverable ?? true
    }

    /// How long to wait before retrying after `error`: what the failure asked for (`retry_after`)
    /// or the operation's `retry_interval`.
    public func delay(after error: any Error) -> Duration {
        (error as? OperationFailure)?.retryAfter ?? interval
    }

    /// The policy of an operation; Cloudify's `max_retries: -1` (forever) is capped at 1,000 tries.
    init(_ operation: Operation?) {
        let retries = operation?.maxRetries.map { $0 < 0 ? 1000 : $0 } ?? 0
        self.init(maxRetries: retries, interval: .operationWait(seconds: operation?.retryInterval ?? 0))
    }
}

/// The DAG a run walks: the planner's install or uninstall graph, or (for `destroy`) one made
/// from the recorded state.
public struct WorkGraph: Sendable {
    public var steps: [WorkStep]

    public init(steps: [WorkStep]) {
        self.steps = steps
    }

    /// The planner's graph. Tasks of the libvirt plugin map to the backend call of the task
    /// they name (whichever operation names it), `bluevirt.*` to built-ins, paths to scripts;
    /// any other implementation is `unsupported`.
    public init(_ graph: OperationGraph, blueprint: Blueprint? = nil) {
        steps = graph.steps.map { step in
            WorkStep(planned: step, dependencies: graph.dependencies(of: step.id).map(\.rawValue), blueprint: blueprint)
        }
    }
}

extension WorkStep {
    /// The run's step for a planned one. Tasks of the libvirt plugin map to the backend call of
    /// the task they name, `bluevirt.*` to built-ins, paths to scripts.
    init(planned step: PlanStep, dependencies: [Int], blueprint: Blueprint?) {
        let key = step.workKey
        let definition = blueprint.flatMap { OperationLookup.definition(of: step, in: $0) }
        let operation: WorkOperation
        let libvirtTask = LibvirtTask(implementation: step.implementation)
        if let other = WorkOperation.of(implementation: step.implementation,
                                        scriptPathInput: definition?.inputs["script_path"]?.stringLiteral) {
            operation = other
        } else if let task = libvirtTask?.workOperation {
            operation = task
        } else if let task = libvirtTask?.backupTask {
            operation = .backup(task)
        } else {
            switch step.kind {
            case .create: operation = .create
            case .configure: operation = .configure
            case .start: operation = .start
            case .stop: operation = .stop
            case .delete: operation = .delete
            // A task of the plugin bluevirt does not run (device hot-plugging), asked for by a workflow.
            case .operation: operation = .unsupported(step.implementation)
            default: operation = .relationship(step.kind.operationName)
            }
        }
        self.init(key: key, instance: step.instanceId, operation: operation, description: step.description,
                  dependencies: dependencies, retry: RetryPolicy(definition), source: step)
    }
}

extension PlanStep {
    /// The step's id in the state (``WorkStep/key``): `web-1/start`,
    /// `web-1/cloudify.interfaces.snapshot.create`, and for a relationship step its side, its
    /// place in the node's relationships and its target, `web-1/establish/target/0/lan-1`. The
    /// target is part of it so that a relationship retargeted at the same place is established
    /// anew, not taken for the old one's finished step.
    var workKey: String {
        var key = "\(instanceId)/\(kind.operationName)"
        if case .operation(let interface, let name) = kind { key = "\(instanceId)/\(interface).\(name)" }
        if let relationship = kind.relationship {
            key += "/\(relationship.side.rawValue)/\(relationship.index)"
            if let targetInstanceId { key += "/\(targetInstanceId)" }
        }
        return key
    }
}

extension UninstallStepRecord {
    /// How a planned uninstall step is kept in the state (see ``DeploymentRunner/recordedUninstallGraph(_:)``).
    init(recording step: WorkStep) {
        let operation = switch step.operation {
        case .stop: "stop"
        case .delete: "delete"
        case .create: "create"
        case .configure: "configure"
        case .start: "start"
        case .domain(let action): action.rawValue
        case .relationship(let name): "relationship:\(name)"
        case .script: "script"
        case .builtin: "builtin"
        case .backup(let task): task.rawValue
        case .unsupported(let implementation): "unsupported:\(implementation)"
        }
        self.init(key: step.key, operation: operation, description: step.description)
    }
}
