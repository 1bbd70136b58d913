/// A line a script logged through `ctx logger` (or python's `ctx.logger`): its level (`debug`,
/// `info`, `warning`, `error`) and its message. Shown as `[level] message`; `--json` progress
/// gives the level as a field of its own, so a consumer need not read it out of the text.
public struct LoggerLine: Sendable, Hashable {
    public var level: String
    public var message: String

    public init(level: String, message: String) {
        self.level = level
        self.message = message
    }

    /// The line as the progress display, the events and a failure's last lines show it.
    public var shown: String { "[\(level)] \(message)" }
}
