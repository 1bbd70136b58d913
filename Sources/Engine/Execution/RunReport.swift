import StateStore

/// What `apply` or `destroy` did.
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
    }

    public var deployment: String
    public var result: Result
    /// Steps run by this command and steps skipped because an earlier run finished them.
    public var ran: Int
    public var skipped: Int
    public var failures: [RunFailure]
    /// The evaluated outputs after an apply.
    public var outputs: JSONValue?

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
public struct DeploymentProblem: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
