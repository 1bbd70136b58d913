/// A DAG of operations for one workflow (install or uninstall): the steps, what each waits
/// for, and the levels a walker may run together.
///
/// Every step is added after the steps it waits for, so `steps` is already in a topological
/// order and a dependency's id is always smaller than its dependent's.
public struct OperationGraph: Sendable {
    /// The workflows bluevirt plans.
    public enum Workflow: String, Sendable, Hashable {
        case install, uninstall
    }

    public var workflow: Workflow
    /// Every step, in a topological order; `steps[id.rawValue].id == id`.
    public private(set) var steps: [PlanStep]
    /// For each step (by position), the steps it waits for, ascending and without repeats.
    public private(set) var dependencies: [[StepID]]
    /// Sets of steps that may run at the same time: every step's dependencies are in earlier
    /// levels, and a step is in the earliest level that allows (its longest chain of
    /// dependencies). Running the levels one after another is a valid order.
    public private(set) var levels: [[StepID]]
    /// Each instance's steps, in order.
    private var stepsOfInstance: [String: [StepID]]

    init(workflow: Workflow, steps: [PlanStep], dependencies: [[StepID]], levels: [[StepID]], stepsOfInstance: [String: [StepID]]) {
        self.workflow = workflow
        self.steps = steps
        self.dependencies = dependencies
        self.levels = levels
        self.stepsOfInstance = stepsOfInstance
    }

    public subscript(id: StepID) -> PlanStep { steps[id.rawValue] }

    /// The steps `id` waits for.
    public func dependencies(of id: StepID) -> [StepID] { dependencies[id.rawValue] }

    /// For each step (by position), the steps that wait for it: the reverse of `dependencies`,
    /// for a walker that releases dependents as steps finish. Computed on each call.
    public var dependents: [[StepID]] {
        var result = [[StepID]](repeating: [], count: steps.count)
        for (index, waits) in dependencies.enumerated() {
            for dependency in waits { result[dependency.rawValue].append(StepID(index)) }
        }
        return result
    }

    /// The number of dependency edges.
    public var edgeCount: Int { dependencies.reduce(0) { $0 + $1.count } }

    /// The steps of one node instance, in order; empty for an instance whose operations are
    /// all no-ops.
    public func steps(ofInstance instanceId: String) -> [PlanStep] {
        (stepsOfInstance[instanceId] ?? []).map { steps[$0.rawValue] }
    }
}

/// Collects steps in a topological order (each after the steps it waits for) and computes the
/// levels in the same pass: a step's level is one more than its latest dependency's.
struct OperationGraphBuilder {
    let workflow: OperationGraph.Workflow
    private var steps: [PlanStep] = []
    private var dependencies: [[StepID]] = []
    private var levelOf: [Int] = []
    private var levels: [[StepID]] = []
    private var stepsOfInstance: [String: [StepID]] = [:]

    init(workflow: OperationGraph.Workflow) {
        self.workflow = workflow
    }

    /// Adds a step that waits for `waitsFor` (steps added before) and returns its id.
    mutating func add(instance: String, node: String, kind: StepKind, implementation: String, target: String?,
                      templateRelationship: Int? = nil, description: String, waitsFor: [StepID]) -> StepID {
        let id = StepID(steps.count)
        steps.append(PlanStep(id: id, instanceId: instance, nodeName: node, kind: kind,
                              operation: "\(kind.interfaceName).\(kind.operationName)", implementation: implementation,
                              targetInstanceId: target, description: description, templateRelationshipIndex: templateRelationship))
        dependencies.append(waitsFor)
        let level = waitsFor.reduce(0) { max($0, levelOf[$1.rawValue] + 1) }
        levelOf.append(level)
        if level == levels.count { levels.append([]) }
        levels[level].append(id)
        stepsOfInstance[instance, default: []].append(id)
        return id
    }

    func build() -> OperationGraph {
        OperationGraph(workflow: workflow, steps: steps, dependencies: dependencies, levels: levels, stepsOfInstance: stepsOfInstance)
    }
}
