import Blueprint
import StateStore

extension DeploymentRunner {
    /// Evaluates the blueprint's outputs from the runtime properties the state now holds and
    /// keeps them, masked (outputs are for showing). Run after every run that may change runtime
    /// properties (an apply, a heal or restart that gives a domain a new address), so that
    /// `outputs` shows what `status` shows.
    func recordOutputs(of blueprint: Blueprint, deployment name: String) throws -> JSONValue {
        let instances = try store.nodeInstances(deployment: name, recordedPlans: false)
        let outputs = mask(OutputResolver(blueprint: blueprint, instances: instances).outputs())
        try store.saveOutputs(outputs, deployment: name)
        return outputs
    }
}
