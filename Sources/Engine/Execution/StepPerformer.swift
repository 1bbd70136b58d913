import Blueprint
import Platform
import YAMLSource
import Planner
import StateStore

/// Does one step of a run: libvirt objects through the backend, scripts through
/// ``ScriptRunner``, bluevirt's own operations (ssh keys) directly.
struct StepPerformer: Sendable {
    let deployment: String
    let store: StateStore
    let backend: LibvirtObjectBackend
    let objects: [String: ManagedObject]
    /// What only `apply` has: the blueprint, to evaluate inputs with; nil for `destroy`, which
    /// runs the operations recorded at apply.
    let blueprint: ApplyContext?
    /// Scripts run here; `destroy` uses the blueprint's directory recorded at apply.
    let blueprintDirectory: URL
    let scripts: ScriptRunner
    let execution: Int64?
    /// Hides secret values in the events it records (`progress` masks what it shows).
    let mask: SecretMask
    /// `--simulate`: operations that reach a machine over ssh are recorded as skipped.
    var simulated = false
    /// The workflow scripts see as `ctx.workflow_id`; nil: install (with a blueprint) or uninstall.
    var workflow: String?
    let progress: @Sendable (ProgressEvent) -> Void
    /// The domain documents configure defined in this run (``DefinedDocuments``).
    let defined = DefinedDocuments()

    /// A class: every step binds it, and a copy of the structure retained each of the
    /// blueprint's many fields.
    final class ApplyContext: Sendable {
        let blueprint: Blueprint
        let evaluator: RuntimeEvaluator
        /// The documents' objects by instance (seed images read `attachedTo`).
        let documents: [String: LibvirtObject]
        /// This run resumes one whose blueprint, inputs or connections were different: the
        /// params the earlier run stored hold old values (``RuntimeParams``).
        let blueprintChanged: Bool
        /// `evaluator` that takes each planned object's name for its instance's `resource_id`
        /// while none is recorded (``RuntimeParams``).
        let paramsEvaluator: RuntimeEvaluator
        /// The uninstall plan's steps that run a script or a built-in (stop, unlink, delete), by
        /// instance: recorded for destroy as the instance's steps run (``RecordedOperation``).
        let scriptedUninstallSteps: [String: [WorkStep]]

        /// For a run of `plan`'s instances of `deployment`, whose objects are `documents`'.
        init(deployment: String, blueprint: Blueprint, plan: DeploymentPlan, documents: DeploymentDocuments, blueprintChanged: Bool,
             uninstall: WorkGraph) {
            self.blueprint = blueprint
            let evaluator = RuntimeEvaluator(deployment: deployment, blueprint: blueprint, instances: plan.instances.map(InstanceReference.init))
            self.evaluator = evaluator
            let documents = Dictionary(documents.objects.map { ($0.instance, $0) }, uniquingKeysWith: { first, _ in first })
            self.documents = documents
            self.blueprintChanged = blueprintChanged
            scriptedUninstallSteps = Dictionary(grouping: uninstall.steps.filter { step in
                switch step.operation {
                case .script, .builtin: step.source != nil
                default: false
                }
            }, by: \.instance)
            var named = evaluator
            named.plannedNames = documents
            paramsEvaluator = named
        }
    }

    /// `runtime` gives every instance's runtime properties; it is called only by steps that
    /// read them (scripts, built-ins, seed images), since a copy held while other steps finish
    /// would be copied again by each of them.
    func perform(_ step: WorkStep, runtime: () -> RuntimeSnapshot) async throws -> StepOutput {
        var produced: StepOutput
        switch step.operation {
        case .unsupported(let implementation):
            throw BackendProblem("\(WorkOperation.whatRuns); '\(implementation)' cannot run")
        case .relationship:
            produced = StepOutput()
        case .script(let path):
            produced = try await runScript(path, step: step, runtime: runtime())
        case .builtin(let name):
            produced = StepOutput(try await runBuiltin(name, step: step, runtime: runtime()))
        case .create, .configure, .start, .stop, .delete, .domain:
            produced = StepOutput(try await libvirt(step, runtime: runtime))
        case .backup(let task):
            produced = StepOutput(try await backup(task, step: step, runtime: runtime()))
        }
        if let apply = blueprint, apply.scriptedUninstallSteps[step.instance] != nil {
            let before = runtime()
            let after = before.replacing(step.instance, with: produced.own.applied(to: before[step.instance] ?? [:]))
            let recorded = uninstallOperations(of: step.instance, apply: apply, runtime: after)
            if !recorded.isEmpty { produced.own.set(RecordedOperation.runtimeProperty, to: .array(recorded.map(\.json))) }
        }
        return produced
    }

    /// The runtime properties, with their uninstall operations recorded, of the instances in
    /// `instances` that have some but ran no step at install (a node whose only script is its
    /// delete): destroy runs what apply recorded, and a step is where apply records it.
    func uninstallRecords(of instances: [String], runtime: RuntimeSnapshot) -> [String: [String: JSONValue]] {
        guard let apply = blueprint else { return [:] }
        var records: [String: [String: JSONValue]] = [:]
        for instance in instances where apply.scriptedUninstallSteps[instance] != nil {
            let recorded = uninstallOperations(of: instance, apply: apply, runtime: runtime)
            guard !recorded.isEmpty else { continue }
            var properties = runtime[instance] ?? [:]
            properties[RecordedOperation.runtimeProperty] = .array(recorded.map(\.json))
            records[instance] = properties
        }
        return records
    }

    // MARK: libvirt

    private func libvirt(_ step: WorkStep, runtime: () -> RuntimeSnapshot) async throws -> [String: JSONValue] {
        guard var object = objects[step.instance] else { return [:] }
        switch step.operation {
        case .create:
            var params = try createParams(of: object, step: step, runtime: runtime())
            if object.kind == .iso9660, !object.adopted, let apply = blueprint,
               let template = apply.blueprint.nodeTemplates[OperationLookup.nodeName(ofInstance: step.instance)] {
                let contents = SeedContents(template: template, instance: step.instance, attachedTo: apply.documents[step.instance]?.attachedTo,
                                            evaluator: apply.evaluator, runtime: runtime())
                object.imageBytes = try contents.bytes()
            }
            var produced = try await backend.create(object, progress: { message in note(message, step: step) })
            // The plugin records where a volume is, as params.path (other nodes read it with
            // get_attribute: [NODE, params, path]).
            if object.kind == .volume, params != nil, let path = await backend.volumePath(object) { params?["path"] = .string(path) }
            if let params { produced["params"] = .object(params) }
            return produced
        case .configure:
            guard object.kind == .domain, let apply = blueprint else { return try await backend.configure(object) }
            let params = try RuntimeParams.merged(instance: step.instance, step: step.source, apply: apply, runtime: runtime())
            if !object.adopted { object.xml = try domainDocument(object, params: params, apply: apply) }
            var produced = try await backend.configure(object)
            if let xml = object.xml { defined.keep(xml, params: params, of: step.instance) }
            produced["params"] = .object(params)
            return produced
        case .start:
            guard object.kind == .domain, !object.adopted, let apply = blueprint else { return try await backend.start(object) }
            // The document configure defined, made again from the same params: a resumed run
            // starts the domain as the params say now.
            let params = try RuntimeParams.merged(instance: step.instance, step: step.source, apply: apply, runtime: runtime())
            let document: String
            if let xml = defined.document(of: step.instance, params: params) {
                document = xml
                object.documentIsDefined = true
            } else {
                document = try domainDocument(object, params: params, apply: apply)
            }
            object.xml = document
            if params["wait_for_ip"] == .bool(false) { object.waitForAddresses = false }
            let produced = try await backend.start(object)
            // What the domain is defined with now: status and plan compare its live definition
            // with it. Recorded with the step's finish (``DefinedDocuments/takeStarted(_:)``).
            defined.started(document, of: step.instance)
            return produced
        case .stop: try await backend.stop(object)
        case .delete:
            try await backend.delete(object)
            // As the plugin's delete tasks: the XML backups kept in the runtime properties go
            // with the object (an apply after destroy made 'Snapshot … already exists' otherwise).
            if !object.adopted, [.network, .pool, .volume].contains(object.kind) { return ["backups": .object([:])] }
        case .domain(let action):
            let params = try currentParams(step, runtime: runtime())
            for line in try await backend.perform(action, on: object, params: params) { note(line, step: step) }
            return ["params": .object(params)]
        default: break
        }
        return [:]
    }

    /// The params create records, merged with what the run knows now. A domain's must be
    /// complete (configure renders its document from them); for other kinds, whose documents
    /// the plan rendered, a value not known yet leaves the plan's params to be recorded (nil).
    private func createParams(of object: ManagedObject, step: WorkStep, runtime: RuntimeSnapshot) throws -> [String: JSONValue]? {
        guard let apply = blueprint else { return nil }
        do {
            return try RuntimeParams.merged(instance: step.instance, step: step.source, apply: apply, runtime: runtime)
        } catch where object.kind != .domain {
            return nil
        }
    }

    /// The params a task of the plugin sees now: merged as on every task, with a workflow's
    /// `params` kwarg over them; the recorded ones when there is no blueprint.
    private func currentParams(_ step: WorkStep, runtime: RuntimeSnapshot) throws -> [String: JSONValue] {
        var params: [String: JSONValue] = [:]
        if let apply = blueprint {
            params = try RuntimeParams.merged(instance: step.instance, step: step.source, apply: apply, runtime: runtime)
        } else if case .object(let recorded)? = runtime[step.instance]?["params"] {
            params = recorded
        }
        if case .object(let given)? = step.kwargs["params"] { params.merge(given) { _, new in new } }
        return params
    }

    /// A backup or statistics task of the plugin, with the workflow's snapshot settings.
    private func backup(_ task: BackupTask, step: WorkStep, runtime: RuntimeSnapshot) async throws -> [String: JSONValue] {
        guard let object = objects[step.instance] else {
            throw BackendProblem("instance '\(step.instance)' has no libvirt object to \(task == .statistics ? "sample" : "back up")")
        }
        let context = try context(for: step, runtime: runtime)
        let params = try currentParams(step, runtime: runtime)
        let outcome = try await backend.perform(task, on: object, request: try BackupRequest(
            instance: step.instance, inputs: context.inputs, nodeProperties: context.nodeProperties, params: params,
            runtime: runtime[step.instance] ?? [:], blueprintDirectory: blueprintDirectory))
        for line in outcome.notes { note(line, step: step) }
        return outcome.properties
    }

    private func domainDocument(_ object: ManagedObject, params: [String: JSONValue], apply: ApplyContext) throws -> String {
        // The plan rendered the same values: its text is what rendering them again would give.
        if let planned = apply.documents[object.instance], let xml = planned.xml, planned.name == object.name,
           let values = planned.renderedFrom, values == RuntimeDomainDocument.values(params: params, name: object.name) {
            return xml
        }
        let node = OperationLookup.nodeName(ofInstance: object.instance)
        guard let template = apply.blueprint.nodeTemplates[node] else {
            throw BackendProblem("node template '\(node)' of instance '\(object.instance)' is not in the blueprint (a bug)")
        }
        return try RuntimeDomainDocument(template: template, instance: object.instance, deployment: deployment, apply: apply)
            .render(params: params, name: object.name)
    }

    // MARK: scripts and built-ins

    private func runScript(_ path: String, step: WorkStep, runtime: RuntimeSnapshot) async throws -> StepOutput {
        let context = try context(for: step, runtime: runtime)
        return try await scripts.run(script: try scriptFile(path, inputs: context.inputs), context: context)
    }

    /// The script's file: `path` relative to the blueprint's directory; an empty `path` (the
    /// script plugin's task with a `script_path` given by a function) is that input's value.
    private func scriptFile(_ path: String, inputs: [String: JSONValue]) throws -> URL {
        var path = path
        if path.isEmpty {
            guard case .string(let given)? = inputs["script_path"], !given.isEmpty else {
                throw BackendProblem("\(WorkOperation.scriptRunnerTask) needs its script_path input to name the script, relative to the blueprint")
            }
            path = given
        }
        // The same rule as validate's (BV0129), now for a path an input or function gave.
        switch ResourcePath.resolve(path, inside: blueprintDirectory.path) {
        case .success(let resolved):
            return URL(fileURLWithPath: resolved)
        case .failure(let problem):
            throw BackendProblem("the script \(ResourcePath.explain(problem, path: path, base: blueprintDirectory.path)); "
                                 + "move the script into the blueprint's folder and give its relative path")
        }
    }

    private func runBuiltin(_ name: String, step: WorkStep, runtime: RuntimeSnapshot) async throws -> [String: JSONValue] {
        let context: OperationContext
        do {
            context = try self.context(for: step, runtime: runtime)
        } catch where RemoteTasks.names.contains(name) && (simulated || step.recorded?.simulated == true) {
            let skipped = RemoteTasks.skipWithUnknownInputs(
                name, operation: step.source?.operation ?? step.recorded?.operation ?? step.key,
                runtimeProperties: runtime[step.instance] ?? [:], reason: error)
            note(skipped.note, step: step)
            return skipped.properties
        }
        if RemoteTasks.names.contains(name) {
            // A destroy runs what apply recorded, skipped again when apply was simulated.
            guard simulated || step.recorded?.simulated == true else { return try await RemoteTasks.run(name, context) }
            guard let skipped = RemoteTasks.skip(name, context) else { return [:] }
            note(skipped.note, step: step)
            return skipped.properties
        }
        switch name {
        case "bluevirt.keys.create": return try await SSHKeyOperations.create(context)
        case "bluevirt.keys.delete": try await SSHKeyOperations.delete(context); return [:]
        case CloudConfigOperations.updateTask: return try CloudConfigOperations.update(context, ordered: orderedCloudConfig(step, runtime: runtime))
        case CloudConfigOperations.deleteTask: return [:]
        case RSAKeyOperations.createTask: return try RSAKeyOperations.create(context)
        case RSAKeyOperations.deleteTask: try RSAKeyOperations.delete(context); return [:]
        case ConfigurationOperations.loadTask: return try ConfigurationOperations.load(context)
        case ConfigurationOperations.loadToRuntimePropertiesTask:
            return try ConfigurationOperations.loadToRuntimeProperties(context, keyOrder: configurationKeyOrder(step))
        case CustomWorkflowOperations.logTask: try CustomWorkflowOperations.log(context); return [:]
        default:
            let known = ["bluevirt.keys.create", "bluevirt.keys.delete"] + WorkOperation.pluginTasksRunHere.sorted()
            throw BackendProblem("'\(name)' is no operation bluevirt runs itself; those are \(known.joined(separator: ", "))")
        }
    }

    /// The order Python's dicts give load_from_config's params: the loader's parameters_json,
    /// then the source's params property, as the blueprint writes them; nil for destroy.
    private func configurationKeyOrder(_ step: WorkStep) -> KeyOrder? {
        guard let apply = blueprint, let source = step.source, let target = source.targetInstanceId else { return nil }
        let loader = OperationLookup.nodeName(ofInstance: target)
        let hints = [(loader, target, "parameters_json"), (source.nodeName, step.instance, ConfigurationOperations.paramsProperty)].compactMap { node, instance, name in
            apply.blueprint.nodeTemplates[node]?.properties[name].map { apply.evaluator.preview($0, in: .nodeProperty(node: node), instance: instance) }
        }
        return KeyOrder(hints: hints)
    }

    /// A CloudConfig's resource_config property and input as the blueprint orders them, during
    /// apply; nil for destroy, which has only the recorded JSON.
    private func orderedCloudConfig(_ step: WorkStep, runtime: RuntimeSnapshot) throws -> CloudConfigOperations.OrderedSources? {
        guard let apply = blueprint, let source = step.source, let template = apply.blueprint.nodeTemplates[source.nodeName] else { return nil }
        let node = source.nodeName
        var property: Value?
        if let expression = template.properties["resource_config"] {
            property = try apply.evaluator.evaluate(expression, in: .nodeProperty(node: node), instance: step.instance, runtime: runtime, what: "resource_config")
        }
        var input: Value?
        if let expression = OperationLookup.definition(of: source, in: apply.blueprint)?.inputs["resource_config"] {
            input = try apply.evaluator.evaluate(expression, in: .operationInput(node: node), instance: step.instance, runtime: runtime,
                                                 what: "input 'resource_config' of operation '\(source.kind.operationName)'")
        }
        let lifecycle = template.interfaces[PlanStep.lifecycleInterface]
        let inputHints = ["create", "configure", "start", "stop"].compactMap { name in
            lifecycle?.operations[name]?.inputs["resource_config"].map { apply.evaluator.preview($0, in: .operationInput(node: node), instance: step.instance) }
        }
        return .init(property: property, input: input, keyOrder: KeyOrder(hints: [property].compactMap { $0 } + inputHints))
    }

    /// What a script or built-in gets: from the blueprint during apply, from the recorded
    /// operation during destroy.
    private func context(for step: WorkStep, runtime: RuntimeSnapshot) throws -> OperationContext {
        let record = try store.nodeInstance(deployment: deployment, instanceID: step.instance)
        var context = OperationContext(
            deployment: deployment, blueprintDirectory: blueprintDirectory, nodeName: record?.nodeName ?? OperationLookup.nodeName(ofInstance: step.instance),
            nodeType: record?.type ?? "", instanceID: step.instance, operation: step.source?.operation ?? step.recorded?.operation ?? step.key,
            nodeProperties: [:], inputs: [:], runtimeProperties: runtime[step.instance] ?? [:], timeout: nil, store: store,
            log: { line in note(line, step: step) })
        context.logger = { line in note(line.shown, step: step, level: line.level) }
        context.workflow = workflow ?? (blueprint == nil ? "uninstall" : "install")
        context.executionID = execution.map(String.init)
        context.retryNumber = Executor.attempt
        context.maxRetries = step.retry.maxRetries
        if let recorded = step.recorded {
            context.nodeProperties = recorded.properties
            context.inputs = recorded.inputs
            context.timeout = recorded.timeout.map { .operationWait(seconds: $0) }
            if var relationship = recorded.relationship {
                relationship.source.runtimeProperties = context.runtimeProperties
                relationship.target.runtimeProperties = runtime[relationship.target.instanceID] ?? [:]
                context.relationship = relationship
            }
        } else if let apply = blueprint, let source = step.source {
            context.nodeProperties = apply.evaluator.properties(of: step.instance, runtime: runtime)
            context.hostIP = HostAddress.of(step.instance, apply: apply, runtime: runtime)
            if let definition = OperationLookup.definition(of: source, in: apply.blueprint) {
                context.inputs = try apply.evaluator.inputs(of: definition, instance: step.instance,
                                                            relationshipTarget: source.targetInstanceId, runtime: runtime)
                context.timeout = definition.timeout.map { .operationWait(seconds: $0) }
            }
            context.inputs.merge(step.kwargs) { _, given in given }
            // A relationship's operation sees both ends (Cloudify's ctx.source / ctx.target);
            // the step's instance is the source.
            if source.kind.relationship != nil, let target = source.targetInstanceId {
                let type = apply.blueprint.nodeTemplates[source.nodeName].flatMap { OperationLookup.relationship(of: source, in: $0) }?.type ?? ""
                context.relationship = RelationshipContext(
                    type: type,
                    source: .init(nodeName: context.nodeName, nodeType: context.nodeType, instanceID: step.instance,
                                  nodeProperties: context.nodeProperties, runtimeProperties: context.runtimeProperties, hostIP: context.hostIP),
                    target: end(of: target, apply: apply, runtime: runtime))
                context.relationship?.typeHierarchy = (apply.blueprint.nodeTemplates[source.nodeName]
                    .flatMap { OperationLookup.relationship(of: source, in: $0) }?.typeHierarchy ?? []).reversed()
            } else if let template = apply.blueprint.nodeTemplates[source.nodeName] {
                // Cloudify's ctx.instance.relationships: each relationship to each target instance.
                let related = apply.evaluator.instances[step.instance]?.related ?? [:]
                context.relationships = template.relationships.flatMap { relationship in
                    (related[relationship.target] ?? apply.evaluator.instancesByNode[relationship.target] ?? []).map {
                        InstanceRelationshipContext(type: relationship.type, typeHierarchy: relationship.typeHierarchy.reversed(),
                                                    target: end(of: $0, apply: apply, runtime: runtime))
                    }
                }
            }
            context.nodeTypeHierarchy = (apply.blueprint.nodeTemplates[source.nodeName]?.typeHierarchy ?? []).reversed()
        }
        return context
    }

    /// Another instance as a script sees it: its node, properties and runtime properties.
    private func end(of instance: String, apply: ApplyContext, runtime: RuntimeSnapshot) -> RelationshipContext.End {
        let node = OperationLookup.nodeName(ofInstance: instance)
        return .init(nodeName: node, nodeType: apply.blueprint.nodeTemplates[node]?.type ?? "", instanceID: instance,
                     nodeProperties: apply.evaluator.properties(of: instance, runtime: runtime), runtimeProperties: runtime[instance] ?? [:],
                     hostIP: HostAddress.of(instance, apply: apply, runtime: runtime))
    }

    /// The instance's uninstall operations that are scripts or built-ins, with their inputs as
    /// they can be evaluated now.
    private func uninstallOperations(of instance: String, apply: ApplyContext, runtime: RuntimeSnapshot) -> [RecordedOperation] {
        var recorded: [RecordedOperation] = []
        for step in apply.scriptedUninstallSteps[instance] ?? [] {
            guard let source = step.source, let operation = OperationLookup.definition(of: source, in: apply.blueprint),
                  let implementation = operation.implementation else { continue }
            // An unlink's inputs read SOURCE and TARGET as its relationship's ends.
            let evaluated = try? apply.evaluator.inputs(of: operation, instance: instance,
                                                        relationshipTarget: source.targetInstanceId, runtime: runtime)
            let inputs = evaluated ?? [:]
            let isScript: Bool
            var target = implementation
            switch step.operation {
            case .script(let path):
                isScript = true
                do {
                    target = try scriptFile(path, inputs: inputs).path
                } catch {
                    // Inputs not known yet: a later step of the instance records it. Known, the
                    // script is refused (outside the blueprint's folder): recorded as given, so
                    // that destroy fails the step with this error rather than pass over it.
                    guard evaluated != nil else { continue }
                    target = path
                }
            case .builtin:
                isScript = false
            default:
                continue
            }
            let properties = apply.evaluator.properties(of: instance, runtime: runtime)
            recorded.append(RecordedOperation(
                step: source.kind.operationName, key: source.kind.relationship == nil ? nil : step.key, operation: source.operation,
                implementation: target, isScript: isScript, inputs: inputs, properties: properties, timeout: operation.timeout,
                simulated: simulated && RemoteTasks.names.contains(implementation),
                relationship: recordedRelationship(of: source, properties: properties, apply: apply, runtime: runtime)))
        }
        return recorded
    }

    /// What an unlink's script sees of its relationship, as apply knows it now; the ends'
    /// runtime properties are read when it runs.
    private func recordedRelationship(of source: PlanStep, properties: [String: JSONValue], apply: ApplyContext,
                                      runtime: RuntimeSnapshot) -> RelationshipContext? {
        guard source.kind.relationship != nil, let target = source.targetInstanceId,
              let template = apply.blueprint.nodeTemplates[source.nodeName] else { return nil }
        let declared = OperationLookup.relationship(of: source, in: template)
        var targetEnd = end(of: target, apply: apply, runtime: runtime)
        targetEnd.runtimeProperties = [:]
        var relationship = RelationshipContext(
            type: declared?.type ?? "",
            source: .init(nodeName: source.nodeName, nodeType: template.type, instanceID: source.instanceId, nodeProperties: properties,
                          runtimeProperties: [:], hostIP: HostAddress.of(source.instanceId, apply: apply, runtime: runtime)),
            target: targetEnd)
        relationship.typeHierarchy = (declared?.typeHierarchy ?? []).reversed()
        return relationship
    }

    /// `level`: the level of a script's `ctx logger` line.
    private func note(_ message: String, step: WorkStep, level: String? = nil) {
        progress(ProgressEvent(kind: .note, instance: step.instance, step: step.key, message: message, level: level))
        guard let execution else { return }
        do {
            try store.recordEvent(execution: execution, kind: .note, message: mask(message), instance: step.instance, step: step.key)
        } catch {
            // A log line, not state: the run goes on, but the loss is said, never swallowed.
            progress(ProgressEvent(kind: .note, instance: step.instance, step: step.key, message: "the state store did not keep the line above: \(error)"))
        }
    }
}
