/// How an execution ended, or that it is still running (or was killed while running:
/// a `started` execution whose writer lock is free was interrupted).
public enum ExecutionStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case started, succeeded, failed, cancelled
}
