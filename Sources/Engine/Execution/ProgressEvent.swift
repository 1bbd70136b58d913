import Platform

/// One thing a run reports while it works: a step started, finished or failed, or a note.
public struct ProgressEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case started, finished, failed, note
    }

    public var time: Date
    public var kind: Kind
    public var instance: String?
    /// The step id, e.g. `web-1/start`.
    public var step: String?
    public var message: String
    /// The instance's IPv4 address once a step that found it (a domain's `start`) finished.
    public var address: String?
    /// The host of the step's object (``ConnectionHost``), when it has one.
    public var host: String?
    /// For a line a script logged through `ctx logger`, its level: `debug`, `info`, `warning`
    /// or `error` (the message starts with it too, as `[info] …`).
    public var level: String?

    public init(time: Date = Date(), kind: Kind, instance: String? = nil, step: String? = nil, message: String, address: String? = nil,
                host: String? = nil, level: String? = nil) {
        self.host = host
        self.level = level
        self.time = time
        self.kind = kind
        self.instance = instance
        self.step = step
        self.message = message
        self.address = address
    }
}
