import Foundation

/// Turns a stream of byte counts into a few progress lines: one when a transfer starts, then
/// at most one every two seconds, and one when it completes.
final class ProgressThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var lastReport = Date.distantPast
    private var lastLabel = ""
    private let report: @Sendable (String) -> Void
    private let interval: TimeInterval

    init(interval: TimeInterval = 2, report: @escaping @Sendable (String) -> Void) {
        self.interval = interval
        self.report = report
    }

    func update(_ label: String, done: UInt64, total: UInt64?) {
        let now = Date()
        let complete = total.map { done >= $0 } ?? false
        lock.lock()
        let due = label != lastLabel || complete || now.timeIntervalSince(lastReport) >= interval
        if due {
            lastReport = now
            lastLabel = label
        }
        lock.unlock()
        guard due else { return }
        let amount = Self.mebibytes(done)
        if let total, total > 0 {
            report("\(label): \(amount) of \(Self.mebibytes(total)) MiB (\(done * 100 / total)%)")
        } else {
            report("\(label): \(amount) MiB")
        }
    }

    private static func mebibytes(_ bytes: UInt64) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }
}
