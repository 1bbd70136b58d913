import Platform
import StateStore
import Synchronization

/// Walks a ``WorkGraph`` with bounded parallelism, overall and per host: a step starts only
/// after every step it waits for has finished. After a failure nothing new starts; running
/// steps finish and are recorded. A failure because a host is unreachable is the exception:
/// steps that do not wait for the failed one (those on other hosts) still run. Steps a
/// previous run finished (`alreadyFinished`) are skipped.
public struct Executor: Sendable {
    public var parallelism: Int
    /// The most steps that run at once on one host; nil: only `parallelism` bounds them.
    public var perHost: Int?
    /// The host a step works on (its object's connection); nil for steps on none.
    public var host: @Sendable (WorkStep) -> String?

    public init(parallelism: Int = 8, perHost: Int? = nil, host: @escaping @Sendable (WorkStep) -> String? = { _ in nil }) {
        self.parallelism = max(1, parallelism)
        self.perHost = perHost.map { max(1, $0) }
        self.host = host
    }

    /// What a step did, for the recorder: started, finished with the instance's whole set of
    /// runtime properties (nil when the step changed none of them) and those of other instances
    /// it changed, by id, or failed.
    public enum StepRecord: Sendable {
        case started(WorkStep)
        case finished(WorkStep, runtimeProperties: [String: JSONValue]?, others: [String: [String: JSONValue]])
        /// Failed, with the properties the failed operation changed all the same, as `finished`.
        case failed(WorkStep, OperationFailure, runtimeProperties: [String: JSONValue]?, others: [String: [String: JSONValue]])
    }

    /// The number of the try a step's `perform` is making: 0 the first, 1 the first retry.
    @TaskLocal public static var attempt = 0

    /// How a run ended.
    public struct Outcome: Sendable {
        public var ran: Int
        public var skipped: Int
        public var failures: [RunFailure]
        /// Every instance's runtime properties after the run.
        public var runtimeProperties: [String: [String: JSONValue]]
        /// `shouldStop` said so: steps that had not started were left for the next run.
        public var interrupted = false
        public var succeeded: Bool { failures.isEmpty && !interrupted }
    }

    /// Runs `graph`. `perform` does one step given a way to read every instance's runtime
    /// properties (by instance id, as recorded so far: every step it waits for has finished) and
    /// returns the changes to make to its instance's (and others'). `record` gets every event in
    /// order: the completions that arrive together and the starts they release in one call (one
    /// commit); a throwing `record` stops the run like a failure. A failed step is tried again up
    /// to its `retry.maxRetries` times unless its failure says it cannot recover, after the
    /// failure's own delay or the step's interval (`retrying` hears of each); `Executor.attempt`
    /// tells `perform` which try it is.
    /// Once `shouldStop` returns true (Ctrl-C), no new step starts and running ones finish.
    public func run(
        _ graph: WorkGraph, alreadyFinished: Set<String>, runtimeProperties: [String: [String: JSONValue]],
        perform: @escaping @Sendable (WorkStep, _ runtimeProperties: @escaping @Sendable () -> RuntimeSnapshot) async throws -> StepOutput,
        record: @escaping @Sendable ([StepRecord]) throws -> Void,
        retrying: @escaping @Sendable (WorkStep, _ error: any Error, _ attempt: Int) -> Void = { _, _, _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) async -> Outcome {
        let steps = graph.steps
        var dependents = [[Int]](repeating: [], count: steps.count)
        var waiting = [Int](repeating: 0, count: steps.count)
        for (index, step) in steps.enumerated() {
            waiting[index] = step.dependencies.count
            for dependency in step.dependencies { dependents[dependency].append(index) }
        }
        var outcome = Outcome(ran: 0, skipped: 0, failures: [], runtimeProperties: [:])
        // Shared with running steps, which read it only when they need it.
        let recorded = RecordedProperties(RuntimeSnapshot(runtimeProperties))
        var ready: [Int] = []
        var readyHead = 0

        // Releases the dependents of finished steps; skipped steps finish at once.
        func release(_ finishedIndex: Int) {
            var worklist = [finishedIndex]
            while let index = worklist.popLast() {
                for dependent in dependents[index] {
                    waiting[dependent] -= 1
                    guard waiting[dependent] == 0 else { continue }
                    if alreadyFinished.contains(steps[dependent].key) {
                        outcome.skipped += 1
                        worklist.append(dependent)
                    } else {
                        ready.append(dependent)
                    }
                }
            }
        }
        // The roots first: releasing a skipped root makes later steps' counts zero too.
        let roots = steps.indices.filter { waiting[$0] == 0 }
        for index in roots {
            if alreadyFinished.contains(steps[index].key) {
                outcome.skipped += 1
                release(index)
            } else {
                ready.append(index)
            }
        }

        let results = ResultBuffer()
        // Per host: steps running, and ready steps held back because their host is at `perHost`.
        var runningOnHost: [String: Int] = [:]
        var heldForHost: [String: [Int]] = [:]
        let hosts: [String?] = perHost == nil ? [] : steps.map(host)
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            var stopped = false
            // Completions not yet recorded: they go in one call with the starts they release.
            var finishing: [StepRecord] = []
            while true {
                var starting: [StepRecord] = []
                if !stopped, shouldStop() {
                    stopped = true
                    outcome.interrupted = true
                }
                var launching: [Int] = []
                while !stopped, running + launching.count < parallelism, readyHead < ready.count {
                    let index = ready[readyHead]
                    readyHead += 1
                    if let limit = perHost, let host = hosts[index] {
                        guard runningOnHost[host, default: 0] < limit else {
                            heldForHost[host, default: []].append(index)
                            continue
                        }
                        runningOnHost[host, default: 0] += 1
                    }
                    starting.append(.started(steps[index]))
                    launching.append(index)
                }
                // A start is recorded before its step can touch anything, so that a kill at any
                // moment finds every object that may exist belonging to a recorded start; and a
                // step starts only once the completions it waited for are recorded, in the same
                // call (one commit for both).
                if !finishing.isEmpty || !starting.isEmpty {
                    do { try record(finishing + starting) } catch {
                        outcome.failures.append(.recording(error))
                        stopped = true
                        launching = []
                    }
                    finishing = []
                }
                for index in launching {
                    let step = steps[index]
                    running += 1
                    group.addTask {
                        var attempt = 0
                        // What failed tries changed: kept, as Cloudify updates runtime properties
                        // whether an operation failed or not, seen by the next try, recorded with the last.
                        var earlier = StepOutput()
                        while true {
                            do {
                                var produced = try await Executor.$attempt.withValue(attempt) { try await perform(step, recorded.snapshot) }
                                if !earlier.isEmpty {
                                    earlier.append(produced)
                                    produced = earlier
                                }
                                results.append(index, .success(produced))
                                return
                            } catch var error {
                                if var failure = error as? OperationFailure, !failure.changes.isEmpty {
                                    _ = recorded.merge(failure.changes, into: step.instance)
                                    earlier.append(failure.changes)
                                    failure.changes = earlier
                                    error = failure
                                }
                                guard attempt < step.retry.maxRetries, RetryPolicy.isRecoverable(error), !shouldStop() else {
                                    results.append(index, .failure(error))
                                    return
                                }
                                attempt += 1
                                retrying(step, error, attempt)
                                do {
                                    try await Task.sleep(for: step.retry.delay(after: error))
                                } catch {
                                    results.append(index, .failure(error))
                                    return
                                }
                            }
                        }
                    }
                }
                guard running > 0 else { break }
                _ = await group.next()
                // Everything that finished meanwhile is recorded in one call, at the top of the loop.
                var succeeded: [Int] = []
                for (index, result) in results.drain() {
                    running -= 1
                    if perHost != nil, let host = hosts[index] {
                        runningOnHost[host, default: 1] -= 1
                        // The host has room again: its first held step is ready once more.
                        if var held = heldForHost[host], !held.isEmpty {
                            ready.append(held.removeFirst())
                            heldForHost[host] = held
                        }
                    }
                    let step = steps[index]
                    outcome.ran += 1
                    switch result {
                    case .success(let produced):
                        let (properties, others) = recorded.merge(produced, into: step.instance)
                        finishing.append(.finished(step, runtimeProperties: properties, others: others))
                        succeeded.append(index)
                    case .failure(let error):
                        let failure = error as? OperationFailure
                            ?? OperationFailure(instance: step.instance, step: step.key, object: nil, message: FileErrorText.of(error))
                        outcome.failures.append(.operation(failure))
                        // Merged again (the same changes: no difference) for the instances' whole properties.
                        let (properties, others) = recorded.merge(failure.changes, into: step.instance)
                        finishing.append(.failed(step, failure, runtimeProperties: properties, others: others))
                        if failure.unreachableHost == nil { stopped = true }
                    }
                }
                // Ready, not started: they start after the record at the top of the loop.
                for index in succeeded { release(index) }
            }
        }
        outcome.runtimeProperties = recorded.snapshot().all
        return outcome
    }
}

/// Every instance's runtime properties during a run: the walker merges what steps produce, steps
/// read a snapshot when they need one.
private final class RecordedProperties: Sendable {
    private let values: Mutex<RuntimeSnapshot>

    init(_ values: RuntimeSnapshot) {
        self.values = Mutex(values)
    }

    @Sendable func snapshot() -> RuntimeSnapshot {
        values.withLock { $0 }
    }

    /// Makes a step's changes (to `instance` and to others) and returns the changed instances'
    /// properties whole (`own` nil: the step changed none of its instance's).
    func merge(_ produced: StepOutput, into instance: String) -> (own: [String: JSONValue]?, others: [String: [String: JSONValue]]) {
        values.withLock { values in
            var own: [String: JSONValue]?
            if !produced.own.isEmpty {
                let changed = produced.own.applied(to: values[instance] ?? [:])
                values.set(changed, of: instance)
                own = changed
            }
            var others: [String: [String: JSONValue]] = [:]
            for (other, changes) in produced.others where !changes.isEmpty {
                let changed = changes.applied(to: values[other] ?? [:])
                values.set(changed, of: other)
                others[other] = changed
            }
            return (own, others)
        }
    }
}

/// Results handed from step tasks to the walker; the walker takes all that are there at once.
private final class ResultBuffer: Sendable {
    private let items = Mutex<[(Int, Result<StepOutput, any Error>)]>([])

    func append(_ index: Int, _ result: Result<StepOutput, any Error>) {
        items.withLock { $0.append((index, result)) }
    }

    func drain() -> [(Int, Result<StepOutput, any Error>)] {
        items.withLock { items in
            let taken = items
            items = []
            return taken
        }
    }
}
