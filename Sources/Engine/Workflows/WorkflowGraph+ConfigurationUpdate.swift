import Blueprint
import Diagnostics
import Planner
import StateStore

/// The utilities plugin's `configuration_update`, in the plugin's order, one step after the
/// other: `is_alive` on each instance to update, the loader's configure with the new `params`
/// as its `parameters`, load_from_config's preconfigure from each of those instances, then
/// their `update`. The instances to update are those of a node of `node_types_to_update` with a
/// relationship to the loader whose property params_list names one of the new parameters.
/// Operations a node does not implement do nothing, as in Cloudify.
extension WorkflowGraph {
    func configurationUpdate(_ parameters: [String: JSONValue]) throws(Refusal) -> WorkGraph {
        let params: [String: JSONValue]
        do {
            params = try ConfigurationOperations.dictionary(parameters["params"], what: "parameter 'params' of configuration_update")
        } catch {
            throw Refusal(diagnostics: [.error(.workflowParameterType, "\(error)", at: WorkflowCall.commandLineRange,
                                               notes: [DiagnosticNote(#"for example -p 'params={"RoutePublic": "Private"}'"#)])])
        }
        let nodes = Set(plan.instances.map(\.nodeName))
        let loader = Self.names(parameters["configuration_node_id"]).first ?? ""
        guard nodes.contains(loader) else {
            // The plugin finds no such node and updates nothing.
            var refusal = unknownTarget("configuration_node_id names '\(loader)', which is no node of the deployment", known: nodes, name: loader)
            let loaders = blueprint.nodeTemplates.elements.filter { $0.isA("cloudify.nodes.ConfigurationLoader") }.map(\.name)
            if !loaders.isEmpty { refusal.notes.append(DiagnosticNote("the configuration loaders: \(loaders.joined(separator: ", ")); give one with -p configuration_node_id=NAME")) }
            throw Refusal(diagnostics: [refusal])
        }
        let types = Set(Self.names(parameters["node_types_to_update"]))
        let updated = try instancesToUpdate(types: types, loader: loader, params: params)

        var graph = WorkGraph(steps: [])
        func add(_ planned: PlanStep?, kwargs: [String: JSONValue] = [:]) {
            guard var planned else { return }
            planned.id = StepID(graph.steps.count)
            var step = WorkStep(planned: planned, dependencies: graph.lastStep, blueprint: blueprint)
            step.kwargs = kwargs
            graph.steps.append(step)
        }
        for instance in updated {
            add(planStep(instance, .operation(interface: PlanStep.lifecycleInterface, name: "is_alive"), position: 0))
        }
        // configure as an operation, not the lifecycle's step: the loader's state stays started.
        for instance in plan.instances where instance.nodeName == loader && exists(instance.id) {
            add(planStep(instance, .operation(interface: PlanStep.lifecycleInterface, name: "configure"), position: 0),
                kwargs: ["parameters": .object(params), "merge_dict": parameters["merge_dict"] ?? .bool(false)])
        }
        for instance in updated {
            for step in plan.install.steps(ofInstance: instance.id) {
                guard case .preconfigure(.target, _) = step.kind, let target = step.targetInstanceId,
                      OperationLookup.nodeName(ofInstance: target) == loader else { continue }
                add(step)
            }
        }
        for instance in updated {
            add(planStep(instance, .operation(interface: PlanStep.lifecycleInterface, name: "update"), position: 0))
        }
        return graph
    }

    /// What to say when the new parameters reach the loader only (the plugin says nothing): most
    /// often node_types_to_update was left at the plugin's defaults, its own vCPE types.
    static func configurationUpdateNote(_ graph: WorkGraph, parameters: [String: JSONValue]) -> String? {
        let loader = names(parameters["configuration_node_id"]).first ?? ""
        guard graph.steps.allSatisfy({ OperationLookup.nodeName(ofInstance: $0.instance) == loader }) else { return nil }
        return "configuration_update gave the new parameters to '\(loader)' only: no node of the types of node_types_to_update "
            + "(\(names(parameters["node_types_to_update"]).joined(separator: ", "))) loads from it with a params_list naming one of them; "
            + "give the types of the nodes to update with -p 'node_types_to_update=[TYPE, ...]'"
    }

    /// The plugin's `needs_to_get_updated` over the instances connected to the loader: a node
    /// of one of `types` whose params_list names a key of `params`. A node without params_list
    /// fails the plugin (KeyError): refused here before anything runs.
    private func instancesToUpdate(types: Set<String>, loader: String, params: [String: JSONValue]) throws(Refusal) -> [NodeInstance] {
        let templates = blueprint.nodeTemplates
        let evaluator = Evaluator(blueprint: blueprint, secrets: Secrets())
        var updated: [NodeInstance] = []
        var problems: [Diagnostic] = []
        for instance in plan.instances where exists(instance.id) {
            guard let template = templates[instance.nodeName], !types.isDisjoint(with: template.typeHierarchy),
                  instance.relationships.contains(where: { OperationLookup.nodeName(ofInstance: $0.targetInstanceId) == loader }) else { continue }
            let list = template.properties[ConfigurationOperations.paramsListProperty]
                .flatMap { evaluator.evaluate($0, in: .nodeProperty(node: template.name)).value }
            guard let list else {
                if !problems.contains(where: { $0.message.contains("'\(template.name)'") }) {
                    problems.append(.error(.unusableUtilitiesConfiguration,
                                           "node '\(template.name)' loads from '\(loader)' but has no property params_list known before the run, which configuration_update reads",
                                           at: template.nameRange,
                                           notes: [DiagnosticNote("declare params_list (the parameters it takes) and params in the node's type, as the plugin's examples do")]))
                }
                continue
            }
            do {
                if try params.keys.contains(where: { try ConfigurationOperations.contains($0, in: OutputResolver.json(list), node: template.name) }) {
                    updated.append(instance)
                }
            } catch {
                problems.append(.error(.unusableUtilitiesConfiguration, "\(error)", at: template.nameRange))
            }
        }
        guard problems.isEmpty else { throw Refusal(diagnostics: problems) }
        return updated
    }
}
