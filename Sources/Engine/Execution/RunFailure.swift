/// Why a run failed: one of its operations, or the state store, which could not record the
/// run (a full disk, say) and so stopped it: a step whose start is not recorded must not run.
public enum RunFailure: Error, Sendable, CustomStringConvertible {
    case operation(OperationFailure)
    case recording(any Error)

    /// The failed operation's node instance and step; nil when recording failed.
    public var instance: String? {
        if case .operation(let failure) = self { failure.instance } else { nil }
    }
    public var step: String? {
        if case .operation(let failure) = self { failure.step } else { nil }
    }
    public var object: String? {
        if case .operation(let failure) = self { failure.object } else { nil }
    }
    public var message: String {
        switch self {
        case .operation(let failure): failure.message
        case .recording(let error): "\(error)"
        }
    }

    /// The same failure with `transform` applied to an operation's message (secrets masked).
    public func mappingMessage(_ transform: (String) -> String) -> RunFailure {
        guard case .operation(var failure) = self else { return self }
        failure.message = transform(failure.message)
        return .operation(failure)
    }

    public var description: String {
        switch self {
        case .operation(let failure): failure.description
        case .recording(let error): "the run stopped because the state could not record it: \(error)"
        }
    }
}
