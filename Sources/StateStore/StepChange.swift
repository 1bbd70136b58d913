/// One change to a step that a run records (``StateStore/recordSteps(execution:_:)``).
public enum StepChange: Sendable, Hashable {
    /// `step` (a stable id such as `web-1/create`) of `instance` started; `state`, if given,
    /// becomes the instance's state (`creating`, `stopping`).
    case started(instance: String, step: String, state: NodeInstanceState?)
    case finished(FinishedStep)
    /// `step` failed: the instance becomes `state` (`failed`; nil keeps its state, for an
    /// operation that does not make or remove the object, such as a backup), and the error is
    /// kept as an event. The runtime properties it changed before it failed are kept too, as in
    /// a finished step: its instance's whole set (nil: unchanged) and other instances' by id.
    case failed(instance: String, step: String, error: String, state: NodeInstanceState?,
                runtimeProperties: [String: JSONValue]? = nil, otherInstances: [String: [String: JSONValue]] = [:])

    var step: String {
        switch self {
        case .started(_, let step, _), .failed(_, let step, _, _, _, _): step
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
