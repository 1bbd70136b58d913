import Blueprint
import Diagnostics
import Platform
import Planner
import StateStore
import YAMLSource

/// Why `bluevirt run` refuses before anything runs; the diagnostics say what to do.
public struct WorkflowRefused: Error, Sendable {
    public var diagnostics: [Diagnostic]

    /// BV0879: the blueprint, inputs or connections run is given make other objects than those
    /// deployment `name` was applied with. `inputsRecorded`: the state keeps the inputs it was
    /// applied with (run uses them when given none); a deployment an older bluevirt applied needs
    /// them given again.
    static func changedSinceApply(deployment name: String, workflow: String, inputsRecorded: Bool) -> WorkflowRefused {
        let advice = inputsRecorded
            ? "give run the blueprint and --connect of apply, and no --inputs or --input (it then uses the inputs the deployment was applied with); to change the deployment, apply the change first (bluevirt plan shows what it changes)"
            : "give run the same blueprint, --inputs, --input and --connect as apply; to change the deployment, apply the change first (bluevirt plan shows what it changes)"
        return WorkflowRefused(diagnostics: [.error(
            .deploymentChangedSinceApply,
            "the blueprint, its inputs or the connections differ from what deployment '\(name)' was applied with, so workflow '\(workflow)' cannot act on it",
            at: WorkflowCall.commandLineRange, notes: [DiagnosticNote(advice)])])
    }
}

extension DeploymentRunner {
    /// Runs workflow `call` on an applied deployment: `run` is the blueprint planned again with
    /// the inputs it was applied with (the documents must be the ones recorded at apply;
    /// `appliedInputs` are what install and scale record, as apply does). The
    /// connections are the recorded ones, simulated if the deployment was applied with
    /// `--simulate`. Install and uninstall are `apply` and `destroy`, scale an apply of new counts;
    /// every workflow but those two is recorded as an execution of its own, with its parameters,
    /// steps and events.
    public func run(_ call: WorkflowCall, blueprint: Blueprint, blueprintPath: String, run: DryRun, inputsText: String,
                    appliedInputs: [String: JSONValue]? = nil, connect: String?) async throws -> RunReport {
        let name = run.deployment
        guard let deployment = try store.deployment(named: name) else {
            throw try DeploymentProblem.unknownDeployment(name, in: store)
        }
        let simulated = SimulatedWorlds.holdDeployment(of: try store.nodeInstances(deployment: name))
        switch call.kind {
        case .install:
            return try await apply(blueprint: blueprint, blueprintPath: blueprintPath, run: run, inputsText: inputsText,
                                   appliedInputs: appliedInputs, connections: ConnectionChoice(connect: connect, simulate: simulated))
        case .uninstall:
            return try await destroy(deployment: name)
        case .scale:
            // An update with the entity's count changed; the count is kept in the state.
            guard case .string(let entity)? = call.parameters["scalable_entity_name"] else {
                throw WorkflowRefused(diagnostics: [.error(.missingWorkflowParameter, "workflow 'scale' needs parameter 'scalable_entity_name'",
                                                           at: WorkflowCall.commandLineRange,
                                                           notes: [DiagnosticNote("give the node or scaling group to scale: -p scalable_entity_name=NAME")])])
            }
            var delta = 1
            if case .integer(let given)? = call.parameters["delta"] { delta = Int(given) }
            return try await scale(blueprint: blueprint, blueprintPath: blueprintPath, run: run, inputsText: inputsText,
                                   appliedInputs: appliedInputs, entity: entity, delta: delta, scaleCompute: call.parameters["scale_compute"] == .bool(true),
                                   parameters: call.parameters, connections: ConnectionChoice(connect: connect, simulate: simulated))
        default:
            let mask = blueprint.secrets.mask.keepingNames(of: blueprint, path: blueprintPath, deployment: name)
            return try await masking(mask).dayTwo(call, blueprint: blueprint, blueprintPath: blueprintPath, run: run,
                                                  recorded: deployment, connect: connect, simulated: simulated)
        }
    }

    private func dayTwo(_ call: WorkflowCall, blueprint: Blueprint, blueprintPath: String, run declared: DryRun, recorded: Deployment,
                        connect: String?, simulated: Bool) async throws -> RunReport {
        // The instance counts a scale set are part of what was applied.
        let run = try scaledRun(declared, blueprint: blueprint, connect: connect).run
        guard let plan = run.plan else { throw DeploymentProblem.noPlan(deployment: run.deployment) }
        let name = run.deployment
        let lock = try writerLock(of: name)
        defer { lock.release() }
        try closeInterrupted(name, lock: lock)

        let worlds = SimulatedWorlds(stateDirectory: store.location.directory, deployment: name)
        let choice = ConnectionChoice(connect: connect, simulate: simulated)
        let made = Self.managedObjects(of: run, blueprint: blueprint) { Self.route($0, choice: choice, worlds: worlds) }
        guard Self.digest(of: made.objects, run: run) == recorded.blueprintDigest else {
            throw WorkflowRefused.changedSinceApply(deployment: name, workflow: call.name, inputsRecorded: recorded.appliedInputs != nil)
        }
        var records = try store.nodeInstances(deployment: name)
        // An older bluevirt left instances without a start `created` or `uninitialized` after
        // their install: started, as they are now, so that the workflow acts on them.
        let leftShort = try store.deployment(named: name)?.status == .installed
            ? LifecycleCompletion.leftShortOfStarted(plan: plan, records: records) : []
        if !leftShort.isEmpty {
            try store.setState(.started, deployment: name, instances: leftShort)
            records = try store.nodeInstances(deployment: name)
        }
        let graph: WorkGraph
        var workflowGraph = WorkflowGraph(plan: plan, blueprint: blueprint,
                                          records: Dictionary(records.map { ($0.instanceID, $0) }, uniquingKeysWith: { first, _ in first }))
        if case .script = call.kind {
            graph = WorkGraph(steps: [])
        } else {
            do {
                graph = try workflowGraph.build(call)
            } catch {
                throw WorkflowRefused(diagnostics: error.diagnostics)
            }
        }

        if simulated { try SimulatedWorlds.keepLeases(of: made.objects.values.map(\.connection)) }
        let execution = try store.startExecution(deployment: name, workflow: Workflow(rawValue: call.name), parameters: .object(call.parameters))
        var performer = StepPerformer(
            deployment: name, store: store, backend: backendWithImageCache(), objects: made.objects,
            blueprint: StepPerformer.ApplyContext(
                deployment: name, blueprint: blueprint, plan: plan, documents: run.documents,
                blueprintChanged: false, uninstall: WorkGraph(plan.uninstall, blueprint: blueprint)),
            blueprintDirectory: URL(fileURLWithPath: blueprintPath).deletingLastPathComponent().standardizedFileURL,
            scripts: scripts, execution: execution.id, mask: mask, simulated: simulated, progress: progress)
        performer.workflow = call.name

        if case .script(let path) = call.kind {
            return try await runScriptWorkflow(path, call: call, performer: performer, execution: execution.id, deployment: name)
        }
        if graph.steps.isEmpty {
            // Its operations may be there, on instances never made (or deleted) that it passes over.
            workflowGraph.passesOverUnmade = false
            let unmade = Set(((try? workflowGraph.build(call)) ?? WorkGraph(steps: [])).steps.map(\.instance)).sorted()
            progress(ProgressEvent(kind: .note, message: unmade.isEmpty
                ? "workflow '\(call.name)' has nothing to do: no instance of deployment '\(name)' implements its operations"
                : "workflow '\(call.name)' has nothing to do: the instances that implement its operations (\(unmade.joined(separator: ", "))) were never made or are deleted; bluevirt status -d \(name) shows their states"))
        }
        if call.kind == .configurationUpdate, let note = WorkflowGraph.configurationUpdateNote(graph, parameters: call.parameters) {
            progress(ProgressEvent(kind: .note, message: note))
        }
        // Every step's start is recorded: history shows how long each took.
        let outcome = await execute(graph, performer: performer, execution: execution.id, finished: [], properties: records,
                                    parameters: made.parameters, dayTwo: true)
        try await SimulatedWorlds.save(made.objects.values.map(\.connection), connections: backend.connections)
        // A healed instance without a start is started, as after its install.
        if call.kind == .heal, outcome.succeeded {
            try startInstancesLeftShort(of: plan, records: try store.nodeInstances(deployment: name, recordedPlans: false), deployment: name)
        }
        // A heal or restart may have given a domain a new address, also when a later step failed.
        if outcome.ran > 0 { try recordOutputs(of: blueprint, deployment: name) }
        guard outcome.succeeded else {
            var report = try finishUnsuccessful(outcome, execution: execution.id, deployment: name)
            report.workflow = call.name
            return report
        }
        try store.finishExecution(execution.id, status: .succeeded)
        var report = RunReport(deployment: name, result: .completed, ran: outcome.ran, skipped: outcome.skipped)
        report.workflow = call.name
        return report
    }

    /// A blueprint's own workflow whose mapping is a script: run once, on this host, with the
    /// workflow's parameters as its inputs and `ctx` (no node instance: `ctx.workflow_id` and
    /// `ctx.deployment.id` say where it runs).
    private func runScriptWorkflow(_ path: String, call: WorkflowCall, performer: StepPerformer, execution: Int64,
                                   deployment name: String) async throws -> RunReport {
        let step = "workflow/\(call.name)"
        let progress = self.progress
        let store = self.store
        let mask = self.mask
        progress(ProgressEvent(kind: .started, step: step, message: "\(call.name) (\(path))"))
        try store.recordEvent(execution: execution, kind: .stepStarted, message: "\(step) started", step: step)
        var context = OperationContext(
            deployment: name, blueprintDirectory: performer.blueprintDirectory, nodeName: "", nodeType: "", instanceID: "",
            operation: call.name, nodeProperties: [:], inputs: call.parameters, runtimeProperties: [:], timeout: nil, store: store,
            log: { line in
                progress(ProgressEvent(kind: .note, step: step, message: line))
                try? store.recordEvent(execution: execution, kind: .note, message: mask(line), step: step)
            })
        context.logger = { line in
            progress(ProgressEvent(kind: .note, step: step, message: line.shown, level: line.level))
            try? store.recordEvent(execution: execution, kind: .note, message: mask(line.shown), step: step)
        }
        context.workflow = call.name
        context.executionID = String(execution)
        var report = RunReport(deployment: name, result: .completed, ran: 1)
        report.workflow = call.name
        do {
            let file: URL
            switch ResourcePath.resolve(path, inside: performer.blueprintDirectory.path) {
            case .success(let resolved): file = URL(fileURLWithPath: resolved)
            case .failure(let problem):
                throw BackendProblem("the workflow's script \(ResourcePath.explain(problem, path: path, base: performer.blueprintDirectory.path))")
            }
            _ = try await scripts.run(script: file, context: context)
        } catch {
            let message = mask(FileErrorText.of(error))
            try store.recordEvent(execution: execution, kind: .stepFailed, message: message, step: step)
            progress(ProgressEvent(kind: .failed, step: step, message: message))
            try store.finishExecution(execution, status: .failed, error: message)
            report.result = .failed
            report.failures = [.workflow(name: call.name, message: message)]
            return report
        }
        try store.recordEvent(execution: execution, kind: .stepFinished, message: "\(step) finished", step: step)
        progress(ProgressEvent(kind: .finished, step: step, message: call.name))
        try store.finishExecution(execution, status: .succeeded)
        return report
    }
}
