import Platform

/// Something that happened during an execution, in the order it was recorded.
public struct ExecutionEvent: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var execution: Int64
    public var time: Date
    public var instanceID: String?
    /// The stable step id, e.g. `web-1/create`; nil for events of the whole execution.
    public var step: String?
    public var kind: EventKind
    public var message: String

    public init(
        id: Int64, execution: Int64, time: Date, instanceID: String?, step: String?,
        kind: EventKind, message: String
    ) {
        self.id = id
        self.execution = execution
        self.time = time
        self.instanceID = instanceID
        self.step = step
        self.kind = kind
        self.message = message
    }
}
