import Planner
import StateStore

/// Cloudify's install takes every node instance through creating, created, configuring,
/// configured, starting and started, running only the operations its node has, and its
/// uninstall through stopping, stopped, deleting and deleted. bluevirt records a state as each
/// lifecycle operation finishes, so an instance whose node has no start (or no lifecycle
/// operation at all) would be left at the state of its last one: `created`, or `uninitialized`,
/// which day-two workflows take for "never made" and pass over. These are the instances a
/// finished install (or heal) makes `started`, and a finished uninstall `deleted`.
enum LifecycleCompletion {
    /// The instances of `plan` whose recorded state is the one their last install lifecycle
    /// operation leaves short of `started`: `uninitialized` (none; or `deleted`, by an uninstall
    /// before this install), `created` (create only), `configured` (no start). Their install has
    /// run whole (or an older bluevirt left them so); a stopped, failed or half-healed instance is
    /// none of them.
    static func leftShortOfStarted(plan: DeploymentPlan, records: [NodeInstanceRecord]) -> [String] {
        var last: [String: NodeInstanceState] = [:]
        for step in plan.install.steps {
            let reached: NodeInstanceState? = switch step.kind {
            case .create: .created
            case .configure: .configured
            case .start: .started
            default: nil
            }
            guard let reached else { continue }
            if Self.order(reached) > Self.order(last[step.instanceId] ?? .uninitialized) { last[step.instanceId] = reached }
        }
        let planned = Set(plan.instances.map(\.id))
        return records.filter { record in
            let expected = last[record.instanceID] ?? .uninitialized
            let left = record.state == expected || (expected == .uninitialized && record.state == .deleted)
            return planned.contains(record.instanceID) && expected != .started && left
        }.map(\.instanceID)
    }

    /// The instances a finished uninstall leaves `deleted`: every one that was made, also those
    /// whose node has no delete to record it.
    static func notDeleted(_ records: [NodeInstanceRecord]) -> [String] {
        records.filter { ![.uninitialized, .deleted].contains($0.state) }.map(\.instanceID)
    }

    private static func order(_ state: NodeInstanceState) -> Int {
        switch state {
        case .created: 1
        case .configured: 2
        case .started: 3
        default: 0
        }
    }
}

extension DeploymentRunner {
    /// Records as `started` the instances of `plan` that their install went through whole
    /// without a start operation to say so (``LifecycleCompletion``).
    func startInstancesLeftShort(of plan: DeploymentPlan, records: [NodeInstanceRecord], deployment name: String) throws {
        try store.setState(.started, deployment: name, instances: LifecycleCompletion.leftShortOfStarted(plan: plan, records: records))
    }
}
