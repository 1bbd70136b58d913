import Blueprint
import Planner
import StateStore

/// A libvirt node instance's `params` while it runs, merged as the plugin's
/// `get_libvirt_params` merges them on every task: the node property `params`, over it the
/// `params` runtime property (what create stored and scripts since edited, such as the
/// examples' vm_preconfigure.py adding `disks`), over that the `params` input of the operation
/// now running. Each layer replaces whole top-level keys (a Python `dict.update`). Values come
/// with what the run knows now: `get_attribute` reads the runtime properties recorded so far.
///
/// A run that resumes an earlier one after the blueprint or its inputs changed (a failed apply
/// fixed and applied again, which Cloudify has no counterpart for) puts the blueprint's values
/// over the stored ones: the node's params and create's `params` input as they evaluate now, so
/// a corrected value reaches the document; keys only scripts set stay.
///
/// Each planned object's name counts as its instance's `resource_id` while none is recorded:
/// bluevirt names every object before it exists, so a domain's params may read its own name
/// (`{get_attribute: [SELF, resource_id]}` in a serial log path) at configure, before the define
/// that records it. The evaluator looks the name up when asked (``RuntimeEvaluator/plannedNames``,
/// ``StepPerformer/ApplyContext/paramsEvaluator``) rather than copying every instance's
/// properties at every step.
enum RuntimeParams {
    /// The merged params of `instance` for the operation `step` (nil: no operation inputs).
    static func merged(instance: String, step: PlanStep?, apply: StepPerformer.ApplyContext,
                       runtime: RuntimeSnapshot) throws -> [String: JSONValue] {
        let node = OperationLookup.nodeName(ofInstance: instance)
        guard let template = apply.blueprint.nodeTemplates[node] else { return [:] }
        var property: [String: JSONValue] = [:]
        if let expression = template.properties["params"] {
            let value = try apply.paramsEvaluator.evaluate(expression, in: .nodeProperty(node: node), instance: instance, runtime: runtime,
                                                     what: "the params of node template '\(node)'")
            property = mapping(OutputResolver.json(value))
        }
        let stored = mapping(runtime[instance]?["params"] ?? .null)
        var merged: [String: JSONValue]
        if apply.blueprintChanged {
            merged = stored.merging(property) { _, new in new }
            if let create = template.interfaces[PlanStep.lifecycleInterface]?.operations["create"] {
                merged.merge(try input(of: create, instance: instance, apply: apply, runtime: runtime)) { _, new in new }
            }
        } else {
            merged = property.merging(stored) { _, new in new }
        }
        if let step, let operation = OperationLookup.definition(of: step, in: apply.blueprint) {
            merged.merge(try input(of: operation, instance: instance, apply: apply, runtime: runtime)) { _, new in new }
        }
        return merged
    }

    /// The operation's `params` input, evaluated now; empty when it has none.
    private static func input(of operation: Operation, instance: String, apply: StepPerformer.ApplyContext,
                              runtime: RuntimeSnapshot) throws -> [String: JSONValue] {
        guard let expression = operation.inputs["params"] else { return [:] }
        let value = try apply.paramsEvaluator.evaluate(expression, in: .operationInput(node: OperationLookup.nodeName(ofInstance: instance)),
                                                 instance: instance, runtime: runtime, what: "input 'params' of operation '\(operation.name)'")
        return mapping(OutputResolver.json(value))
    }

    /// A mapping's entries; anything else (null, a value of the wrong shape) adds nothing, as
    /// the plugin's `update` of an empty dict.
    private static func mapping(_ value: JSONValue) -> [String: JSONValue] {
        if case .object(let entries) = value { return entries }
        return [:]
    }
}
