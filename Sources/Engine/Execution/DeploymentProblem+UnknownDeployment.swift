import Platform
import StateStore

extension DeploymentProblem {
    /// `name` is no deployment of `store`: the problem saying so, with the state directory and
    /// the deployments it has.
    public static func unknownDeployment(_ name: String, in store: StateStore) throws -> DeploymentProblem {
        .unknownDeployment(name: name, stateDirectory: store.location.directory.path, known: try store.deployments().map(\.name))
    }
}
