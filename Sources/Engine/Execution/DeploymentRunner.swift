import Blueprint
import Platform
import LibvirtBackend
import Planner
import StateStore

/// Runs `apply` and `destroy` of one deployment against libvirt and records every step in the
/// state store as it finishes, so that a failed or interrupted run resumes where it stopped.
public struct DeploymentRunner: Sendable {
    public let store: StateStore
    public let backend: LibvirtObjectBackend
    public var parallelism: Int
    /// The most operations that run at once on one host (connection URI); nil: no bound beyond
    /// `parallelism`.
    public var jobsPerHost: Int?
    /// `destroy --forget-unreachable`: the objects of hosts that cannot be reached are dropped
    /// from the state instead of kept for a later destroy.
    public var forgetUnreachable = false
    public private(set) var progress: @Sendable (ProgressEvent) -> Void
    /// Hides the run's secret values in every progress message and recorded event.
    var mask = SecretMask()
    /// Ctrl-C: set it to stop starting operations.
    public let stop: StopRequest
    /// Runs the blueprint's scripts (tests name the `bluevirt` binary that serves `ctx`).
    public var scripts: ScriptRunner

    public init(store: StateStore, backend: LibvirtObjectBackend = LibvirtObjectBackend(), parallelism: Int = 8,
                jobsPerHost: Int? = nil, stop: StopRequest = StopRequest(), scripts: ScriptRunner = ScriptRunner(),
                progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in }) {
        self.store = store
        self.backend = backend
        self.parallelism = parallelism
        self.jobsPerHost = jobsPerHost
        self.stop = stop
        self.scripts = scripts
        self.progress = progress
    }

    /// How `apply` chooses connections.
    public struct ConnectionChoice: Sendable {
        /// `--connect`: the URI of every object whose node names no connection of its own.
        public var connect: String?
        /// `--simulate`: every connection goes to a test driver world kept in the state directory.
        public var simulate: Bool

        public init(connect: String? = nil, simulate: Bool = false) {
            self.connect = connect
            self.simulate = simulate
        }
    }

    // MARK: apply

    /// Installs the deployment: plans were made and documents rendered without errors by the
    /// caller (`DryRun`). An installed deployment with the same documents is left alone.
    /// An installed deployment whose plan changed is updated (``DeploymentChanges``): changes
    /// that lose data (a volume replaced) are made only with `allowReplace`. `inputsText` (the
    /// `--inputs` files and `--input` assignments as written) and `appliedInputs` (their values,
    /// ``AppliedInputs/recorded(_:in:)``; nil: none recorded) are recorded once it has finished.
    public func apply(blueprint: Blueprint, blueprintPath: String, run: DryRun, inputsText: String, appliedInputs: [String: JSONValue]? = nil,
                      connections choice: ConnectionChoice, allowReplace: Bool = false) async throws -> RunReport {
        try await masking(blueprint.secrets.mask.keepingNames(of: blueprint, path: blueprintPath, deployment: run.deployment)).install(
            blueprint: blueprint, blueprintPath: blueprintPath, run: run, inputsText: inputsText, appliedInputs: appliedInputs,
            connections: choice, allowReplace: allowReplace)
    }

    /// This runner with `mask` applied to every progress message and recorded event.
    func masking(_ mask: SecretMask) -> DeploymentRunner {
        guard !mask.isEmpty else { return self }
        var runner = self
        let progress = self.progress
        runner.mask = mask
        runner.progress = { event in
            var event = event
            event.message = mask(event.message)
            progress(event)
        }
        return runner
    }

    /// `workflow` and `workflowParameters`: what the execution is recorded as, `install` or a
    /// `scale` with its parameters; either resumes the steps the other finished.
    func install(blueprint: Blueprint, blueprintPath: String, run declared: DryRun, inputsText: String,
                 appliedInputs: [String: JSONValue]?, connections choice: ConnectionChoice, allowReplace: Bool,
                 workflow: RecordedWorkflow = .install, workflowParameters: JSONValue? = nil) async throws -> RunReport {
        let name = declared.deployment
        let lock = try writerLock(of: name)
        defer { lock.release() }
        try refuseSimulationSwitch(deployment: name, simulate: choice.simulate)
        try closeInterrupted(name, lock: lock)
        let scaled = try scaledRun(declared, blueprint: blueprint, connect: choice.connect)
        for dropped in scaled.dropped {
            progress(ProgressEvent(kind: .note, message: "the blueprint now declares another count for '\(dropped)': the count a scale gave it no longer holds"))
        }
        if !scaled.dropped.isEmpty { try store.saveScaledCounts(scaled.kept, deployment: name) }
        let run = scaled.run
        guard let plan = run.plan else { throw DeploymentProblem.noPlan(deployment: run.deployment) }
        let prepared = prepareObjects(blueprint: blueprint, run: run, choice: choice)
        var objects = prepared.objects
        let parameters = prepared.parameters
        let worlds = SimulatedWorlds(stateDirectory: store.location.directory, deployment: name)
        let digest = prepared.digest

        // A simulated world is the only place its objects exist: before trusting the state,
        // look in it. Objects the state says exist but the world lacks are made again.
        var reconciled = WorldReconciliation()
        if choice.simulate {
            let previous = try store.nodeInstances(deployment: name)
            reconciled = try await WorldReconciliation.reconcile(
                uris: objects.values.map(\.connection) + previous.compactMap(\.connectionURI), records: previous,
                connections: backend.connections)
            for note in reconciled.notes { progress(ProgressEvent(kind: .note, message: note)) }
            if !reconciled.missing.isEmpty {
                try store.forgetInstances(deployment: name, instances: reconciled.missing)
                progress(ProgressEvent(kind: .note, message: """
                    \(reconciled.missing.count) objects the state recorded as made are not in the simulated world; they are made \
                    again: \(reconciled.missing.sorted().joined(separator: ", "))
                    """))
            }
        }
        let previous = try store.deployment(named: name)
        let documents = Self.plannedDocuments(run)
        var changes: DeploymentChanges?
        var recorded = try store.nodeInstances(deployment: name)
        // A create that began (or failed) and did not finish may have left its object half-made,
        // and a delete cut off its object whole or half-deleted: their create makes it again
        // over what is there. Read before an update forgets them (state `uninitialized`).
        let installedSteps = try store.resumePoint(deployment: name, workflow: workflow).finishedSteps
        let leftMidway = recorded.filter { record in
            [.creating, .deleting, .failed].contains(record.state) && !installedSteps.contains("\(record.instanceID)/create")
        }.map(\.instanceID)
        var teardownRan = 0
        if let previous, previous.status != .uninstalled, !recorded.isEmpty {
            var computed = try await computeChanges(records: recorded, plan: plan, blueprint: blueprint, objects: objects,
                                                    documents: documents, deployment: name)
            for (instance, drift) in computed.otherDrift.sorted(by: { $0.key < $1.key }) {
                progress(ProgressEvent(kind: .note, instance: instance, message: "instance '\(instance)' drifted: \(drift); apply does not repair that"))
            }
            // New outputs, inputs or a blueprint file alone are an update too: one that runs no
            // operation but records them.
            computed.record = try recordChanges(of: previous, blueprint: blueprint, instances: recorded,
                                                blueprintPath: blueprintPath, inputsText: inputsText, appliedInputs: appliedInputs)
            if computed.changesNothing, previous.status == .installed, previous.blueprintDigest == digest, reconciled.missing.isEmpty {
                // Instances an older bluevirt left short of started after their install.
                try startInstancesLeftShort(of: plan, records: recorded, deployment: name)
                // A deployment an older bluevirt applied gets the inputs it was applied with, so
                // that run needs them no more.
                if previous.appliedInputs == nil, let appliedInputs {
                    try store.saveDeployment(name: name, blueprintPath: previous.blueprintPath, blueprintDigest: previous.blueprintDigest,
                                             inputsDigest: previous.inputsDigest, appliedInputs: appliedInputs)
                }
                progress(ProgressEvent(kind: .note, message: "deployment '\(name)' is installed and unchanged: nothing to do"))
                return RunReport(deployment: name, result: .unchanged, outputs: try store.outputs(deployment: name))
            }
            if let refused = computed.refused.first?.refusal { throw DeploymentProblem.updateRefused(deployment: name, reason: refused) }
            if !allowReplace, !computed.needingConsent.isEmpty {
                throw DeploymentProblem.replaceNeedsConsent(deployment: name, objects: computed.needingConsent.map { "\($0.kind ?? "object") '\($0.objectName ?? $0.instance)' of \($0.instance)" })
            }
            changes = computed
        }

        // An update keeps the recorded digest until it has finished, so that a resumed update
        // still puts the blueprint's new values over the params stored at the first create; and
        // the recorded inputs, which must plan to that digest for run to use them.
        try store.saveDeployment(name: name, blueprintPath: blueprintPath, blueprintDigest: previous?.blueprintDigest ?? digest,
                                 inputsDigest: ContentDigest.of([inputsText]), appliedInputs: previous == nil ? appliedInputs : previous?.appliedInputs)
        try DeploymentSecrets.save(blueprint.secrets, deployment: name, store: store)
        let execution = try store.startExecution(deployment: name, workflow: workflow, parameters: workflowParameters)
        if let changes, !changes.changesNothing {
            try store.recordEvent(execution: execution.id, kind: .note, message: mask(changes.summary), instance: nil, step: nil)
            progress(ProgressEvent(kind: .note, message: "update: " + changes.summary))
        }
        if let changes, !changes.isEmpty {
            let plannedUninstallKeys = Dictionary(grouping: plan.uninstall.steps.map { ($0.instanceId, $0.workKey) }, by: \.0)
                .mapValues { Set($0.map(\.1)) }
            let teardown = UpdateTeardown.graph(changes, records: recorded, plannedUninstallKeys: plannedUninstallKeys)
            let unrecorded = UnrecordedUnlinks.steps(teardown, records: recorded)
            if let note = UnrecordedUnlinks.note(unrecorded) { progress(ProgressEvent(kind: .note, message: note)) }
            if !teardown.steps.isEmpty {
                let performer = StepPerformer(
                    deployment: name, store: store, backend: backend, objects: Self.recordedObjects(recorded, deployment: name), blueprint: nil,
                    blueprintDirectory: URL(fileURLWithPath: previous?.blueprintPath ?? blueprintPath).deletingLastPathComponent().standardizedFileURL,
                    scripts: scripts, execution: execution.id, mask: mask, simulated: choice.simulate, progress: progress)
                let resume = try store.resumePoint(deployment: name, workflow: workflow)
                let outcome = await execute(teardown, performer: performer, execution: execution.id,
                                            finished: resume.finishedSteps.union(unrecorded.map(\.key)), properties: recorded)
                try await SimulatedWorlds.save(recorded.compactMap(\.connectionURI), connections: backend.connections)
                guard outcome.succeeded else { return try finishUnsuccessful(outcome, execution: execution.id, deployment: name) }
                teardownRan = outcome.ran
            }
            try store.removeInstances(deployment: name, instances: changes.changes.filter { $0.action == .delete }.map(\.instance))
            let recordedIDs = Set(recorded.map(\.instanceID))
            try store.forgetInstances(deployment: name, instances: changes.changes.filter {
                [.create, .redefine, .replace].contains($0.action) && recordedIDs.contains($0.instance)
            }.map(\.instance))
            try store.forgetSteps(deployment: name, keyPrefix: UpdateTeardown.keyPrefix)
            try store.forgetSteps(deployment: name, keys: UpdateTeardown.stepsOfUnlinkedRelationships(
                changes, finished: try store.resumePoint(deployment: name, workflow: workflow).finishedSteps))
            recorded = try store.nodeInstances(deployment: name)
        }
        // The uninstall plan, as dry-run prints it, goes into the state with each instance: destroy
        // runs it from there, in the same order, without the blueprint.
        let uninstall = WorkGraph(plan.uninstall, blueprint: blueprint)
        let uninstallSteps = Dictionary(grouping: uninstall.steps, by: \.instance).mapValues { $0.map(UninstallStepRecord.init(recording:)) }
        try store.registerNodeInstances(plan.instances.map { instance in
            let object = objects[instance.id]
            var targets: [String] = []
            for relationship in instance.relationships where !targets.contains(relationship.targetInstanceId) {
                targets.append(relationship.targetInstanceId)
            }
            return NodeInstanceRecord(
                deployment: name, instanceID: instance.id, nodeName: instance.nodeName,
                type: blueprint.nodeTemplates[instance.nodeName]?.type ?? "",
                connectionURI: object?.connection, objectKind: object?.kind.rawValue, objectName: object?.name,
                adopted: object?.adopted ?? false, dependsOn: targets, uninstallSteps: uninstallSteps[instance.id] ?? [],
                document: documents[instance.id], definedDocument: object?.kind == .domain ? nil : object?.xml)
        })
        if choice.simulate { try worlds.prepare(Set(objects.values.map(\.connection))) }

        let known = try store.nodeInstances(deployment: name, recordedPlans: false)
        let resume = try store.resumePoint(deployment: name, workflow: workflow)
        for instance in leftMidway { objects[instance]?.resumedCreate = true }
        var performer = StepPerformer(
            deployment: name, store: store, backend: backendWithImageCache(), objects: objects,
            blueprint: StepPerformer.ApplyContext(
                deployment: name, blueprint: blueprint, plan: plan, documents: run.documents,
                blueprintChanged: previous.map { $0.blueprintDigest != digest } ?? false, uninstall: uninstall),
            blueprintDirectory: URL(fileURLWithPath: blueprintPath).deletingLastPathComponent().standardizedFileURL,
            scripts: scripts, execution: execution.id, mask: mask, simulated: choice.simulate, progress: progress)
        performer.workflow = workflow.rawValue
        let journal = WorldJournal(connections: backend.connections)
        let installGraph = WorkGraph(plan.install, blueprint: blueprint)
        let outcome = await execute(installGraph, performer: performer, execution: execution.id,
                                    finished: resume.finishedSteps, properties: known, parameters: parameters, journal: journal)
        try await SimulatedWorlds.save(objects.values.map(\.connection), connections: backend.connections, journal: journal)

        guard outcome.succeeded else { return try finishUnsuccessful(outcome, execution: execution.id, deployment: name) }
        try recordUninstallOperationsWithoutSteps(installGraph, plan: plan, performer: performer, outcome: outcome, execution: execution.id)
        try startInstancesLeftShort(of: plan, records: try store.nodeInstances(deployment: name, recordedPlans: false), deployment: name)
        let outputs = try recordOutputs(of: blueprint, deployment: name)
        try store.saveDeployment(name: name, blueprintPath: blueprintPath, blueprintDigest: digest, inputsDigest: ContentDigest.of([inputsText]),
                                 appliedInputs: appliedInputs)
        try store.finishExecution(execution.id, status: .succeeded)
        var report = RunReport(deployment: name, result: .applied, ran: teardownRan + outcome.ran, skipped: outcome.skipped, outputs: outputs.outputs)
        report.outputProblems = outputs.problems
        return report
    }

    /// Records the uninstall operations of the instances that ran no install step (a node with
    /// only a delete script), which no step recorded (``StepPerformer/uninstallRecords(of:runtime:)``).
    private func recordUninstallOperationsWithoutSteps(_ graph: WorkGraph, plan: DeploymentPlan, performer: StepPerformer,
                                                       outcome: Executor.Outcome, execution: Int64) throws {
        let withSteps = Set(graph.steps.map(\.instance))
        let without = plan.instances.map(\.id).filter { !withSteps.contains($0) }
        guard !without.isEmpty else { return }
        let records = performer.uninstallRecords(of: without, runtime: RuntimeSnapshot(outcome.runtimeProperties))
        try store.recordSteps(execution: execution, records.sorted { $0.key < $1.key }.map { instance, properties in
            .finished(FinishedStep(instance: instance, step: "\(instance)/\(RecordedOperation.runtimeProperty)", runtimeProperties: properties,
                                   message: "the uninstall operations of \(instance) recorded for destroy"))
        })
    }

    /// The objects of `run` as apply makes them (connections routed), the params recorded at
    /// their create, and the digest of everything that makes the deployment what it is.
    func prepareObjects(blueprint: Blueprint, run: DryRun, choice: ConnectionChoice)
        -> (objects: [String: ManagedObject], parameters: [String: JSONValue], digest: String) {
        let name = run.deployment
        let worlds = SimulatedWorlds(stateDirectory: store.location.directory, deployment: name)
        let made = Self.managedObjects(of: run, blueprint: blueprint) { Self.route($0, choice: choice, worlds: worlds) }
        return (made.objects, made.parameters, Self.digest(of: made.objects, run: run))
    }

    // MARK: destroy

    /// Uninstalls the deployment with the connections recorded at apply: domains first, then
    /// volumes, pools and networks. Objects already gone are fine; adopted objects stay.
    public func destroy(deployment name: String) async throws -> RunReport {
        guard try store.deployment(named: name) != nil else {
            throw try DeploymentProblem.unknownDeployment(name, in: store)
        }
        return try await masking(DeploymentSecrets.mask(deployment: name, store: store)).uninstall(deployment: name)
    }

    private func uninstall(deployment name: String) async throws -> RunReport {
        let lock = try writerLock(of: name)
        defer { lock.release() }
        try closeInterrupted(name, lock: lock)

        var records = try store.nodeInstances(deployment: name)
        if forgetUnreachable {
            let forgotten = try await forgetInstancesOfUnreachableHosts(records, deployment: name)
            if !forgotten.isEmpty { records = try store.nodeInstances(deployment: name) }
        }
        // A lost or unreadable simulated world has nothing left to delete: it starts empty, so
        // that destroy can finish instead of failing on every object for good.
        let reconciled = try await WorldReconciliation.reconcile(
            uris: records.compactMap(\.connectionURI), records: records, connections: backend.connections)
        for note in reconciled.notes { progress(ProgressEvent(kind: .note, message: note)) }
        if !reconciled.missing.isEmpty {
            progress(ProgressEvent(kind: .note, message: """
                \(reconciled.missing.count) objects the state recorded are not in the simulated world: nothing to delete for \
                \(reconciled.missing.sorted().joined(separator: ", "))
                """))
        }
        let objects = Self.recordedObjects(records, deployment: name)
        let execution = try store.startExecution(deployment: name, workflow: .uninstall)
        let resume = try store.resumePoint(deployment: name, workflow: .uninstall)
        let graph = Self.recordedUninstallGraph(records) ?? Self.uninstallGraph(records.filter {
            (objects[$0.instanceID] != nil || !RecordedOperation.all(in: $0.runtimeProperties).isEmpty) && $0.state != .uninitialized
        })
        let unrecorded = UnrecordedUnlinks.steps(graph, records: records)
        if let note = UnrecordedUnlinks.note(unrecorded) { progress(ProgressEvent(kind: .note, message: note)) }
        let blueprintPath = try store.deployment(named: name)?.blueprintPath ?? ""
        let performer = StepPerformer(
            deployment: name, store: store, backend: backend, objects: objects, blueprint: nil,
            blueprintDirectory: URL(fileURLWithPath: blueprintPath).deletingLastPathComponent().standardizedFileURL,
            scripts: scripts, execution: execution.id, mask: mask, progress: progress)
        let outcome = await execute(graph, performer: performer, execution: execution.id,
                                    finished: resume.finishedSteps.union(unrecorded.map(\.key)), properties: records)
        try await SimulatedWorlds.save(objects.values.map(\.connection), connections: backend.connections)
        try noteKeptOnUnreachableHosts(outcome, deployment: name)
        guard outcome.succeeded else { return try finishUnsuccessful(outcome, execution: execution.id, deployment: name) }
        try store.setState(.deleted, deployment: name, instances: LifecycleCompletion.notDeleted(try store.nodeInstances(deployment: name, recordedPlans: false)))
        try store.finishExecution(execution.id, status: .succeeded)
        // Its machines are gone; new ones at the same addresses will have new host keys.
        KnownHosts(stateDirectory: store.location.directory, deployment: name).remove()
        return RunReport(deployment: name, result: .destroyed, ran: outcome.ran, skipped: outcome.skipped)
    }

    /// The objects of the recorded instances, as destroy (and an update's removals) delete them.
    static func recordedObjects(_ records: [NodeInstanceRecord], deployment name: String) -> [String: ManagedObject] {
        var objects: [String: ManagedObject] = [:]
        for record in records {
            guard let kindName = record.objectKind, let kind = LibvirtObjectKind(rawValue: kindName),
                  let objectName = record.objectName, let connection = record.connectionURI else { continue }
            var pool: String?
            if case .string(let text)? = record.runtimeProperties["pool"] { pool = text }
            objects[record.instanceID] = ManagedObject(
                kind: kind, name: objectName, connection: connection, pool: pool, xml: nil,
                adopted: record.adopted, deployment: name, instance: record.instanceID)
            // The params recorded at apply say how long a graceful shutdown may take.
            if case .object(let params)? = record.runtimeProperties["params"], case .integer(let seconds)? = params["shutdown_timeout"] {
                objects[record.instanceID]?.shutdownTimeout = .seconds(seconds)
            }
        }
        markImagesInDeploymentVolumes(&objects)
        return objects
    }

    /// Destroys a deployment the state does not know (the state was lost) by finding its
    /// domains and networks on `connections` through the metadata bluevirt writes into them.
    /// The state store is only used for the writer lock; nothing is recorded.
    public func destroyFoundByMetadata(deployment name: String, connections uris: [String]) async throws -> RunReport {
        let lock = try writerLock(of: name)
        defer { lock.release() }
        let records: [NodeInstanceRecord]
        do {
            records = try await MetadataSearch.records(deployment: name, uris: uris, connections: backend.connections)
        } catch let failure as MetadataSearch.ConnectionFailure {
            throw DeploymentProblem.lostDeploymentUnreachable(name: name, stateDirectory: store.location.directory.path,
                                                             uri: failure.uri, cause: "\(failure.cause)")
        }
        progress(ProgressEvent(kind: .note, message: """
            deployment '\(name)' is not in the state; found \(records.count) of its domains and networks by their metadata \
            (pools and volumes carry none and are left)
            """))
        var objects: [String: ManagedObject] = [:]
        for record in records {
            guard let kindName = record.objectKind, let kind = LibvirtObjectKind(rawValue: kindName),
                  let objectName = record.objectName, let connection = record.connectionURI else { continue }
            objects[record.instanceID] = ManagedObject(kind: kind, name: objectName, connection: connection, xml: nil,
                                                       adopted: false, deployment: name, instance: record.instanceID)
        }
        let progress = self.progress
        let stop = self.stop
        let performer = StepPerformer(
            deployment: name, store: store, backend: backend, objects: objects, blueprint: nil,
            blueprintDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), scripts: ScriptRunner(),
            execution: nil, mask: mask, progress: progress)
        let journal = WorldJournal(connections: backend.connections)
        let backend = self.backend
        let outcome = await executor(objects).run(
            Self.uninstallGraph(records), alreadyFinished: [], runtimeProperties: [:],
            perform: { step, runtime in
                do {
                    let produced = try await performer.perform(step, runtime: runtime)
                    // A simulated world loses each object as it is deleted, as in apply.
                    if let object = performer.objects[step.instance] { try await journal.save(object) }
                    return produced
                } catch {
                    let object = performer.objects[step.instance]
                    let cause = if let object { await backend.naming(error, on: object.connection) } else { error }
                    throw OperationFailure(instance: step.instance, step: step.key, object: object?.label, cause: cause)
                }
            },
            record: { records in
                for record in records {
                    switch record {
                    case .started(let step): progress(ProgressEvent(kind: .started, instance: step.instance, step: step.key, message: step.description))
                    case .finished(let step, _, _): progress(ProgressEvent(kind: .finished, instance: step.instance, step: step.key, message: step.description))
                    case .failed(let step, let failure, _, _): progress(ProgressEvent(kind: .failed, instance: step.instance, step: step.key, message: failure.description))
                    }
                }
            },
            shouldStop: { stop.isRequested })
        try await SimulatedWorlds.save(uris.filter { !SimulatedWorlds.isUnwritten($0) }, connections: backend.connections)
        let result: RunReport.Result = outcome.succeeded ? .destroyed : outcome.failures.isEmpty ? .interrupted : .failed
        return RunReport(deployment: name, result: result, ran: outcome.ran, skipped: outcome.skipped, failures: outcome.failures)
    }

    /// The objects of `run` as the executor handles them, on the connections `route` gives, and
    /// each instance's params as recorded at create (`RecordedParameters`).
    static func managedObjects(of run: DryRun, blueprint: Blueprint, route: (String) -> String)
        -> (objects: [String: ManagedObject], parameters: [String: JSONValue]) {
        let name = run.deployment
        var objects: [String: ManagedObject] = [:]
        for object in run.documents.objects {
            let uri = route(object.connection)
            objects[object.instance] = ManagedObject(
                kind: object.kind, name: object.name, connection: uri, pool: object.pool, xml: object.xml,
                adopted: object.isExternal, deployment: name, instance: object.instance)
        }
        Self.markImagesInDeploymentVolumes(&objects)
        let networks = Dictionary(grouping: objects.values.filter { $0.kind == .network }, by: \.connection).mapValues { $0.map(\.name).sorted() }
        for (instance, object) in objects where object.kind == .domain {
            objects[instance]?.deploymentNetworks = networks[object.connection] ?? []
        }
        let objectNames = Dictionary(grouping: run.documents.objects, by: \.node).mapValues { $0.map(\.name) }
        var parameters: [String: JSONValue] = [:]
        for object in run.documents.objects {
            guard let template = blueprint.nodeTemplates[object.node] else { continue }
            let params = RecordedParameters.of(template, blueprint: blueprint, instance: object.instance, selfName: object.name, objectNames: objectNames)
            parameters[object.instance] = .object(params)
            if params["wait_for_ip"] == .bool(false) { objects[object.instance]?.waitForAddresses = false }
            if params["autostart"] == .bool(true) { objects[object.instance]?.autostart = true }
            if case .integer(let seconds)? = params["wait_for_ip_timeout"] { objects[object.instance]?.addressTimeout = .seconds(seconds) }
            if object.kind == .volume {
                if case .string(let url)? = params["url"], !url.isEmpty { objects[object.instance]?.imageURL = url }
                if case .string(let digest)? = params["sha256"], !digest.isEmpty { objects[object.instance]?.imageSHA256 = digest }
                if params["zero_wipe"] == .bool(true) { objects[object.instance]?.zeroWipe = true }
            }
            if case .array(let names)? = params["ip_address_sources"] {
                // Rendering has already rejected unknown names (BV0604); keep the known ones.
                objects[object.instance]?.addressSources = names.compactMap { name in
                    if case .string(let text) = name { InterfaceAddressSource(rawValue: text) } else { nil }
                }
            }
        }
        return (objects, parameters)
    }

    /// What `apply` compares to tell whether a deployment changed: the objects' documents and
    /// connections, the seed images' files (they have no document) and the install plan.
    static func digest(of objects: [String: ManagedObject], run: DryRun) -> String {
        let imageFiles = run.documents.objects.flatMap { object in (object.imagePreview?.files ?? []).flatMap { [object.instance, $0.path, $0.text] } }
        return ContentDigest.of(objects.values.sorted { $0.instance < $1.instance }.flatMap { [$0.instance, $0.name, $0.connection, $0.xml ?? "", "\($0.adopted)"] }
            + imageFiles + (run.plan?.install.steps.map(\.description) ?? []))
    }

    /// The connections `apply` would use for the objects of `run`.
    public func connections(of run: DryRun, choice: ConnectionChoice) -> [String] {
        let worlds = SimulatedWorlds(stateDirectory: store.location.directory, deployment: run.deployment)
        return Array(Set(run.documents.objects.map { Self.route($0.connection, choice: choice, worlds: worlds) }))
    }

    /// `--simulate` sends every URI to its test world. (`--connect` is in the plan's URIs already:
    /// ``Connection``.)
    static func route(_ uri: String, choice: ConnectionChoice, worlds: SimulatedWorlds) -> String {
        choice.simulate ? worlds.testURI(for: uri) : uri
    }

    /// The uninstall plan recorded at apply: each instance's steps (stop, unlink, delete) one
    /// after the other, an instance's first step after the last step of every instance that
    /// depends on it, independent instances in parallel; the same steps and order as the
    /// uninstall plan dry-run prints. Instances never made (`uninitialized`) have no steps but
    /// still pass the order on. nil when some instance has no recorded plan (a state written
    /// before schema v3): then ``uninstallGraph(_:)`` orders by kind.
    static func recordedUninstallGraph(_ records: [NodeInstanceRecord]) -> WorkGraph? {
        guard !records.isEmpty, records.allSatisfy({ $0.uninstallSteps != nil && $0.dependsOn != nil }) else { return nil }
        let byID = Dictionary(records.map { ($0.instanceID, $0) }, uniquingKeysWith: { first, _ in first })
        var dependents: [String: [String]] = [:]
        for record in records {
            for target in record.dependsOn ?? [] where byID[target] != nil { dependents[target, default: []].append(record.instanceID) }
        }
        var steps: [WorkStep] = []
        var ends: [String: [Int]] = [:]
        // Dependents first (depth-first from each instance), so an instance's steps come after
        // theirs; `visiting` catches a cycle, which a recorded plan never has.
        var visiting: Set<String> = []
        func place(_ id: String) -> Bool {
            if ends[id] != nil { return true }
            guard !visiting.contains(id), let record = byID[id] else { return false }
            visiting.insert(id)
            var waitsFor: [Int] = []
            for dependent in dependents[id] ?? [] {
                guard place(dependent) else { return false }
                waitsFor.append(contentsOf: ends[dependent] ?? [])
            }
            waitsFor = Array(Set(waitsFor)).sorted()
            if record.state != .uninitialized {
                let recorded = RecordedOperation.all(in: record.runtimeProperties)
                for planned in record.uninstallSteps ?? [] {
                    var step = WorkStep(key: planned.key, instance: id, operation: .relationship(planned.operation),
                                        description: planned.description, dependencies: waitsFor)
                    switch planned.operation {
                    case "stop": step.operation = .stop
                    case "delete": step.operation = .delete
                    case let name where DomainAction(rawValue: name) != nil: step.operation = .domain(DomainAction(rawValue: name)!)
                    case "script", "builtin":
                        // The stop, unlink or delete operation with its inputs as evaluated at
                        // apply; an instance that never got that far recorded none and has
                        // nothing to run.
                        if let operation = RecordedOperation.recorded(for: planned.key, in: recorded) {
                            step.operation = operation.isScript ? .script(operation.implementation) : .builtin(operation.implementation)
                            step.recorded = operation
                        }
                    default: break
                    }
                    steps.append(step)
                    waitsFor = [steps.count - 1]
                }
            }
            visiting.remove(id)
            ends[id] = waitsFor
            return true
        }
        for record in records {
            guard place(record.instanceID) else { return nil }
        }
        return WorkGraph(steps: steps)
    }

    /// Uninstall order: first the stop, unlink and delete operations recorded at apply (scripts,
    /// built-ins), as they may still need the machines; then by kind: every domain is stopped
    /// and deleted before any volume goes, volumes before pools, pools before networks.
    static func uninstallGraph(_ records: [NodeInstanceRecord]) -> WorkGraph {
        let tiers: [[LibvirtObjectKind]] = [[.domain], [.volume, .iso9660], [.pool], [.network]]
        var steps: [WorkStep] = []
        var previousEnds: [Int] = []
        for record in records {
            var waitsFor: [Int] = []
            for recorded in RecordedOperation.all(in: record.runtimeProperties) {
                let target = recorded.relationship.map { " → \($0.target.instanceID)" } ?? ""
                var step = WorkStep(key: recorded.key ?? "\(record.instanceID)/\(recorded.step)", instance: record.instanceID,
                                    operation: recorded.isScript ? .script(recorded.implementation) : .builtin(recorded.implementation),
                                    description: "\(recorded.step) \(record.instanceID)\(target)", dependencies: waitsFor)
                step.recorded = recorded
                steps.append(step)
                waitsFor = [steps.count - 1]
            }
            if let last = waitsFor.first { previousEnds.append(last) }
        }
        for tier in tiers {
            var ends: [Int] = []
            for record in records where tier.contains(where: { $0.rawValue == record.objectKind }) {
                var waitsFor = previousEnds
                let operations: [WorkOperation] = [LibvirtObjectKind.domain.rawValue, LibvirtObjectKind.pool.rawValue].contains(record.objectKind) ? [.stop, .delete] : [.delete]
                for operation in operations {
                    let verb = operation == .stop ? "stop" : "delete"
                    steps.append(WorkStep(key: "\(record.instanceID)/\(verb)", instance: record.instanceID, operation: operation,
                                          description: "\(verb) \(record.instanceID)", dependencies: waitsFor))
                    waitsFor = [steps.count - 1]
                }
                ends.append(steps.count - 1)
            }
            if !ends.isEmpty { previousEnds = ends }
        }
        return WorkGraph(steps: steps)
    }

    /// `--forget-unreachable`: the instances whose objects live on a host that cannot be
    /// reached are dropped from the state (their objects may still exist there); returns them.
    private func forgetInstancesOfUnreachableHosts(_ records: [NodeInstanceRecord], deployment name: String) async throws -> [String] {
        var forgotten: [String] = []
        let byURI = Dictionary(grouping: records.filter { $0.state != .uninitialized && $0.connectionURI != nil }, by: { $0.connectionURI! })
        for (uri, onHost) in byURI.sorted(by: { $0.key < $1.key }) {
            do {
                _ = try await backend.connections.connection(for: uri)
            } catch where error.isConnectionLost {
                let instances = onHost.map(\.instanceID).sorted()
                try store.forgetInstances(deployment: name, instances: instances)
                forgotten += instances
                progress(ProgressEvent(kind: .note, message: """
                    host \(ConnectionHost.name(of: uri)) is unreachable (\(uri): \(error.message)); --forget-unreachable drops its \
                    \(instances.count) instances from the state without deleting anything there: \(instances.joined(separator: ", "))
                    """, host: ConnectionHost.name(of: uri)))
            } catch {
                // Reachable but refusing (credentials, say): its objects fail in the run and stay.
                continue
            }
        }
        return forgotten
    }

    /// After a destroy that could not reach some hosts: which objects stay in the state, and how
    /// to finish.
    private func noteKeptOnUnreachableHosts(_ outcome: Executor.Outcome, deployment name: String) throws {
        var lostHosts: Set<String> = []
        for case .operation(let failure) in outcome.failures {
            if let host = failure.unreachableHost { lostHosts.insert(host) }
        }
        guard !lostHosts.isEmpty else { return }
        let kept = try store.nodeInstances(deployment: name).filter { record in
            ![.deleted, .uninitialized].contains(record.state) && record.connectionURI.map { lostHosts.contains(ConnectionHost.name(of: $0)) } == true
        }
        for (host, records) in Dictionary(grouping: kept, by: { ConnectionHost.name(of: $0.connectionURI ?? "") }).sorted(by: { $0.key < $1.key }) {
            let labels = records.map { "\($0.objectKind ?? "instance") '\($0.objectName ?? $0.instanceID)'" }.sorted()
            progress(ProgressEvent(kind: .note, message: """
                host \(host) is unreachable: \(records.count) of its objects stay in the state (\(labels.joined(separator: ", "))); \
                run destroy again once it is back, or destroy --forget-unreachable to drop them from the state
                """, host: host))
        }
    }

    // MARK: shared

    /// ISO images whose volume (same connection, pool and name) is a volume object of the
    /// deployment: they are written into it and leave it to its node at destroy.
    static func markImagesInDeploymentVolumes(_ objects: inout [String: ManagedObject]) {
        let volumes = Set(objects.values.filter { $0.kind == .volume }.map { [$0.connection, $0.pool ?? "", $0.name] })
        for (instance, object) in objects where object.kind == .iso9660 && volumes.contains([object.connection, object.pool ?? "", object.name]) {
            objects[instance]?.writesIntoDeploymentVolume = true
        }
    }

    /// Records a failed or interrupted run; the next run of the same workflow resumes it.
    func finishUnsuccessful(_ outcome: Executor.Outcome, execution: Int64, deployment name: String) throws -> RunReport {
        if outcome.failures.isEmpty {
            try store.finishExecution(execution, status: .cancelled, error: "stopped by the user")
            return RunReport(deployment: name, result: .interrupted, ran: outcome.ran, skipped: outcome.skipped)
        }
        let failures = outcome.failures.map { failure in failure.mappingMessage { mask($0) } }
        try store.finishExecution(execution, status: .failed, error: failures.map(\.description).joined(separator: "; "))
        return RunReport(deployment: name, result: .failed, ran: outcome.ran, skipped: outcome.skipped, failures: failures)
    }

    /// Takes the writer lock of deployment `name`. Should the user stop the run and bluevirt exit
    /// with operations still running, the lock is left as a stopped run's, not as one that died
    /// (``WriterLock/leaveAtExit()``): the next run does not say this one was interrupted.
    func writerLock(of name: String) throws -> WriterLock {
        let lock = try store.acquireWriterLock(deployment: name)
        stop.onAbandon { lock.leaveAtExit() }
        return lock
    }

    func closeInterrupted(_ name: String, lock: WriterLock) throws {
        if let note = lock.takeoverNote { progress(ProgressEvent(kind: .note, message: note)) }
        try store.closeInterruptedExecutions(deployment: name, reason: lock.takeoverNote ?? "an earlier run ended without finishing")
    }

    /// Runs `graph`; `parameters` (by instance) become the `params` runtime property at create.
    /// `dayTwo` (a workflow of `bluevirt run`): every step's start is recorded (apply records
    /// only creates', which change the state, to keep its 1,000-domain runs fast), and a failed
    /// operation outside the lifecycle (a backup) leaves its instance's state as it was.
    /// `journal`: the simulated worlds' journal to write to (the caller's, to save the worlds
    /// with afterwards; nil: one of its own).
    func execute(_ graph: WorkGraph, performer: StepPerformer, execution: Int64, finished: Set<String>,
                 properties records: [NodeInstanceRecord], parameters: [String: JSONValue] = [:],
                 dayTwo: Bool = false, journal: WorldJournal? = nil) async -> Executor.Outcome {
        let store = self.store
        let progress = self.progress
        let mask = self.mask
        let stop = self.stop
        let initial = Dictionary(records.map { ($0.instanceID, $0.runtimeProperties) }, uniquingKeysWith: { _, last in last })
        let journal = journal ?? WorldJournal(connections: backend.connections)
        let backend = self.backend
        let objects = performer.objects
        if SimulatedWorlds.holdAll(objects.values.map(\.connection)) {
            // A rehearsal survives kills of bluevirt, not power cuts (docs/reliability.md): no
            // fsync per commit. Should the setting fail, commits stay synced, which is safe.
            try? store.useDurability(.processCrash)
        }
        let running = RunningSteps()
        defer { running.close() }
        stop.onAbandon {
            // The process exits with these still running: the next run checks them again.
            guard !running.isClosed else { return }
            let stillRunning = running.summary
            let message = """
                stopped by a signal\(stillRunning.isEmpty ? "" : " while these operations were still running: \(stillRunning)"); \
                the next run checks them again: run the same command again to resume
                """
            _ = try? store.finishExecution(execution, status: .cancelled, error: mask(message))
            progress(ProgressEvent(kind: .note, message: message))
        }
        return await executor(objects).run(
            graph, alreadyFinished: finished, runtimeProperties: initial,
            perform: { step, runtime in
                // A simulated world is written after each libvirt change, before the step is
                // recorded as done (the executor records it after this returns), also when the
                // step failed halfway: a kill then finds in the world whatever the state claims.
                let world: ManagedObject? = switch step.operation {
                case .create, .configure, .start, .stop, .delete, .domain, .backup: performer.objects[step.instance]
                default: nil
                }
                // A domain's create changes nothing in libvirt (configure defines it): nothing to write.
                let changesWorld = !(step.operation == .create && world?.kind == .domain)
                do {
                    var produced = try await performer.perform(step, runtime: runtime)
                    if let world, changesWorld { try await journal.save(world, stateOnly: [.start, .stop].contains(step.operation)) }
                    if step.operation == .create, produced.own.values["params"] == nil, let params = parameters[step.instance] {
                        produced.own.set("params", to: params)
                    }
                    return produced
                } catch {
                    let object = objects[step.instance]
                    let cause = if let object { await backend.naming(error, on: object.connection) } else { error }
                    var failure = cause as? OperationFailure
                        ?? OperationFailure(instance: step.instance, step: step.key, object: object?.label, cause: cause)
                    if let world {
                        do { try await journal.save(world) } catch let saveError {
                            failure.message += "; and the simulated world could not be saved: \(saveError)"
                        }
                    }
                    if step.ignoresFailure {
                        progress(ProgressEvent(kind: .note, instance: step.instance, step: step.key, message: "ignored (ignore_failure): \(failure.description)"))
                        return failure.changes
                    }
                    throw failure
                }
            },
            record: { records in
                // One commit for the whole batch; progress is told once it is committed.
                var changes: [StepChange] = []
                var events: [ProgressEvent] = []
                for record in records {
                    switch record {
                    case .started(let step):
                        let host = objects[step.instance].map { ConnectionHost.name(of: $0.connection) }
                        running.started(step.key, host: host)
                        // A create or delete cut off leaves `creating` or `deleting`: its object may or
                        // may not exist. The start goes into the commit of the steps it waited for.
                        if step.lifecycleOperation == "create" {
                            changes.append(.started(instance: step.instance, step: step.key, state: .creating))
                        } else if step.lifecycleOperation == "delete" {
                            changes.append(.started(instance: step.instance, step: step.key, state: .deleting))
                        } else if dayTwo {
                            // As Cloudify: `stopping` until the stop finished, then `stopped`.
                            // (destroy records no other starts: a row less to write per step.)
                            changes.append(.started(instance: step.instance, step: step.key, state: step.lifecycleOperation == "stop" ? .stopping : nil))
                        }
                        events.append(ProgressEvent(kind: .started, instance: step.instance, step: step.key, message: step.description, host: host))
                    case .finished(let step, let properties, let others):
                        running.ended(step.key)
                        changes.append(.finished(FinishedStep(instance: step.instance, step: step.key, state: Self.state(after: step.lifecycleOperation),
                                                              runtimeProperties: properties, otherInstances: others,
                                                              definedDocument: performer.defined.takeStarted(step.instance))))
                        let address: String? = if step.operation == .start, case .string(let ip)? = properties?["ip"] { ip } else { nil }
                        events.append(ProgressEvent(kind: .finished, instance: step.instance, step: step.key, message: step.description, address: address,
                                                    host: objects[step.instance].map { ConnectionHost.name(of: $0.connection) }))
                    case .failed(let step, let failure, let properties, let others):
                        running.ended(step.key)
                        changes.append(.failed(instance: step.instance, step: step.key, error: mask(failure.description),
                                               state: dayTwo && step.lifecycleOperation == nil ? nil : .failed,
                                               runtimeProperties: properties, otherInstances: others))
                        events.append(ProgressEvent(kind: .failed, instance: step.instance, step: step.key, message: failure.description,
                                                    host: objects[step.instance].map { ConnectionHost.name(of: $0.connection) }))
                    }
                }
                try store.recordSteps(execution: execution, changes)
                events.forEach(progress)
            },
            retrying: { step, error, attempt in
                let message = "\(step.key) failed, try \(attempt + 1) of \(step.retry.maxRetries + 1) in \(step.retry.delay(after: error)): \(FileErrorText.of(error))"
                progress(ProgressEvent(kind: .note, instance: step.instance, step: step.key, message: message))
                do {
                    try store.recordEvent(execution: execution, kind: .stepRetrying, message: mask(message), instance: step.instance, step: step.key)
                } catch {
                    // A log line, not state: the retry goes on, but the loss is said.
                    progress(ProgressEvent(kind: .note, instance: step.instance, step: step.key, message: "the state store did not keep the line above: \(error)"))
                }
            },
            shouldStop: { stop.isRequested })
    }

    /// The executor for a run over `objects`: at most `jobsPerHost` operations at once on each
    /// object's connection.
    private func executor(_ objects: [String: ManagedObject]) -> Executor {
        Executor(parallelism: parallelism, perHost: jobsPerHost, host: { step in objects[step.instance]?.connection })
    }

    /// The backend, with an image cache in the state directory when it has none.
    func backendWithImageCache() -> LibvirtObjectBackend {
        var backend = self.backend
        if backend.images == nil { backend.images = ImageCache(directory: store.location.directory.appendingPathComponent("images")) }
        return backend
    }

    private static func state(after operation: String?) -> NodeInstanceState? {
        switch operation {
        case "create": .created
        case "configure": .configured
        case "start": .started
        case "stop": .stopped
        case "delete": .deleted
        default: nil
        }
    }
}
