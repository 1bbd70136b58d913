import Blueprint
import Diagnostics
import Platform
import Planner
import StateStore

/// The steps of a workflow besides install and uninstall, ordered as Cloudify orders them:
/// start, stop and restart run the lifecycle operation on the selected instances (in dependency
/// order, stop and the stopping half of restart in reverse); execute_operation any operation;
/// heal uninstalls and installs again an instance and what it contains; the utilities plugin's
/// workflows run their operation on every instance that has it, one after the other (its custom
/// workflow the operations and nodes it is given, in their order).
struct WorkflowGraph {
    let plan: DeploymentPlan
    let blueprint: Blueprint
    /// The recorded instances: those never made (or deleted) have nothing a day-two operation
    /// could act on, and are left out (except by heal, which makes them, and execute_operation,
    /// which as Cloudify's selects by node, instance and type only).
    let records: [String: NodeInstanceRecord]
    /// false: instances never made are taken too (to tell why a workflow has nothing to do).
    var passesOverUnmade = true

    /// Why the workflow cannot run with these parameters.
    struct Refusal: Error {
        var diagnostics: [Diagnostic]
    }

    func build(_ call: WorkflowCall) throws(Refusal) -> WorkGraph {
        let parameters = call.parameters
        switch call.kind {
        case .start:
            let selected = try selection(parameters)
            return lifecycle([.start], selected, forward: true, ordered: Self.flag(parameters["run_by_dependency_order"]),
                             kwargs: Self.mapping(parameters["operation_parms"]))
        case .stop:
            let selected = try selection(parameters)
            return lifecycle([.stop], selected, forward: false, ordered: Self.flag(parameters["run_by_dependency_order"]),
                             kwargs: Self.mapping(parameters["operation_parms"]))
        case .restart:
            let selected = try selection(parameters)
            let ordered = Self.flag(parameters["run_by_dependency_order"])
            var graph = lifecycle([.stop], selected, forward: false, ordered: ordered, kwargs: Self.mapping(parameters["stop_parms"]))
            let starting = lifecycle([.start], selected, forward: true, ordered: ordered, kwargs: Self.mapping(parameters["start_parms"]))
            graph.append(starting, after: Array(graph.steps.indices))
            return graph
        case .executeOperation:
            return try executeOperation(parameters)
        case .heal:
            return try heal(parameters)
        case .suspend:
            return sequence(["cloudify.interfaces.lifecycle.suspend", "cloudify.interfaces.freeze.suspend"], kwargs: parameters)
        case .resume:
            return sequence(["cloudify.interfaces.freeze.resume", "cloudify.interfaces.lifecycle.resume"], kwargs: parameters)
        case .statistics:
            return sequence(["cloudify.interfaces.statistics.perfomance"], kwargs: parameters)
        case .backup:
            var kwargs = parameters
            if !PythonTruth.of(kwargs["snapshot_name"]) { kwargs["snapshot_name"] = .string("backup-\(Int(Date().timeIntervalSince1970))") }
            if !PythonTruth.of(kwargs["snapshot_type"]) { kwargs["snapshot_type"] = .string("irregular") }
            if kwargs["snapshot_incremental"] == nil { kwargs["snapshot_incremental"] = .bool(true) }
            return backupSequence("cloudify.interfaces.snapshot.create", kwargs: kwargs)
        case .restore, .removeBackup:
            guard PythonTruth.of(parameters["snapshot_name"]) else {
                throw Refusal(diagnostics: [.error(.backupNameMissing, "Backup name must be provided: workflow '\(call.name)' needs a snapshot_name",
                                                   at: WorkflowCall.commandLineRange,
                                                   notes: [DiagnosticNote("give the name the backup was made with: -p snapshot_name=NAME (bluevirt backups -d DEPLOYMENT lists them; bluevirt history -d DEPLOYMENT shows the backups run)")])])
            }
            var kwargs = parameters
            if kwargs["snapshot_incremental"] == nil { kwargs["snapshot_incremental"] = .bool(true) }
            let operation = call.kind == .restore ? "cloudify.interfaces.snapshot.apply" : "cloudify.interfaces.snapshot.delete"
            return call.kind == .restore ? backupSequence(operation, kwargs: kwargs) : sequence([operation], kwargs: kwargs)
        case .customSequence:
            return try customSequence(parameters)
        case .configurationUpdate:
            return try configurationUpdate(parameters)
        case .install, .uninstall, .scale, .script, .unsupported:
            return WorkGraph(steps: [])
        }
    }

    // MARK: start, stop, restart, execute_operation

    /// The instances `node_ids`, `node_instance_ids` and `type_names` select (each empty list
    /// selects all; an instance must match every list given), in install order; with
    /// `madeOnly`, of those the ones whose object was made.
    private func selection(_ parameters: [String: JSONValue], madeOnly: Bool = true) throws(Refusal) -> [NodeInstance] {
        let nodeIDs = Self.names(parameters["node_ids"])
        let instanceIDs = Self.names(parameters["node_instance_ids"])
        let typeNames = Self.names(parameters["type_names"])
        var problems: [Diagnostic] = []
        let nodes = Set(plan.instances.map(\.nodeName))
        let instances = Set(plan.instances.map(\.id))
        for name in nodeIDs where !nodes.contains(name) {
            problems.append(unknownTarget("node_ids names '\(name)', which is no node of the deployment", known: nodes, name: name))
        }
        for name in instanceIDs where !instances.contains(name) {
            problems.append(unknownTarget("node_instance_ids names '\(name)', which is no instance of the deployment", known: instances, name: name))
        }
        guard problems.isEmpty else { throw Refusal(diagnostics: problems) }
        return plan.instances.filter { instance in
            (nodeIDs.isEmpty || nodeIDs.contains(instance.nodeName))
                && (instanceIDs.isEmpty || instanceIDs.contains(instance.id))
                && (typeNames.isEmpty || typeNames.contains { blueprint.nodeTemplates[instance.nodeName]?.typeHierarchy.contains($0) ?? false })
                && (!madeOnly || exists(instance.id))
        }
    }

    private func executeOperation(_ parameters: [String: JSONValue]) throws(Refusal) -> WorkGraph {
        guard case .string(let full)? = parameters["operation"], let dot = full.lastIndex(of: "."), dot != full.startIndex else {
            let known = implementedOperations(of: blueprint.nodeTemplates.names)
            throw Refusal(diagnostics: [.error(.operationNotFound, "execute_operation needs 'operation' as INTERFACE.OPERATION, e.g. cloudify.interfaces.lifecycle.start",
                                               at: WorkflowCall.commandLineRange,
                                               notes: [DiagnosticNote(known.isEmpty ? "no node of the deployment implements an operation"
                                                                      : "give -p operation= one of the deployment's operations: \(known.joined(separator: ", "))")])])
        }
        let interface = String(full[..<dot])
        let name = String(full[full.index(after: dot)...])
        let selected = try selection(parameters, madeOnly: false)
        let kind = Self.kind(interface: interface, operation: name)
        let kwargs = Self.mapping(parameters["operation_kwargs"])
        let graph = lifecycle([kind], selected, forward: true, ordered: Self.flag(parameters["run_by_dependency_order"]), kwargs: kwargs)
        if !Self.flag(parameters["allow_kwargs_override"]) {
            // As Cloudify: a kwarg that redefines an input the operation declares needs consent.
            let redefined = Set(graph.steps.flatMap { step in
                step.source.flatMap { OperationLookup.definition(of: $0, in: blueprint) }.map { Set($0.inputs.names) }?
                    .intersection(kwargs.keys) ?? []
            }).sorted()
            if !redefined.isEmpty {
                throw Refusal(diagnostics: [.error(.kwargsRedefineInputs, "operation_kwargs redefine the input\(redefined.count == 1 ? "" : "s") \(redefined.joined(separator: ", ")) of operation '\(full)'",
                                                   at: WorkflowCall.commandLineRange,
                                                   notes: [DiagnosticNote("to allow redefinition, pass -p allow_kwargs_override=true")])])
            }
        }
        guard graph.steps.isEmpty, !selected.isEmpty else { return graph }
        let known = implementedOperations(of: Set(selected.map(\.nodeName)))
        var notes: [DiagnosticNote] = []
        if let suggestion = DidYouMean.suggestion(for: full, among: known) { notes.append(DiagnosticNote("did you mean '\(suggestion)'?")) }
        notes.append(DiagnosticNote(notes.isEmpty ? "give -p operation= one of the selected nodes' operations: \(known.joined(separator: ", "))"
                                    : "the selected nodes' operations: \(known.joined(separator: ", "))"))
        throw Refusal(diagnostics: [.error(.operationNotFound, "no selected node has operation '\(full)' with an implementation",
                                           at: WorkflowCall.commandLineRange, notes: notes)])
    }

    /// The full names (INTERFACE.OPERATION) of the operations with an implementation that the
    /// node templates `nodes` have, sorted.
    private func implementedOperations(of nodes: some Sequence<String>) -> [String] {
        Set(nodes.flatMap { node in
            (blueprint.nodeTemplates[node]?.interfaces.elements ?? []).flatMap { interface in
                interface.operations.elements.filter { !($0.implementation ?? "").isEmpty }.map { "\(interface.name).\($0.name)" }
            }
        }).sorted()
    }

    /// One step per instance and kind (where the node implements it); `ordered`: each instance
    /// after the instances it has relationships to (`forward`) or that have relationships to
    /// it; else all at once.
    private func lifecycle(_ kinds: [StepKind], _ instances: [NodeInstance], forward: Bool, ordered: Bool,
                           kwargs: [String: JSONValue]) -> WorkGraph {
        var graph = WorkGraph(steps: [])
        var ends: [String: [Int]] = [:]
        let chosen = Set(instances.map(\.id))
        var dependents: [String: [String]] = [:]
        for instance in instances {
            for relationship in instance.relationships where chosen.contains(relationship.targetInstanceId) {
                dependents[relationship.targetInstanceId, default: []].append(instance.id)
            }
        }
        for instance in forward ? instances : instances.reversed() {
            var waitsFor: [Int] = []
            if ordered {
                let before = forward ? instance.relationships.map(\.targetInstanceId) : dependents[instance.id] ?? []
                waitsFor = Array(Set(before.flatMap { ends[$0] ?? [] })).sorted()
            }
            for kind in kinds {
                guard let planned = planStep(instance, kind, position: graph.steps.count) else { continue }
                var step = WorkStep(planned: planned, dependencies: waitsFor, blueprint: blueprint)
                step.kwargs = kwargs
                graph.steps.append(step)
                waitsFor = [graph.steps.count - 1]
            }
            ends[instance.id] = waitsFor
        }
        return graph
    }

    // MARK: heal

    /// Cloudify's heal (auto_heal_reinstall_node_subgraph): the instance and every instance
    /// contained in it are uninstalled (objects already gone are fine; with `ignore_failure`,
    /// the default, a failing uninstall operation is passed over) and installed again, with
    /// their relationships' operations, as the deployment's own plans say.
    private func heal(_ parameters: [String: JSONValue]) throws(Refusal) -> WorkGraph {
        let ids = Set(plan.instances.map(\.id))
        guard case .string(let failed)? = parameters["node_instance_id"], ids.contains(failed) else {
            let given = parameters["node_instance_id"].map { $0.jsonText() } ?? "nothing"
            throw Refusal(diagnostics: [unknownTarget("node_instance_id is \(given), which is no instance of the deployment", known: ids,
                                                      name: { if case .string(let text)? = parameters["node_instance_id"] { text } else { "" } }())])
        }
        var subgraph: Set<String> = [failed]
        var grew = true
        while grew {
            grew = false
            for instance in plan.instances where !subgraph.contains(instance.id) {
                if let host = instance.hostInstanceId, subgraph.contains(host) {
                    subgraph.insert(instance.id)
                    grew = true
                }
            }
        }
        var graph = part(of: plan.uninstall, for: subgraph)
        if PythonTruth.of(parameters["ignore_failure"]) {
            for index in graph.steps.indices { graph.steps[index].ignoresFailure = true }
        }
        graph.append(part(of: plan.install, for: subgraph), after: Array(graph.steps.indices))
        return graph
    }

    /// The steps of `graph` that belong to `instances`, and the establish and unlink steps of
    /// other instances' relationships to them (Cloudify re-runs only those of an affected
    /// relationship), in the plan's order: a step waits for the kept steps it waits for in the
    /// plan, also through steps left out (another instance's establish waits, through that
    /// instance's own steps, for the reinstalled target to be started).
    private func part(of graph: OperationGraph, for instances: Set<String>) -> WorkGraph {
        var position: [StepID: Int] = [:]
        // For each step left out, the kept steps it waits for, directly or through others left out.
        var passedOn: [StepID: [Int]] = [:]
        var steps: [WorkStep] = []
        for step in graph.steps {
            var waitsFor: Set<Int> = []
            for dependency in graph.dependencies(of: step.id) {
                if let kept = position[dependency] { waitsFor.insert(kept) } else { waitsFor.formUnion(passedOn[dependency] ?? []) }
            }
            guard instances.contains(step.instanceId) || Self.relinks(step, instances) else {
                if !waitsFor.isEmpty { passedOn[step.id] = waitsFor.sorted() }
                continue
            }
            position[step.id] = steps.count
            steps.append(WorkStep(planned: step, dependencies: waitsFor.sorted(), blueprint: blueprint))
        }
        return WorkGraph(steps: steps)
    }

    private static func relinks(_ step: PlanStep, _ instances: Set<String>) -> Bool {
        guard let target = step.targetInstanceId, instances.contains(target) else { return false }
        switch step.kind {
        case .establish, .unlink: return true
        default: return false
        }
    }

    // MARK: the utilities plugin's workflows

    /// The plugin's `_run_operation` for each operation in turn: every instance whose node has
    /// it, one after the other, with the workflow's parameters as the operation's inputs.
    private func sequence(_ operations: [String], kwargs: [String: JSONValue]) -> WorkGraph {
        var graph = WorkGraph(steps: [])
        for operation in operations {
            guard let dot = operation.lastIndex(of: ".") else { continue }
            let kind = StepKind.operation(interface: String(operation[..<dot]), name: String(operation[operation.index(after: dot)...]))
            for instance in plan.instances where exists(instance.id) {
                guard let planned = planStep(instance, kind, position: graph.steps.count) else { continue }
                var step = WorkStep(planned: planned, dependencies: graph.steps.isEmpty ? [] : [graph.steps.count - 1], blueprint: blueprint)
                step.kwargs = kwargs
                graph.steps.append(step)
            }
        }
        return graph
    }

    /// backup and restore: the file systems are frozen around the operation
    /// (`cloudify.interfaces.freeze.fs_prepare`, services before computes, and `fs_finalize`
    /// after, computes first), where a node implements them.
    private func backupSequence(_ operation: String, kwargs: [String: JSONValue]) -> WorkGraph {
        let compute = "cloudify.nodes.Compute"
        let isCompute = { (instance: NodeInstance) in self.blueprint.nodeTemplates[instance.nodeName]?.typeHierarchy.contains(compute) ?? false }
        var graph = freeze("fs_prepare", kwargs: kwargs, order: [false, true], isCompute: isCompute)
        graph.append(sequence([operation], kwargs: kwargs), after: graph.lastStep)
        graph.append(freeze("fs_finalize", kwargs: kwargs, order: [true, false], isCompute: isCompute), after: graph.lastStep)
        return graph
    }

    private func freeze(_ name: String, kwargs: [String: JSONValue], order: [Bool], isCompute: (NodeInstance) -> Bool) -> WorkGraph {
        var graph = WorkGraph(steps: [])
        for computes in order {
            for instance in plan.instances where exists(instance.id) && isCompute(instance) == computes {
                guard let planned = planStep(instance, .operation(interface: "cloudify.interfaces.freeze", name: name), position: graph.steps.count) else { continue }
                var step = WorkStep(planned: planned, dependencies: graph.steps.isEmpty ? [] : [graph.steps.count - 1], blueprint: blueprint)
                step.kwargs = kwargs
                graph.steps.append(step)
            }
        }
        return graph
    }

    // MARK: helpers

    /// The planned step of `kind` for `instance`; nil when its node does not implement it.
    func planStep(_ instance: NodeInstance, _ kind: StepKind, position: Int) -> PlanStep? {
        guard let templateIndex = blueprint.nodeTemplates.position(of: instance.nodeName),
              let implementation = blueprint.nodeTemplates.elements[templateIndex].interfaces
                  .withOperation(kind.operationName, of: kind.interfaceName, { $0.implementation }),
              !implementation.isEmpty else { return nil }
        let label = if case .operation(let interface, let name) = kind { "\(interface).\(name)" } else { kind.operationName }
        return PlanStep(id: StepID(position), instanceId: instance.id, nodeName: instance.nodeName, kind: kind,
                        operation: "\(kind.interfaceName).\(kind.operationName)", implementation: implementation,
                        targetInstanceId: nil, description: "\(label) \(instance.id)")
    }

    /// Whether the instance's object was made and not removed since.
    func exists(_ instance: String) -> Bool {
        guard passesOverUnmade else { return true }
        guard let record = records[instance] else { return false }
        return ![.uninitialized, .deleted].contains(record.state)
    }

    /// The step kind of `interface.operation`: the lifecycle's own, or another operation.
    static func kind(interface: String, operation: String) -> StepKind {
        guard interface == PlanStep.lifecycleInterface else { return .operation(interface: interface, name: operation) }
        switch operation {
        case "create": return .create
        case "configure": return .configure
        case "start": return .start
        case "stop": return .stop
        case "delete": return .delete
        default: return .operation(interface: interface, name: operation)
        }
    }

    func unknownTarget(_ message: String, known: Set<String>, name: String) -> Diagnostic {
        var notes: [DiagnosticNote] = []
        if let suggestion = DidYouMean.suggestion(for: name, among: known) { notes.append(DiagnosticNote("did you mean '\(suggestion)'?")) }
        notes.append(DiagnosticNote("the deployment has: \(known.sorted().joined(separator: ", ")) (bluevirt status -d DEPLOYMENT lists them)"))
        return .error(.unknownWorkflowTarget, message, at: WorkflowCall.commandLineRange, notes: notes)
    }

    static func names(_ value: JSONValue?) -> [String] {
        switch value {
        case .array(let items)?: items.compactMap { if case .string(let text) = $0 { text } else { nil } }
        case .string(let text)? where !text.isEmpty: [text]
        default: []
        }
    }

    private static func mapping(_ value: JSONValue?) -> [String: JSONValue] {
        if case .object(let entries)? = value { return entries }
        return [:]
    }

    private static func flag(_ value: JSONValue?) -> Bool { PythonTruth.of(value) }
}

extension WorkGraph {
    /// The last step's position, as a list (empty for an empty graph).
    var lastStep: [Int] { steps.isEmpty ? [] : [steps.count - 1] }

    /// Adds `other`'s steps after this graph's; its steps that wait for nothing wait for `after`.
    mutating func append(_ other: WorkGraph, after: [Int]) {
        let offset = steps.count
        for var step in other.steps {
            step.dependencies = step.dependencies.isEmpty ? after : step.dependencies.map { $0 + offset }
            steps.append(step)
        }
    }
}
