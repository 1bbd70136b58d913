import Blueprint
import Diagnostics
import Planner
import StateStore

/// The utilities plugin's custom workflow (`customwf`): for each node of `nodes_to_runon` in
/// its order, each of its instances, each operation of `operations_to_execute` in its order,
/// one step after the other; the workflow's other parameters are every operation's kwargs. Both
/// lists may be given as JSON text, as the plugin reads them with `json.loads`.
extension WorkflowGraph {
    static let customNodesParameter = "nodes_to_runon"
    static let customOperationsParameter = "operations_to_execute"

    func customSequence(_ parameters: [String: JSONValue]) throws(Refusal) -> WorkGraph {
        let nodes = try Self.customList(parameters[Self.customNodesParameter], named: Self.customNodesParameter, example: "'[web, db]'")
        let operations = try Self.customList(parameters[Self.customOperationsParameter], named: Self.customOperationsParameter,
                                             example: "'[custom.sync, custom.backup]'")
        var kwargs = parameters
        kwargs[Self.customNodesParameter] = nil
        kwargs[Self.customOperationsParameter] = nil

        // The plugin passes over a node name it does not find, and Cloudify fails on an
        // operation a node does not define; both are refused here before anything runs.
        var problems: [Diagnostic] = []
        let known = Set(plan.instances.map(\.nodeName))
        for node in nodes where !known.contains(node) {
            problems.append(unknownTarget("\(Self.customNodesParameter) names '\(node)', which is no node of the deployment", known: known, name: node))
        }
        for node in nodes where known.contains(node) {
            let interfaces = blueprint.nodeTemplates[node]?.interfaces
            for operation in operations {
                let kind = Self.kind(operation)
                guard interfaces?.withOperation(kind.operationName, of: kind.interfaceName, { _ in true }) == nil else { continue }
                let implemented = (interfaces?.elements ?? []).flatMap { interface in
                    interface.operations.elements.filter { !($0.implementation ?? "").isEmpty }.map { "\(interface.name).\($0.name)" }
                }
                var notes: [DiagnosticNote] = []
                if let suggestion = DidYouMean.suggestion(for: operation, among: implemented) { notes.append(DiagnosticNote("did you mean '\(suggestion)'?")) }
                notes.append(DiagnosticNote("write each operation as INTERFACE.OPERATION; the operations node '\(node)' implements: \(implemented.isEmpty ? "none" : implemented.joined(separator: ", "))"))
                problems.append(.error(.operationNotFound, "node '\(node)' has no operation '\(operation)', which \(Self.customOperationsParameter) names",
                                       at: WorkflowCall.commandLineRange, notes: notes))
            }
        }
        guard problems.isEmpty else { throw Refusal(diagnostics: problems) }

        var graph = WorkGraph(steps: [])
        for node in nodes {
            for instance in plan.instances where instance.nodeName == node {
                for operation in operations {
                    // An operation without an implementation does nothing, as in Cloudify.
                    guard let planned = planStep(instance, Self.kind(operation), position: graph.steps.count) else { continue }
                    var step = WorkStep(planned: planned, dependencies: graph.lastStep, blueprint: blueprint)
                    step.kwargs = kwargs
                    graph.steps.append(step)
                }
            }
        }
        return graph
    }

    /// `INTERFACE.OPERATION` as a step kind; a name without a dot is an operation of no interface.
    private static func kind(_ operation: String) -> StepKind {
        guard let dot = operation.lastIndex(of: ".") else { return .operation(interface: "", name: operation) }
        return kind(interface: String(operation[..<dot]), operation: String(operation[operation.index(after: dot)...]))
    }

    /// The names a list parameter gives: a list of names, or its JSON text.
    private static func customList(_ value: JSONValue?, named name: String, example: String) throws(Refusal) -> [String] {
        var list = value
        if case .string(let text)? = value {
            list = try? JSONValue(jsonText: text)
        }
        guard case .array(let items)? = list, items.allSatisfy({ if case .string = $0 { true } else { false } }) else {
            let given = value.map { $0.jsonText() } ?? "nothing"
            throw Refusal(diagnostics: [.error(.workflowParameterType, "parameter '\(name)' of the custom workflow must be a list of names (or its JSON text), not \(given)",
                                               at: WorkflowCall.commandLineRange, notes: [DiagnosticNote("for example -p \(name)=\(example)")])])
        }
        return names(.array(items))
    }
}
