import Engine
import StateStore

extension ProgressPrinter {
    /// The deployment `name` as `store` records it; the command fails, naming the state
    /// directory and its deployments, when there is none of that name.
    func recordedDeployment(_ name: String, in store: StateStore) throws -> Deployment {
        guard let recorded = try store.deployment(named: name) else {
            fail(try DeploymentProblem.unknownDeployment(name, in: store).description)
        }
        return recorded
    }
}
