import Blueprint
import Foundation
import LibvirtBackend
import Planner
import StateStore

/// Runs `apply` and `destroy` of one deployment against libvirt and records every step in the
/// state store as it finishes, so that a failed or interrupted run resumes where it stopped.
public struct DeploymentRunner: Sendable {
    public let store: StateStore
    public let backend: LibvirtObjectBackend
    public var parallelism: Int
    public let progress: @Sendable (ProgressEvent) -> Void

    public init(store: StateStore, backend: LibvirtObjectBackend = LibvirtObjectBackend(), parallelism: Int = 8,
                progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in }) {
        self.store = store
        self.backend = backend
        self.parallelism = parallelism
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
    public func apply(blueprint: Blueprint, blueprintPath: String, run: DryRun, inputsText: String,
                      connections choice: ConnectionChoice) async throws -> RunReport {
        guard let plan = run.plan else { throw DeploymentProblem("deployment '\(run.deployment)' has no plan; see the diagnostics") }
        let name = run.deployment
        let lock = try store.acquireWriterLock(deployment: name)
        defer { lock.release() }
        try closeInterrupted(name, lock: lock)

        let worlds = SimulatedWorlds(stateDirectory: store.location.directory, deployment: name)
        var objects: [String: ManagedObject] = [:]
        for object in run.documents.objects {
            var uri = object.connection
            if let connect = choice.connect, uri == DeploymentDocuments.defaultConnection { uri = connect }
            if choice.simulate { uri = worlds.testURI(for: uri) }
            objects[object.instance] = ManagedObject(
                kind: object.kind, name: object.name, connection: uri, pool: object.pool, xml: object.xml,
                adopted: object.isExternal, deployment: name, instance: object.instance)
        }
        let digest = ContentDigest.of(objects.values.sorted { $0.instance < $1.instance }.flatMap { [$0.instance, $0.name, $0.connection, $0.xml ?? "", "\($0.adopted)"] }
            + plan.install.steps.map(\.description))
        if let existing = try store.deployment(named: name), existing.status == .installed {
            guard existing.blueprintDigest == digest else {
                throw DeploymentProblem("""
                    deployment '\(name)' is installed with other documents (the blueprint, its inputs or the connections \
                    changed); bluevirt cannot update a deployment yet: run 'bluevirt destroy -d \(name)' first, or apply \
                    under another name with -d
                    """)
            }
            progress(ProgressEvent(kind: .note, message: "deployment '\(name)' is installed and unchanged: nothing to do"))
            return RunReport(deployment: name, result: .unchanged, outputs: try store.outputs(deployment: name))
        }

        try store.saveDeployment(name: name, blueprintPath: blueprintPath, blueprintDigest: digest, inputsDigest: ContentDigest.of([inputsText]))
        try store.registerNodeInstances(plan.instances.map { instance in
            let object = objects[instance.id]
            return NodeInstanceRecord(
                deployment: name, instanceID: instance.id, nodeName: instance.nodeName,
                type: blueprint.nodeTemplates[instance.nodeName]?.type ?? "",
                connectionURI: object?.connection, objectKind: object?.kind.rawValue, objectName: object?.name,
                adopted: object?.adopted ?? false)
        })
        if choice.simulate { try worlds.prepare(Set(objects.values.map(\.connection))) }

        let known = try store.nodeInstances(deployment: name)
        let execution = try store.startExecution(deployment: name, workflow: .install)
        let resume = try store.resumePoint(deployment: name, workflow: .install)
        let outcome = await execute(WorkGraph(plan.install), objects: objects, execution: execution.id,
                                    finished: resume.finishedSteps, properties: known)
        try await SimulatedWorlds.save(objects.values.map(\.connection), connections: backend.connections)

        guard outcome.succeeded else {
            try store.finishExecution(execution.id, status: .failed, error: outcome.failures.map(\.description).joined(separator: "; "))
            return RunReport(deployment: name, result: .failed, ran: outcome.ran, skipped: outcome.skipped, failures: outcome.failures)
        }
        let outputs = OutputResolver(blueprint: blueprint, instances: try store.nodeInstances(deployment: name)).outputs()
        try store.saveOutputs(outputs, deployment: name)
        try store.finishExecution(execution.id, status: .succeeded)
        return RunReport(deployment: name, result: .applied, ran: outcome.ran, skipped: outcome.skipped, outputs: outputs)
    }

    // MARK: destroy

    /// Uninstalls the deployment with the connections recorded at apply: domains first, then
    /// volumes, pools and networks. Objects already gone are fine; adopted objects stay.
    public func destroy(deployment name: String) async throws -> RunReport {
        guard try store.deployment(named: name) != nil else {
            let known = try store.deployments().map(\.name)
            throw DeploymentProblem("""
                there is no deployment '\(name)' in \(store.location.directory.path)\
                \(known.isEmpty ? "" : " (there are: \(known.joined(separator: ", ")))"); check -d and --state-dir
                """)
        }
        let lock = try store.acquireWriterLock(deployment: name)
        defer { lock.release() }
        try closeInterrupted(name, lock: lock)

        let records = try store.nodeInstances(deployment: name)
        var objects: [String: ManagedObject] = [:]
        for record in records {
            guard let kindName = record.objectKind, let kind = LibvirtObjectKind(rawValue: kindName),
                  let objectName = record.objectName, let connection = record.connectionURI else { continue }
            var pool: String?
            if case .string(let text)? = record.runtimeProperties["pool"] { pool = text }
            objects[record.instanceID] = ManagedObject(
                kind: kind, name: objectName, connection: connection, pool: pool, xml: nil,
                adopted: record.adopted, deployment: name, instance: record.instanceID)
        }
        let execution = try store.startExecution(deployment: name, workflow: .uninstall)
        let resume = try store.resumePoint(deployment: name, workflow: .uninstall)
        let graph = Self.uninstallGraph(records.filter { objects[$0.instanceID] != nil && $0.state != .uninitialized })
        let outcome = await execute(graph, objects: objects, execution: execution.id, finished: resume.finishedSteps, properties: records)
        try await SimulatedWorlds.save(objects.values.map(\.connection), connections: backend.connections)
        guard outcome.succeeded else {
            try store.finishExecution(execution.id, status: .failed, error: outcome.failures.map(\.description).joined(separator: "; "))
            return RunReport(deployment: name, result: .failed, ran: outcome.ran, skipped: outcome.skipped, failures: outcome.failures)
        }
        try store.finishExecution(execution.id, status: .succeeded)
        return RunReport(deployment: name, result: .destroyed, ran: outcome.ran, skipped: outcome.skipped)
    }

    /// Uninstall order by kind: every domain is stopped and deleted before any volume goes,
    /// volumes before pools, pools before networks.
    static func uninstallGraph(_ records: [NodeInstanceRecord]) -> WorkGraph {
        let tiers: [[LibvirtObjectKind]] = [[.domain], [.volume, .iso9660], [.pool], [.network]]
        var steps: [WorkStep] = []
        var previousEnds: [Int] = []
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

    // MARK: shared

    private func closeInterrupted(_ name: String, lock: WriterLock) throws {
        if let note = lock.takeoverNote { progress(ProgressEvent(kind: .note, message: note)) }
        try store.closeInterruptedExecutions(deployment: name, reason: lock.takeoverNote ?? "an earlier run ended without finishing")
    }

    private func execute(_ graph: WorkGraph, objects: [String: ManagedObject], execution: Int64, finished: Set<String>,
                         properties records: [NodeInstanceRecord]) async -> Executor.Outcome {
        let backend = self.backend
        let store = self.store
        let progress = self.progress
        let initial = Dictionary(records.map { ($0.instanceID, $0.runtimeProperties) }, uniquingKeysWith: { _, last in last })
        return await Executor(parallelism: parallelism).run(
            graph, alreadyFinished: finished, runtimeProperties: initial,
            perform: { step, _ in
                let object = objects[step.instance]
                do {
                    return try await Self.perform(step.operation, on: object, backend: backend)
                } catch let failure as OperationFailure {
                    throw failure
                } catch {
                    throw OperationFailure(instance: step.instance, step: step.key, object: object?.label, message: "\(error)")
                }
            },
            record: { records in
                var done: [FinishedStep] = []
                for record in records {
                    switch record {
                    case .started(let step):
                        if step.operation == .create {
                            try store.recordStepStarted(execution: execution, instance: step.instance, step: step.key, state: .creating)
                        }
                        progress(ProgressEvent(kind: .started, instance: step.instance, step: step.key, message: step.description))
                    case .finished(let step, let properties):
                        done.append(FinishedStep(instance: step.instance, step: step.key, state: Self.state(after: step.operation),
                                                 runtimeProperties: properties))
                        progress(ProgressEvent(kind: .finished, instance: step.instance, step: step.key, message: step.description))
                    case .failed(let step, let failure):
                        try store.recordStepsFinished(execution: execution, done)
                        done = []
                        try store.recordStepFailed(execution: execution, instance: step.instance, step: step.key, error: failure.description)
                        progress(ProgressEvent(kind: .failed, instance: step.instance, step: step.key, message: failure.description))
                    }
                }
                try store.recordStepsFinished(execution: execution, done)
            })
    }

    private static func perform(_ operation: WorkOperation, on object: ManagedObject?, backend: LibvirtObjectBackend) async throws -> [String: JSONValue] {
        if case .unsupported(let implementation) = operation {
            throw BackendProblem("bluevirt runs only the libvirt plugin's operations; '\(implementation)' cannot run")
        }
        guard let object else { return [:] }
        switch operation {
        case .create: return try await backend.create(object)
        case .configure: return try await backend.configure(object)
        case .start: return try await backend.start(object)
        case .stop: try await backend.stop(object)
        case .delete: try await backend.delete(object)
        case .relationship, .unsupported: break
        }
        return [:]
    }

    private static func state(after operation: WorkOperation) -> NodeInstanceState? {
        switch operation {
        case .create: .created
        case .configure: .configured
        case .start: .started
        case .stop: .stopping
        case .delete: .deleted
        case .relationship, .unsupported: nil
        }
    }
}
