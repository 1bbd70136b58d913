import StateStore

/// The workflow an execution is recorded as (StateStore's `Workflow`), named apart from the
/// blueprint's workflow declarations, which files that import both would confuse it with.
typealias RecordedWorkflow = Workflow
