/// What an event records. Step events carry the step id and node instance they belong to.
public enum EventKind: String, Sendable, Hashable, CaseIterable, Codable {
    case executionStarted = "execution_started"
    case executionFinished = "execution_finished"
    case stepStarted = "step_started"
    case stepFinished = "step_finished"
    case stepFailed = "step_failed"
    case stepRetrying = "step_retrying"
    case note
}
