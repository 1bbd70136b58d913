import Blueprint
import Platform
import Planner
import StateStore

extension DeploymentRunner {
    /// What `apply` would change in the deployment of `run`, touching nothing (open the store with
    /// `StateAccess.look`): per instance create, delete, redefine or replace, with the document's
    /// difference, drift and restarts. A deployment the state does not know is all creates.
    /// Refused as apply refuses it when `--simulate` differs from the deployment's. The outputs
    /// are compared with the recorded ones, and so are `blueprintPath` and the inputs (as apply
    /// takes them) when given.
    public func plan(blueprint: Blueprint, blueprintPath: String? = nil, inputsText: String? = nil, appliedInputs: [String: JSONValue]? = nil,
                     run declared: DryRun, connections choice: ConnectionChoice) async throws -> DeploymentChanges {
        try refuseSimulationSwitch(deployment: declared.deployment, simulate: choice.simulate)
        let scaled = try scaledRun(declared, blueprint: blueprint, connect: choice.connect)
        guard let plan = scaled.run.plan else { throw DeploymentProblem.noPlan(deployment: declared.deployment) }
        let objects = prepareObjects(blueprint: blueprint, run: scaled.run, choice: choice).objects
        let name = declared.deployment
        let recorded = try store.deployment(named: name)
        let records = recorded?.status == .uninstalled ? [] : try store.nodeInstances(deployment: name)
        var changes = try await computeChanges(records: records, plan: plan, blueprint: blueprint, objects: objects,
                                               documents: Self.plannedDocuments(scaled.run), deployment: name)
        if let recorded, !records.isEmpty {
            changes.record = try masking(blueprint.secrets.mask.keepingNames(of: blueprint, path: blueprintPath, deployment: name))
                .recordChanges(of: recorded, blueprint: blueprint, instances: records, blueprintPath: blueprintPath, inputsText: inputsText,
                               appliedInputs: appliedInputs)
        }
        changes.scaledCounts = scaled.kept.mapValues(\.count)
        changes.droppedScales = scaled.dropped
        return changes
    }

    /// `scale` as Cloudify's scale workflow: the instance count of `entity` (a node template or a
    /// scaling group; with `scaleCompute`, a node contained in a compute node scales that node)
    /// changes by `delta`, and the deployment is updated to it. The new count is kept in the
    /// state, so a later `apply` of the same blueprint keeps it; once the blueprint (or its
    /// inputs) declares another count for the entity, the declaration wins.
    ///
    /// `blueprint`, `run` and `inputsText` must be what the deployment was applied with (load the
    /// recorded `blueprintPath` with the same inputs): a scale changes counts, nothing else.
    /// A count below zero (BV0886), one the planner cannot plan (BV0881) or another blueprint or
    /// inputs (BV0879) is refused (``WorkflowRefused``) before it is kept.
    ///
    /// The run is recorded as a `scale` execution with `parameters` (those `bluevirt run` was
    /// given, defaults filled in; nil: the entity, delta and scale_compute given here), and
    /// reported as the workflow `scale`. One that fails or is stopped is resumed by an install
    /// (`bluevirt run install`), which plans the counts kept.
    public func scale(blueprint: Blueprint, blueprintPath: String, run declared: DryRun, inputsText: String,
                      appliedInputs: [String: JSONValue]? = nil, entity requested: String, delta: Int, scaleCompute: Bool = false,
                      parameters: [String: JSONValue]? = nil, connections choice: ConnectionChoice, allowReplace: Bool = false) async throws -> RunReport {
        let name = declared.deployment
        guard let deployment = try store.deployment(named: name), deployment.status != .uninstalled else {
            throw DeploymentProblem.unknownDeployment(name: name, stateDirectory: store.location.directory.path,
                                                      known: try store.deployments().filter { $0.status != .uninstalled }.map(\.name))
        }
        let entity = try Self.scalableEntity(requested, scaleCompute: scaleCompute, blueprint: blueprint)
        let recorded = parameters ?? ["scalable_entity_name": .string(requested), "delta": .integer(Int64(delta)), "scale_compute": .bool(scaleCompute)]
        // As Cloudify's scale workflow, which returns at once for a delta of 0: recorded, nothing done.
        guard delta != 0 else {
            let reason = "delta parameter is 0, so no scaling will take place"
            progress(ProgressEvent(kind: .note, message: reason))
            return try recordScaleOfNothing(deployment: name, parameters: recorded, reason: reason)
        }
        // A deployment applied with --simulate scales in its simulated world, asked for or not.
        var choice = choice
        if try store.nodeInstances(deployment: name).contains(where: { $0.connectionURI.flatMap(SimulatedWorlds.worldPath(of:)) != nil }) {
            choice.simulate = true
        }
        do {
            let lock = try writerLock(of: name)
            defer { lock.release() }
            let current = try recordedCounts(declared)
            guard let declaredCount = declared.plan?.declaredCounts[entity] else {
                throw DeploymentProblem.noPlan(deployment: name)
            }
            let from = current.kept[entity]?.count ?? declaredCount
            let (count, overflow) = from.addingReportingOverflow(delta)
            guard !overflow else { throw ScaleLimit.overflow(entity: entity, from: from, delta: delta) }
            guard count >= 0 else { throw ScaleLimit.belowZero(entity: entity, from: from, delta: delta) }
            var counts = current.kept
            counts[entity] = count == declaredCount ? nil : ScaledCount(count: count, declared: declaredCount)
            // Kept only once they plan: counts the planner refuses would leave the deployment
            // with no plan, so that neither apply nor another scale could act on it.
            let (instances, problems) = Planner.instances(blueprint, counts: counts.mapValues(\.count))
            guard instances != nil else {
                throw ScaleLimit.unplannable(entity: entity, from: from, count: count, delta: delta, planner: problems)
            }
            // The blueprint and inputs must be the ones applied: the documents of the counts
            // kept so far are the recorded ones. When those counts do not plan (an older bluevirt
            // kept them unplanned) the new counts are compared instead, so that a scale back to
            // the counts last applied repairs the deployment.
            var applied = scaledRun(declared, blueprint: blueprint, kept: current.kept, connect: choice.connect)
            if applied.plan == nil { applied = scaledRun(declared, blueprint: blueprint, kept: counts, connect: choice.connect) }
            guard prepareObjects(blueprint: blueprint, run: applied, choice: choice).digest == deployment.blueprintDigest else {
                throw WorkflowRefused.changedSinceApply(deployment: name, workflow: "scale", inputsRecorded: deployment.appliedInputs != nil)
            }
            try store.saveScaledCounts(counts, deployment: name)
            progress(ProgressEvent(kind: .note, message: "scale: '\(entity)' from \(from) to \(count) instances\(count == declaredCount ? " (the blueprint's count)" : "")"))
        }
        var report = try await masking(blueprint.secrets.mask.keepingNames(of: blueprint, path: blueprintPath, deployment: name)).install(
            blueprint: blueprint, blueprintPath: blueprintPath, run: declared, inputsText: inputsText, appliedInputs: appliedInputs,
            connections: choice, allowReplace: allowReplace, workflow: .scale, workflowParameters: .object(recorded))
        // Counts already applied leave nothing to do, which apply has said and records no execution for.
        guard report.result != .unchanged else {
            return try recordScaleOfNothing(deployment: name, parameters: recorded, reason: "deployment '\(name)' is installed and unchanged: nothing to do")
        }
        report.workflow = RecordedWorkflow.scale.rawValue
        if report.result == .applied { report.result = .completed }
        report.resumedBy = "bluevirt run install -d \(name)"
        return report
    }

    /// A scale that changes no count, recorded as a `scale` execution that succeeded with no step
    /// and `reason` as its note, as Cloudify records one (its status `terminated`). The
    /// deployment's status stays as it was.
    private func recordScaleOfNothing(deployment name: String, parameters: [String: JSONValue], reason: String) throws -> RunReport {
        let lock = try writerLock(of: name)
        defer { lock.release() }
        try closeInterrupted(name, lock: lock)
        try store.recordExecutionWithNothingToDo(deployment: name, workflow: .scale, parameters: .object(parameters), note: reason)
        var report = RunReport(deployment: name, result: .completed)
        report.workflow = RecordedWorkflow.scale.rawValue
        return report
    }

    /// The node template or scaling group a scale changes, as Cloudify chooses it.
    static func scalableEntity(_ name: String, scaleCompute: Bool, blueprint: Blueprint) throws -> String {
        if blueprint.groups[name] != nil {
            let scaling = blueprint.policies.elements.contains { $0.type == "cloudify.policies.scaling" && $0.targets.contains(name) }
            guard scaling else { throw DeploymentProblem.unknownScalableEntity(name: name, known: scalableNames(blueprint)) }
            return name
        }
        guard var template = blueprint.nodeTemplates[name] else {
            throw DeploymentProblem.unknownScalableEntity(name: name, known: scalableNames(blueprint))
        }
        guard scaleCompute else { return name }
        // The compute node the node is contained in (itself when it is one).
        var seen: Set<String> = [template.name]
        while !template.isA("cloudify.nodes.Compute"), let host = template.host, let next = blueprint.nodeTemplates[host], !seen.contains(host) {
            seen.insert(host)
            template = next
        }
        return template.isA("cloudify.nodes.Compute") ? template.name : name
    }

    private static func scalableNames(_ blueprint: Blueprint) -> [String] {
        let groups = blueprint.policies.elements.filter { $0.type == "cloudify.policies.scaling" }.flatMap(\.targets)
        return blueprint.nodeTemplates.names + groups
    }

    /// `run` with the counts a scale recorded (those the blueprint still declares as it did then);
    /// `dropped` names the ones whose declaration changed since. Throws ``ScaledCountsRefused``
    /// when the kept counts do not plan.
    func scaledRun(_ run: DryRun, blueprint: Blueprint, connect: String?) throws -> (run: DryRun, kept: [String: ScaledCount], dropped: [String]) {
        let (kept, dropped) = try recordedCounts(run)
        let scaled = scaledRun(run, blueprint: blueprint, kept: kept, connect: connect)
        guard scaled.plan != nil || run.plan == nil else {
            throw ScaledCountsRefused(deployment: run.deployment, kept: kept, planner: scaled.diagnostics,
                                      records: try store.nodeInstances(deployment: run.deployment), blueprint: blueprint)
        }
        return (scaled, kept, dropped)
    }

    /// The counts a scale recorded for the deployment of `run` that the blueprint still declares
    /// as it did then (`kept`), and the entities whose declaration changed since (`dropped`).
    func recordedCounts(_ run: DryRun) throws -> (kept: [String: ScaledCount], dropped: [String]) {
        let recorded = try store.scaledCounts(deployment: run.deployment)
        guard !recorded.isEmpty, let declared = run.plan?.declaredCounts else { return ([:], []) }
        let kept = recorded.filter { declared[$0.key] == $0.value.declared }
        return (kept, recorded.keys.filter { kept[$0] == nil }.sorted())
    }

    /// `run` planned with the counts `kept`.
    private func scaledRun(_ run: DryRun, blueprint: Blueprint, kept: [String: ScaledCount], connect: String?) -> DryRun {
        guard !kept.isEmpty else { return run }
        return DryRun(blueprint: blueprint, deployment: run.deployment, connect: connect, counts: kept.mapValues(\.count))
    }

    /// Each instance's document as the plan has it: the XML, or a seed image's files.
    static func plannedDocuments(_ run: DryRun) -> [String: String] {
        var documents: [String: String] = [:]
        for object in run.documents.objects {
            if let xml = object.xml {
                documents[object.instance] = xml
            } else if let files = object.imagePreview?.files {
                documents[object.instance] = files.map { "# \($0.path)\n\($0.text)" }.joined(separator: "\n")
            }
        }
        return documents
    }

    /// The changes from what the state recorded to `plan`, with the live objects' drift and the
    /// install operations an apply or destroy that was cut off left to run.
    func computeChanges(records: [NodeInstanceRecord], plan: DeploymentPlan, blueprint: Blueprint, objects: [String: ManagedObject],
                        documents: [String: String], deployment: String) async throws -> DeploymentChanges {
        let statuses = await InstanceStatus.inspect(records, connections: backend.connections)
        let drift = Dictionary(statuses.map { ($0.record.instanceID, $0.fields) }, uniquingKeysWith: { first, _ in first })
        let missing = Set(statuses.filter { $0.drift == InstanceStatus.objectMissing }.map(\.record.instanceID))
        var computation = ChangeComputation(records: records, instances: plan.instances, objects: objects, documents: documents,
                                            drift: drift, missing: missing)
        if let recorded = try store.deployment(named: deployment), ![.installed, .uninstalled].contains(recorded.status) {
            computation.unfinished = UnfinishedInstall(
                graph: WorkGraph(plan.install, blueprint: blueprint),
                resume: try store.resumePoint(deployment: deployment, workflow: .install))
        }
        var changes = computation.compute(deployment: deployment)
        for status in statuses where status.fields.isEmpty && status.drift != nil && !missing.contains(status.record.instanceID) {
            changes.otherDrift[status.record.instanceID] = status.drift
        }
        return changes
    }
}
