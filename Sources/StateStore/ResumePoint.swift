/// Which steps of a workflow have already finished for a deployment, so that a re-run skips
/// them: the finished steps of every execution of the workflow since the deployment last ran
/// the other workflow. After a failed install, a new install resumes; after a successful one,
/// every step is finished and a re-apply has nothing to do. An uninstall starts from nothing.
public struct ResumePoint: Sendable, Hashable {
    public var deployment: String
    public var workflow: Workflow
    /// The executions whose steps count, oldest first.
    public var executions: [Int64]
    /// Stable step ids such as `web-1/create`.
    public var finishedSteps: Set<String>

    public init(deployment: String, workflow: Workflow, executions: [Int64], finishedSteps: Set<String>) {
        self.deployment = deployment
        self.workflow = workflow
        self.executions = executions
        self.finishedSteps = finishedSteps
    }

    /// Whether `step` finished in one of the counted executions.
    public func isFinished(_ step: String) -> Bool { finishedSteps.contains(step) }
}
