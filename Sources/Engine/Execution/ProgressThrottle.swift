import Platform
import Synchronization

/// Turns a stream of byte counts into a few progress lines: one when a transfer starts, then
/// at most one every two seconds, and one when it completes.
final class ProgressThrottle: Sendable {
    /// When the last line was reported, and for which transfer.
    private let last = Mutex((report: Date.distantPast, label: ""))
    private let report: @Sendable (String) -> Void
    private let interval: TimeInterval

    init(interval: TimeInterval = 2, report: @escaping @Sendable (String) -> Void) {
        self.interval = interval
        self.report = report
    }

    func update(_ label: String, done: UInt64, total: UInt64?) {
        let now = Date()
        let complete = total.map { done >= $0 } ?? false
        let due = last.withLock { last in
            let due = label != last.label || complete || now.timeIntervalSince(last.report) >= interval
            if due { last = (now, label) }
            return due
        }
        guard due else { return }
        let amount = Self.mebibytes(done)
        if let total, total > 0 {
            report("\(label): \(amount) of \(Self.mebibytes(total)) MiB (\(done * 100 / total)%)")
        } else {
            report("\(label): \(amount) MiB")
        }
    }

    private static func mebibytes(_ bytes: UInt64) -> String {
        String(printf: "%.1f", Double(bytes) / 1_048_576)
    }
}
