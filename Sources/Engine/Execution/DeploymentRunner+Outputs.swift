import Blueprint
import StateStore

extension DeploymentRunner {
    /// Evaluates the blueprint's outputs from the runtime properties the state now holds and
    /// keeps them, masked (outputs are for showing). Run after every run that may change runtime
    /// properties (an apply, a heal or restart that gives a domain a new address), so that
    /// `outputs` shows what `status` shows. The problems are those of outputs that cannot be
    /// evaluated (``OutputResolver/evaluated()``).
    @discardableResult
    func recordOutputs(of blueprint: Blueprint, deployment name: String) throws -> (outputs: JSONValue, problems: [String]) {
        let instances = try store.nodeInstances(deployment: name, recordedPlans: false)
        let evaluated = OutputResolver(blueprint: blueprint, instances: instances).evaluated()
        let outputs = mask(evaluated.values)
        try store.saveOutputs(outputs, deployment: name)
        return (outputs, evaluated.problems)
    }

    /// The blueprint's outputs over the runtime properties of `instances`, masked as they are recorded.
    func evaluatedOutputs(of blueprint: Blueprint, instances: [NodeInstanceRecord]) -> JSONValue {
        mask(OutputResolver(blueprint: blueprint, instances: instances).outputs())
    }

    /// How the outputs, inputs and blueprint file of an apply differ from those recorded for
    /// `deployment` at its last apply (nil `blueprintPath`, `inputsText`: not compared). The
    /// inputs are compared by their values, input by input, when both these and the recorded
    /// ones are known, else as written.
    func recordChanges(of deployment: Deployment, blueprint: Blueprint, instances: [NodeInstanceRecord],
                       blueprintPath: String?, inputsText: String?, appliedInputs: [String: JSONValue]? = nil) throws -> DeploymentRecordChanges {
        var changes = DeploymentRecordChanges(recorded: deployment, recordedOutputs: try store.outputs(deployment: deployment.name),
                                              outputs: evaluatedOutputs(of: blueprint, instances: instances),
                                              blueprintPath: blueprintPath, inputsDigest: inputsText.map { ContentDigest.of([$0]) })
        if let recorded = deployment.appliedInputs, let appliedInputs {
            changes.inputs = InputChange.between(
                recorded: recorded, provided: appliedInputs, values: blueprint.inputValues.mapValues(OutputResolver.json),
                declared: Dictionary(blueprint.inputs.elements.map { ($0.name, $0.hidden) }, uniquingKeysWith: { first, _ in first })
            ).map { change in
                var masked = change
                masked.applied = change.applied.map(mask.callAsFunction)
                masked.given = change.given.map(mask.callAsFunction)
                return masked
            }
            changes.inputsChanged = !changes.inputs.isEmpty
        }
        return changes
    }
}
