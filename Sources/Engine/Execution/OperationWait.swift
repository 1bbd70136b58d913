import Blueprint

extension Duration {
    /// `seconds` of an operation's `timeout` or `retry_interval`, or of a script's
    /// `retry_after`, at most ``Operation/longestWait`` (a year). A blueprint's are checked when
    /// it loads, but a state an older bluevirt recorded and a script's request are not, and
    /// seconds that no Duration holds (1e17, infinity) would stop bluevirt rather than wait.
    static func operationWait(seconds: Double) -> Duration {
        // Also NaN, which no comparison admits.
        guard seconds > 0 else { return .zero }
        return .milliseconds(Int(min(seconds, Operation.longestWait) * 1000))
    }
}
