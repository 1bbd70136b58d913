import Platform
import StateStore

/// A deployment's executions as `bluevirt history` shows them: each run's workflow, parameters,
/// status, times, notes and error, and its steps with their durations and the lines they
/// logged, read from the recorded events.
public struct ExecutionHistory: Sendable {
    /// A line recorded as it was shown while the run went on: a script's output, a `ctx logger`
    /// line with its level (`[warning] disk almost full`), or a note of the run itself.
    public struct Note: Sendable {
        public var time: Date
        public var message: String
    }

    public struct Step: Sendable {
        public var key: String
        public var instance: String?
        /// `finished`, `failed`, or `started` (it never ended: the run was killed).
        public var status: String
        public var startedAt: Date?
        public var endedAt: Date?
        public var retries: Int
        public var error: String?
        public var notes: [Note] = []

        public var duration: TimeInterval? {
            guard let startedAt, let endedAt else { return nil }
            return endedAt.timeIntervalSince(startedAt)
        }
    }

    public struct Entry: Sendable {
        public var execution: Execution
        /// The notes of the whole run (an update's summary, a scale that changes nothing).
        public var notes: [Note]
        public var steps: [Step]

        public var duration: TimeInterval? { execution.endedAt.map { $0.timeIntervalSince(execution.startedAt) } }
    }

    public var deployment: String
    public var entries: [Entry]

    /// Reads every execution of `deployment`, oldest first.
    public static func read(deployment: String, store: StateStore) throws -> ExecutionHistory {
        let entries = try store.executions(deployment: deployment).map { execution in
            let events = try store.events(execution: execution.id)
            return Entry(execution: execution, notes: events.filter { $0.kind == .note && $0.step == nil }.map(Note.init(event:)),
                         steps: steps(of: events))
        }
        return ExecutionHistory(deployment: deployment, entries: entries)
    }

    /// The steps the events name, in the order each first appears.
    static func steps(of events: [ExecutionEvent]) -> [Step] {
        var order: [String] = []
        var steps: [String: Step] = [:]
        for event in events {
            guard let key = event.step else { continue }
            if steps[key] == nil {
                order.append(key)
                steps[key] = Step(key: key, instance: event.instanceID, status: "started", startedAt: nil, endedAt: nil, retries: 0, error: nil)
            }
            switch event.kind {
            case .stepStarted:
                if steps[key]?.startedAt == nil { steps[key]?.startedAt = event.time }
            case .stepFinished:
                steps[key]?.status = "finished"
                steps[key]?.endedAt = event.time
                steps[key]?.error = nil
            case .stepFailed:
                steps[key]?.status = "failed"
                steps[key]?.endedAt = event.time
                steps[key]?.error = event.message
            case .stepRetrying:
                steps[key]?.retries += 1
            case .note:
                steps[key]?.notes.append(Note(event: event))
            case .executionStarted, .executionFinished:
                break
            }
        }
        return order.compactMap { steps[$0] }
    }

    /// The history as JSON for `--json`: times in ISO 8601, durations in seconds.
    public var json: JSONValue {
        .array(entries.map { entry in
            let execution = entry.execution
            return .object([
                "id": .integer(execution.id), "deployment": .string(execution.deployment), "workflow": .string(execution.workflow.rawValue),
                "status": .string(execution.status.rawValue), "started_at": .string(Self.iso(execution.startedAt)),
                "ended_at": execution.endedAt.map { .string(Self.iso($0)) } ?? .null,
                "duration_seconds": entry.duration.map { .number(Self.rounded($0)) } ?? .null,
                "parameters": execution.parameters ?? .null, "error": execution.error.map(JSONValue.string) ?? .null,
                "notes": Self.json(entry.notes),
                "steps": .array(entry.steps.map { step in
                    .object([
                        "step": .string(step.key), "instance": step.instance.map(JSONValue.string) ?? .null, "status": .string(step.status),
                        "started_at": step.startedAt.map { .string(Self.iso($0)) } ?? .null,
                        "ended_at": step.endedAt.map { .string(Self.iso($0)) } ?? .null,
                        "duration_seconds": step.duration.map { .number(Self.rounded($0)) } ?? .null,
                        "retries": .integer(Int64(step.retries)), "error": step.error.map(JSONValue.string) ?? .null,
                        "notes": Self.json(step.notes),
                    ])
                }),
            ])
        })
    }

    private static func json(_ notes: [Note]) -> JSONValue {
        .array(notes.map { .object(["time": .string(iso($0.time)), "message": .string($0.message)]) })
    }

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Milliseconds are what the state records.
    static func rounded(_ seconds: TimeInterval) -> Double { (seconds * 1000).rounded() / 1000 }
}

extension ExecutionHistory.Note {
    init(event: ExecutionEvent) {
        self.init(time: event.time, message: event.message)
    }
}
