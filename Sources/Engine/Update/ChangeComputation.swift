import Planner
import StateStore

/// Compares what the state recorded of a deployment with a new plan of it, instance by
/// instance, and decides per object kind what changes in place and what is replaced:
///
/// - domain: defined again from its new document; a running one is shut down and started again;
/// - network: destroyed and made again under its name (libvirt cannot change a running network);
/// - volume: replaced, which loses its contents: only with `--allow-replace`;
/// - pool: replaced when no volume of the deployment lives in it, else refused;
/// - seed image: replaced (its contents are made from the blueprint).
///
/// Dependents follow: a domain with a relationship to a replaced or redefined object restarts.
struct ChangeComputation {
    /// The recorded instances.
    var records: [NodeInstanceRecord]
    /// The new plan's instances, in install order.
    var instances: [NodeInstance]
    /// The new plan's objects by instance, after connections are routed.
    var objects: [String: ManagedObject]
    /// The new plan's documents by instance (XML, or a seed image's files).
    var documents: [String: String]
    /// Per recorded instance, the fields of its live object that differ from the defined document.
    var drift: [String: [String]]
    /// Recorded instances whose object is gone.
    var missing: Set<String>
    /// The install operations apply runs although the instance's object is there, by instance.
    var unfinished = UnfinishedInstall()

    func compute(deployment: String) -> DeploymentChanges {
        let byID = Dictionary(records.map { ($0.instanceID, $0) }, uniquingKeysWith: { first, _ in first })
        let planned = Set(instances.map(\.id))
        var changes: [String: ObjectChange] = [:]
        var order: [String] = []
        func put(_ change: ObjectChange) {
            if changes[change.instance] == nil { order.append(change.instance) }
            changes[change.instance] = change
        }

        for instance in instances {
            let object = objects[instance.id]
            let targets = orderedTargets(instance)
            guard let record = byID[instance.id] else {
                var change = ObjectChange(instance: instance.id, node: instance.nodeName, kind: object?.kind.rawValue,
                                          objectName: object?.name, action: .create, reasons: ["new instance"])
                change.establishes = targets
                put(change)
                continue
            }
            let made = Self.exists(record)
            var change = ObjectChange(instance: instance.id, node: instance.nodeName, kind: object?.kind.rawValue ?? record.objectKind,
                                      objectName: object?.name ?? record.objectName, action: .relink)
            let previousTargets = record.dependsOn ?? targets
            change.establishes = targets.filter { !previousTargets.contains($0) }
            change.unlinks = previousTargets.filter { !targets.contains($0) }
            if let object, made {
                if missing.contains(instance.id) {
                    change.action = .create
                    change.reasons = ["its \(object.kind.rawValue) '\(record.objectName ?? object.name)' is gone"]
                } else if record.objectKind != object.kind.rawValue || record.objectName != object.name || record.connectionURI != object.connection {
                    change.action = .replace
                    change.reasons = ["its object changes from \(record.objectKind ?? "none") '\(record.objectName ?? "")' on \(record.connectionURI ?? "") to \(object.label)"]
                    change.restarts = object.kind == .domain && record.state == .started
                } else if !object.adopted, let before = record.document, let after = documents[instance.id], before != after {
                    decide(&change, object: object, record: record, reason: "its document changed")
                    change.documentDiff = UnifiedDiff.of(before, after)
                } else if !object.adopted, let fields = drift[instance.id], !fields.isEmpty {
                    change.drift = fields
                    if [.domain, .network].contains(object.kind) {
                        decide(&change, object: object, record: record, reason: "drift: the live object differs from what bluevirt defined")
                    } else {
                        change.reasons = ["drift, not restored: replacing a \(object.kind.rawValue) would lose what it holds"]
                    }
                }
            } else if object != nil, !made {
                change.action = .create
                change.reasons = [record.state == .uninitialized ? "not made yet" : "not made yet (\(record.state.rawValue))"]
            }
            if change.action == .relink, let reason = unfinished.reason(for: instance.id) {
                change.action = .install
                change.reasons.append(reason)
            }
            if change.action != .relink || !change.establishes.isEmpty || !change.unlinks.isEmpty || !change.drift.isEmpty {
                if change.action == .relink, change.reasons.isEmpty { change.reasons = ["relationships change"] }
                put(change)
            }
        }

        for record in records where !planned.contains(record.instanceID) {
            var change = ObjectChange(instance: record.instanceID, node: record.nodeName, kind: record.objectKind,
                                      objectName: record.objectName, action: .delete, reasons: ["not in the plan any more"])
            change.unlinks = record.dependsOn ?? []
            change.losesData = record.objectKind == LibvirtObjectKind.volume.rawValue && !record.adopted && Self.exists(record)
            put(change)
        }

        // Dependents follow: a running domain related to a replaced or redefined object restarts.
        for record in records where record.objectKind == LibvirtObjectKind.domain.rawValue && record.state == .started && planned.contains(record.instanceID) {
            let causes = (record.dependsOn ?? []).filter { target in
                guard let change = changes[target] else { return false }
                return change.action == .replace || (change.action == .redefine && change.kind != LibvirtObjectKind.domain.rawValue)
            }
            guard !causes.isEmpty else { continue }
            var change = changes[record.instanceID] ?? ObjectChange(
                instance: record.instanceID, node: record.nodeName, kind: record.objectKind, objectName: record.objectName, action: .relink)
            guard change.action == .relink || (change.action == .redefine && !change.restarts) else { continue }
            change.action = .redefine
            change.restarts = true
            change.reasons += causes.map { "\(byID[$0]?.objectKind ?? "object") of \($0) is \(changes[$0]!.action == .replace ? "replaced" : "redefined")" }
            put(change)
        }

        // Pools holding volumes of the deployment cannot be replaced under them.
        for (id, change) in changes where change.kind == LibvirtObjectKind.pool.rawValue && change.action == .replace {
            let held = records.filter { record in
                record.objectKind == LibvirtObjectKind.volume.rawValue && Self.exists(record)
                    && record.runtimeProperties["pool"] == .string(byID[id]?.objectName ?? "") && changes[record.instanceID]?.action != .delete
            }.map(\.instanceID)
            if !held.isEmpty {
                changes[id]?.refusal = "pool '\(change.objectName ?? id)' holds the volumes of \(held.joined(separator: ", ")); " +
                    "a pool is not replaced under its volumes: destroy the deployment and apply it again, or change the pool back"
            }
        }

        let ordered = order.compactMap { changes[$0] }
        let changed = Set(order)
        return DeploymentChanges(deployment: deployment, changes: ordered,
                                 unchanged: instances.map(\.id).filter { !changed.contains($0) })
    }

    /// How a changed object of an existing instance is changed, by kind.
    private func decide(_ change: inout ObjectChange, object: ManagedObject, record: NodeInstanceRecord, reason: String) {
        change.reasons = [reason]
        switch object.kind {
        case .domain:
            change.action = .redefine
            change.restarts = record.state == .started
            // The update runs the install plan's configure and start for it.
            if record.state == .stopped { change.reasons.append("it is stopped: the update defines it again and starts it") }
        case .network:
            change.action = .redefine
            change.restarts = true
        case .volume:
            change.action = .replace
            change.losesData = true
        case .pool, .iso9660:
            change.action = .replace
        }
    }

    private func orderedTargets(_ instance: NodeInstance) -> [String] {
        var targets: [String] = []
        for relationship in instance.relationships where !targets.contains(relationship.targetInstanceId) {
            targets.append(relationship.targetInstanceId)
        }
        return targets
    }

    /// Whether the state says the instance's object was made whole and not deleted. A create
    /// that failed or was cut off is not: the install plan resumes it (its name may even be
    /// another's object, which the failed create refused to take over).
    static func exists(_ record: NodeInstanceRecord) -> Bool {
        [.created, .configured, .started, .stopping, .stopped].contains(record.state)
    }
}
