/// One change to a step that a run records (``StateStore/recordSteps(execution:_:)``).
public enum StepChange: Sendable, Hashable {
    /// `step` (a stable id such as `web-1/create`) of `instance` started; `state`, if given,
    /// becomes the instance's state (`creating`, `stopping`).
    case started(instance: String, step: String, state: NodeInstanceState?)
    case finished(FinishedStep)
    /// `step` failed: the instance becomes `state` (`failed`; nil keeps its state, for an
    /// operation that does not make or remove the object, such as a backup), and the error is
    /// kept as an event.
    case failed(instance: String, step: String, error: String, state: NodeInstanceState?)

    var step: String {
        switch self {
        case .started(_, let step, _), .failed(_, let step, _, _): step
        case .finished(let finished): finished.step
        }
    }

    /// How a message names the change: "start", "end", "failure".
    var verb: String {
        switch self {
        case .started: "start"
        case .finished: "end"
        case .failed: "failure"
        }
    }
}
