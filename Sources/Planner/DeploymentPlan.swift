/// What the planner makes of a blueprint: the node instances and the install and uninstall
/// operation graphs over them. A value: the executor walks it, dry-run prints it.
public struct DeploymentPlan: Sendable {
    /// Every node instance, in install order: an instance comes after every instance it has a
    /// relationship to (its host included); a template's instances are adjacent, by index.
    public var instances: [NodeInstance]
    public var install: OperationGraph
    public var uninstall: OperationGraph
    /// The instance count the blueprint declares for each node template and scaling group, by
    /// name (per instance of its host or enclosing group), before any scaled count replaced it.
    public var declaredCounts: [String: Int] = [:]
    private var positions: [String: Int]

    init(instances: [NodeInstance], install: OperationGraph, uninstall: OperationGraph) {
        self.instances = instances
        self.install = install
        self.uninstall = uninstall
        self.positions = Dictionary(uniqueKeysWithValues: instances.enumerated().map { ($1.id, $0) })
    }

    /// The instance with this id (`web-1`).
    public func instance(_ id: String) -> NodeInstance? {
        positions[id].map { instances[$0] }
    }

    /// The instances of one node template, by index.
    public func instances(of nodeName: String) -> [NodeInstance] {
        instances.filter { $0.nodeName == nodeName }
    }
}
