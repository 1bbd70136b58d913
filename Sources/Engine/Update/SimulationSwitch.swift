import Platform
import StateStore

extension DeploymentRunner {
    /// Refuses an `apply` (or `plan`) whose `--simulate` differs from the one the deployment's
    /// objects were made with: the update would delete every object where it is and make it again
    /// on the other side, so a forgotten `--simulate` would tear down a rehearsal before real
    /// libvirt was even tried, and a stray one would stop and undefine real domains. Only
    /// instances whose object was made (or begun) count; a deployment with none moves freely.
    func refuseSimulationSwitch(deployment name: String, simulate: Bool) throws {
        guard let deployment = try store.deployment(named: name), deployment.status != .uninstalled else { return }
        let made = try store.nodeInstances(deployment: name, recordedPlans: false).filter { ![.uninitialized, .deleted].contains($0.state) }
        let uris = Set(made.compactMap(\.connectionURI))
        let simulatedURIs = uris.filter { SimulatedWorlds.worldPath(of: $0) != nil }
        if simulate, let real = uris.subtracting(simulatedURIs).sorted().first {
            throw DeploymentProblem.simulationSwitch(deployment: name, appliedSimulated: false, place: real)
        }
        if !simulate, !simulatedURIs.isEmpty {
            throw DeploymentProblem.simulationSwitch(deployment: name, appliedSimulated: true, place: store.location.directory.path)
        }
    }
}
