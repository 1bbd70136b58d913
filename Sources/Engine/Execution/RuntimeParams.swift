import Blueprint
import Planner
import StateStore

/// A libvirt node instance's `params` while it runs, merged as the plugin's
/// `get_libvirt_params` merges them on every task: the node property `params`, over it the
/// `params` runtime property (what create stored and scripts since edited, such as the
/// examples' vm_preconfigure.py adding `disks`), over that the `params` input of the operation
/// now running. Each layer replaces whole top-level keys (a Python `dict.update`). Values come
/// with what the run knows now: `get_attribute` reads the runtime properties recorded so far.
enum RuntimeParams {
    /// The merged params of `instance` for the operation `step` (nil: no operation inputs).
    static func merged(instance: String, step: PlanStep?, apply: StepPerformer.ApplyContext,
                       runtime: [String: [String: JSONValue]]) throws -> [String: JSONValue] {
        let node = OperationLookup.nodeName(ofInstance: instance)
        guard let template = apply.blueprint.nodeTemplates[node] else { return [:] }
        var merged: [String: JSONValue] = [:]
        if let property = template.properties["params"] {
            let value = try apply.evaluator.evaluate(property, in: .nodeProperty(node: node), instance: instance, runtime: runtime,
                                                     what: "the params of node template '\(node)'")
            merged.merge(mapping(OutputResolver.json(value))) { _, new in new }
        }
        merged.merge(mapping(runtime[instance]?["params"] ?? .null)) { _, new in new }
        if let step, let input = OperationLookup.definition(of: step, in: apply.blueprint)?.inputs["params"] {
            let value = try apply.evaluator.evaluate(input, in: .operationInput(node: node), instance: instance, runtime: runtime,
                                                     what: "input 'params' of operation '\(step.kind.operationName)'")
            merged.merge(mapping(OutputResolver.json(value))) { _, new in new }
        }
        return merged
    }

    /// A mapping's entries; anything else (null, a value of the wrong shape) adds nothing, as
    /// the plugin's `update` of an empty dict.
    private static func mapping(_ value: JSONValue) -> [String: JSONValue] {
        if case .object(let entries) = value { return entries }
        return [:]
    }
}
