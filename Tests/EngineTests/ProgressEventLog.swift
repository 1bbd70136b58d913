import Engine
import Synchronization

/// Progress events as they came, from any task: what the engine tests read back.
final class ProgressEventLog: Sendable {
    private let events = Mutex<[ProgressEvent]>([])

    func add(_ event: ProgressEvent) { events.withLock { $0.append(event) } }

    var all: [ProgressEvent] { events.withLock { $0 } }

    var messages: [String] { all.map(\.message) }

    func steps(_ kind: ProgressEvent.Kind) -> [String] {
        all.filter { $0.kind == kind }.compactMap(\.step)
    }

    /// Where the event of `kind` for `step` came in the whole sequence.
    func position(of step: String, _ kind: ProgressEvent.Kind) -> Int? {
        all.firstIndex { $0.kind == kind && $0.step == step }
    }
}
