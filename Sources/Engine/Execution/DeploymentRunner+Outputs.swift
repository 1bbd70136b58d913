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
}
