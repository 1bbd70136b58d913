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
    /// Why outputs that cannot be evaluated with the values they get are null, each naming
    /// the output and the place.
    public var outputProblems: [String] = []
    /// The workflow `bluevirt run` ran; nil for apply and destroy.
    public var workflow: String?
    /// The command that resumes a workflow that failed or was stopped, when running it again
    /// would not (a scale run again scales again); nil: the same command.
    public var resumedBy: String?

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
    /// `destroy -d NAME` of a name the state does not know.
    case unknownDeployment(name: String, stateDirectory: String, known: [String])
    /// `destroy BLUEPRINT` of a deployment the state does not know, whose objects could not be
    /// looked for: a connection of the blueprint did not open.
    case lostDeploymentUnreachable(name: String, stateDirectory: String, uri: String, cause: String)
    /// An update would replace objects whose contents are lost (volumes) without `--allow-replace`.
    case replaceNeedsConsent(deployment: String, objects: [String])
    /// An update asks for a change bluevirt does not make (a pool replaced under its volumes).
    case updateRefused(deployment: String, reason: String)
    /// A scale names neither a node template nor a scaling group.
    case unknownScalableEntity(name: String, known: [String])
    /// `apply` or `plan` with `--simulate` of a deployment made on libvirt (`place`: one of its
    /// connections), or without it of one made in the simulated hypervisor (`place`: the state
    /// directory).
    case simulationSwitch(deployment: String, appliedSimulated: Bool, place: String)

    public var description: String {
        switch self {
        case .noPlan(let deployment):
            "deployment '\(deployment)' has no plan; see the diagnostics"
        case .replaceNeedsConsent(let deployment, let objects):
            """
            updating deployment '\(deployment)' replaces \(objects.joined(separator: ", ")): what \(objects.count == 1 ? "it holds" : "they hold") \
            is lost. Run 'bluevirt plan' to see why; apply again with --allow-replace to replace \(objects.count == 1 ? "it" : "them"), \
            or change the blueprint back
            """
        case .updateRefused(let deployment, let reason):
            "deployment '\(deployment)' cannot be updated: \(reason)"
        case .unknownScalableEntity(let name, let known):
            "scalable_entity_name '\(name)' is neither a node template nor a scaling group of the blueprint; give one of: \(known.joined(separator: ", "))"
        case .simulationSwitch(let deployment, true, let stateDirectory):
            """
            deployment '\(deployment)' was applied with --simulate: its objects are in the simulated hypervisor of \(stateDirectory), \
            and applying it without --simulate would delete them there to make them again on real libvirt. Give --simulate to keep \
            it simulated; to move it to real libvirt, destroy it first (bluevirt destroy -d \(deployment)), or apply under another \
            name (-d) or --state-dir
            """
        case .simulationSwitch(let deployment, false, let uri):
            """
            deployment '\(deployment)' was applied without --simulate: its objects are on libvirt (\(uri)), and applying it \
            with --simulate would stop and delete them there to make them again in a simulated hypervisor. Leave out \
            --simulate to keep it on libvirt; to rehearse it, apply with --simulate under another name (-d) or --state-dir
            """
        case .lostDeploymentUnreachable(let name, let stateDirectory, let uri, let cause):
            """
            there is no deployment '\(name)' in \(stateDirectory), so destroy looked for its domains and networks on \(uri) \
            by the metadata bluevirt writes into them, and could not connect (libvirt: \(cause)). If it was applied with \
            another state directory, give --state-dir; with --simulate, give --simulate; with --connect, the same --connect
            """
        case .unknownDeployment(let name, let stateDirectory, let known):
            "there is no deployment '\(name)' in \(stateDirectory)\(known.isEmpty ? "" : " (there are: \(known.joined(separator: ", ")))"); check -d and --state-dir"
        }
    }
}
