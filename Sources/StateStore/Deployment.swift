import Platform

/// A deployment as recorded: which blueprint and inputs it was last applied with, and its status.
public struct Deployment: Sendable, Hashable {
    public var name: String
    /// The blueprint file as given to `apply` (absolute, so `destroy -d NAME` can name it).
    public var blueprintPath: String
    /// Digests let a re-apply tell whether the blueprint or the inputs changed.
    public var blueprintDigest: String
    public var inputsDigest: String
    /// The inputs given to the last apply, by name, with the values they were bound to (an input
    /// given as a function, as written); inputs left to their defaults are not in it. nil for a
    /// deployment an older bluevirt applied, which recorded only the digest.
    public var appliedInputs: [String: JSONValue]?
    public var status: DeploymentStatus
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        name: String, blueprintPath: String, blueprintDigest: String, inputsDigest: String,
        appliedInputs: [String: JSONValue]? = nil, status: DeploymentStatus, createdAt: Date, updatedAt: Date
    ) {
        self.name = name
        self.blueprintPath = blueprintPath
        self.blueprintDigest = blueprintDigest
        self.inputsDigest = inputsDigest
        self.appliedInputs = appliedInputs
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
