/// The lifecycle state of a node instance, as in Cloudify: each finished lifecycle operation
/// moves it on (create → created, configure → configured, start → started, stop → stopping,
/// delete → deleted).
public enum NodeInstanceState: String, Sendable, Hashable, CaseIterable, Codable {
    case uninitialized, creating, created, configured, started, stopping, deleted, failed
}
