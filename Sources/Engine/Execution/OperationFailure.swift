import Platform

/// An operation that failed: which node instance, which operation, which libvirt object, and
/// libvirt's (or bluevirt's) reason.
public struct OperationFailure: Error, Sendable, CustomStringConvertible {
    public var instance: String
    /// The step id, e.g. `web-1/create`.
    public var step: String
    /// The object's label (`domain 'demo-web-1' on test:///…`), when there is one.
    public var object: String?
    public var message: String
    /// False when retrying cannot help (a script raised Cloudify's `NonRecoverableError`).
    public var isRecoverable = true
    /// How long to wait before a retry when the operation said (Cloudify's `retry_after`).
    public var retryAfter: Duration?
    /// The host the operation could not reach: the run goes on with operations that do not
    /// wait for this one (those on other hosts), instead of stopping.
    public var unreachableHost: String?
    /// The runtime properties the operation changed before it failed (a script's), which the
    /// run keeps: the next try, and the state, see them.
    public var changes = StepOutput()

    public init(instance: String, step: String, object: String?, message: String) {
        self.instance = instance
        self.step = step
        self.object = object
        self.message = message
    }

    /// The failure of `step` of `instance` because of `error`, keeping what a script's failure
    /// says about retrying.
    public init(instance: String, step: String, object: String?, cause error: any Error) {
        self.init(instance: instance, step: step, object: object, message: FileErrorText.of(error))
        if let script = error as? ScriptFailure {
            isRecoverable = script.isRetryable
            retryAfter = script.retryAfter
            changes = script.changes
        }
        if let lost = error as? HostUnreachable {
            unreachableHost = lost.host
            isRecoverable = false
        }
    }

    public var description: String {
        let what = object.map { " (\($0))" } ?? ""
        return "\(step) of node instance '\(instance)' failed\(what): \(message)"
    }
}

/// A reason of bluevirt's own, for an operation that libvirt did not fail.
struct BackendProblem: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
