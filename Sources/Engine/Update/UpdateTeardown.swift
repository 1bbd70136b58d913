import StateStore

/// The first part of an update: what must go before the install plan runs again. Removed
/// instances run their recorded uninstall steps; a replaced object is deleted, a running
/// domain that is defined again is shut down, a network that is defined again is destroyed;
/// relationships that went away are unlinked. Dependents go first, as in destroy. Step keys
/// start with ``keyPrefix`` so that they never meet the install plan's own.
enum UpdateTeardown {
    static let keyPrefix = "update:"

    static func graph(_ changes: DeploymentChanges, records: [NodeInstanceRecord], plannedUninstallKeys: [String: Set<String>]) -> WorkGraph {
        let byID = Dictionary(records.map { ($0.instanceID, $0) }, uniquingKeysWith: { first, _ in first })
        var shaped: [NodeInstanceRecord] = []
        for change in changes.changes {
            guard var record = byID[change.instance] else { continue }
            var steps: [UninstallStepRecord] = []
            let kind = record.objectKind.flatMap(LibvirtObjectKind.init(rawValue:))
            func step(_ operation: String) -> UninstallStepRecord {
                UninstallStepRecord(key: "\(keyPrefix)\(change.instance)/\(operation)", operation: operation,
                                    description: "\(operation) \(change.instance) (update)")
            }
            switch change.action {
            case .delete:
                steps = (record.uninstallSteps ?? []).map { recorded in
                    UninstallStepRecord(key: keyPrefix + recorded.key, operation: recorded.operation, description: recorded.description)
                }
                if record.uninstallSteps == nil, let kind {
                    steps = ([.domain, .pool].contains(kind) ? ["stop", "delete"] : ["delete"]).map(step)
                }
            case .redefine where kind == .domain:
                if change.restarts { steps = [step("stop")] }
            case .redefine:
                steps = [step("delete")]
            case .replace:
                steps = ([.domain, .pool].contains(kind) ? ["stop", "delete"] : ["delete"]).map(step)
            case .create, .relink, .install:
                break
            }
            if change.action != .delete, !change.unlinks.isEmpty {
                // Relationship steps of the recorded uninstall plan that the new plan no longer has.
                let gone = (record.uninstallSteps ?? []).filter { recorded in
                    RelationshipStepKey(recorded.key) != nil && !(plannedUninstallKeys[change.instance]?.contains(recorded.key) ?? false)
                }
                steps = gone.map { UninstallStepRecord(key: keyPrefix + $0.key, operation: $0.operation, description: $0.description) } + steps
            }
            guard !steps.isEmpty else { continue }
            record.uninstallSteps = steps
            shaped.append(record)
        }
        let included = Set(shaped.map(\.instanceID))
        shaped = shaped.map { record in
            var record = record
            record.dependsOn = (record.dependsOn ?? []).filter { included.contains($0) }
            return record
        }
        return DeploymentRunner.recordedUninstallGraph(shaped) ?? WorkGraph(steps: [])
    }

    /// The finished install steps (preconfigure, postconfigure, establish) of the relationships
    /// the update unlinks from instances it keeps: forgotten once they are unlinked, so that a
    /// relationship added again later (a scale back up) is established anew.
    static func stepsOfUnlinkedRelationships(_ changes: DeploymentChanges, finished: Set<String>) -> [String] {
        var unlinked: [String: Set<String>] = [:]
        for change in changes.changes where change.action != .delete && !change.unlinks.isEmpty {
            unlinked[change.instance] = Set(change.unlinks)
        }
        guard !unlinked.isEmpty else { return [] }
        return finished.filter { key in
            guard let step = RelationshipStepKey(key), step.operation != "unlink" else { return false }
            return unlinked[step.instance]?.contains(step.target) ?? false
        }.sorted()
    }
}
