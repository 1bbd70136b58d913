/// The lifecycle state of a node instance, as in Cloudify: each finished lifecycle operation
/// moves it on (create → created, configure → configured, start → started, stop → stopped,
/// delete → deleted); `creating`, `stopping` and `deleting` say such an operation began and has
/// not finished: its object may or may not exist.
public enum NodeInstanceState: String, Sendable, Hashable, CaseIterable, Codable {
    case uninitialized, creating, created, configured, started, stopping, stopped, deleting, deleted, failed
}
