import StateStore

/// What `apply`, `destroy` or `bluevirt run` did.
public struct RunReport: Sendable {
    public enum Result: String, Sendable {
        /// Every step ran (or had run before) and succeeded.
        case applied
        /// The deployment was installed with exactly these documents: nothing to do.
        case unchanged
        case destroyed
        case failed
        /// Stopped by the user (Ctrl-C) after the running operations finished.
        case interrupted
        /// A workflow of `bluevirt run` (other than install and uninstall) ran every step.
        case completed
    }

    public var deployment: String
    public var result: Result
    /// Steps run by this command and steps skipped because an earlier run finished them.
    public var ran: Int
    public var skipped: Int
    public var failures: [RunFailure]
    /// The evaluated outputs after an apply.
    public var outputs: JSONValue?
    /// The workflow `bluevirt run` ran; nil for apply and destroy.
    public var workflow: String?

    public init(deployment: String, result: Result, ran: Int = 0, skipped: Int = 0, failures: [RunFailure] = [], outputs: JSONValue? = nil) {
        self.deployment = deployment
        self.result = result
        self.ran = ran
        self.skipped = skipped
        self.failures = failures
        self.outputs = outputs
    }
}

/// Why a deployment cannot be applied or destroyed at all; the message says what to do.
public enum DeploymentProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The blueprint did not plan (its diagnostics say why).
    case noPlan(deployment: String)
    /// Installed with other documents; updating a deployment is not supported yet.
    case changedSinceInstall(deployment: String, stateOption: String)
    /// `destroy -d NAME` of a name the state does not know.
    case unknownDeployment(name: String, stateDirectory: String, known: [String])

    public var description: String {
        switch self {
        case .noPlan(let deployment):
            "deployment '\(deployment)' has no plan; see the diagnostics"
        case .changedSinceInstall(let deployment, let stateOption):
            """
            deployment '\(deployment)' is installed with other documents (the blueprint, its inputs or the connections \
            changed); bluevirt cannot update a deployment yet: run 'bluevirt destroy -d \(deployment)\(stateOption)' first, or apply \
            under another name with -d
            """
        case .unknownDeployment(let name, let stateDirectory, let known):
            "there is no deployment '\(name)' in \(stateDirectory)\(known.isEmpty ? "" : " (there are: \(known.joined(separator: ", ")))"); check -d and --state-dir"
        }
    }
}
