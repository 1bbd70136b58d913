import Platform

/// Starts a process and watches it with a ``ScriptSupervisor`` on a thread of its own (watching
/// blocks in poll and waitpid: not the task pool's), stopping its process group when the task is
/// cancelled. Local scripts and remote operations (an `ssh` process) run this way.
enum SupervisedRun {
    /// The supervisor's result; throws what `start` throws, and `ScriptFailure(.cancelled)` when
    /// the task was cancelled before the process started.
    static func run(name: String, changesPath: String, timeout: Duration?, log: @escaping @Sendable (String) -> Void,
                    logger: @escaping @Sendable (LoggerLine) -> Void, start: @escaping @Sendable () throws -> ScriptProcess) async throws -> ScriptSupervisor.Result {
        let stop = ScriptStopRequest()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                startDetachedThread {
                    continuation.resume(with: Result {
                        if stop.isRequested { throw ScriptFailure(script: name, reason: .cancelled, lastLines: []) }
                        let process = try start()
                        RunningScriptGroups.insert(process.pid)
                        defer { RunningScriptGroups.remove(process.pid) }
                        return ScriptSupervisor(process: process, changesPath: changesPath, log: log, logger: logger)
                            .supervise(timeout: timeout, stop: stop)
                    })
                }
            }
        } onCancel: {
            stop.request()
        }
    }
}
