import Platform

/// One run of a workflow on a deployment: one `apply`, `destroy` or `bluevirt run`.
public struct Execution: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var deployment: String
    public var workflow: Workflow
    public var status: ExecutionStatus
    public var startedAt: Date
    public var endedAt: Date?
    /// Why it failed or was cancelled, as shown to the user.
    public var error: String?
    /// The parameters the workflow ran with (`bluevirt run -p`), defaults filled in; nil for
    /// apply and destroy, and for executions recorded before schema v6.
    public var parameters: JSONValue?

    public init(
        id: Int64, deployment: String, workflow: Workflow, status: ExecutionStatus,
        startedAt: Date, endedAt: Date? = nil, error: String? = nil, parameters: JSONValue? = nil
    ) {
        self.id = id
        self.deployment = deployment
        self.workflow = workflow
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.error = error
        self.parameters = parameters
    }
}
