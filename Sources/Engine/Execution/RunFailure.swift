/// Why a run failed: one of its operations, a blueprint's own workflow script (which belongs to
/// no node instance), or the state store, which could not record the run (a full disk, say) and
/// so stopped it: a step whose start is not recorded must not run.
public enum RunFailure: Error, Sendable, CustomStringConvertible {
    case operation(OperationFailure)
    case workflow(name: String, message: String)
    case recording(any Error)

    /// The failed operation's node instance; nil for a workflow's script or when recording failed.
    public var instance: String? {
        if case .operation(let failure) = self { failure.instance } else { nil }
    }
    public var step: String? {
        switch self {
        case .operation(let failure): failure.step
        case .workflow(let name, _): "workflow/\(name)"
        case .recording: nil
        }
    }
    public var object: String? {
        if case .operation(let failure) = self { failure.object } else { nil }
    }
    public var message: String {
        switch self {
        case .operation(let failure): failure.message
        case .workflow(_, let message): message
        case .recording(let error): "\(error)"
        }
    }

    /// The same failure with `transform` applied to an operation's message (secrets masked).
    public func mappingMessage(_ transform: (String) -> String) -> RunFailure {
        switch self {
        case .operation(var failure):
            failure.message = transform(failure.message)
            return .operation(failure)
        case .workflow(let name, let message): return .workflow(name: name, message: transform(message))
        case .recording: return self
        }
    }

    public var description: String {
        switch self {
        case .operation(let failure): failure.description
        case .workflow(let name, let message): "workflow '\(name)' failed: \(message)"
        case .recording(let error): "the run stopped because the state could not record it: \(error)"
        }
    }
}
