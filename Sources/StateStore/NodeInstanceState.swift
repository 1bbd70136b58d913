/// The lifecycle state of a node instance, as in Cloudify: each finished lifecycle operation
/// moves it on (create → created, configure → configured, start → started, stop → stopped,
/// delete → deleted); `creating` and `stopping` say such an operation began and has not finished.
public enum NodeInstanceState: String, Sendable, Hashable, CaseIterable, Codable {
    case uninitialized, creating, created, configured, started, stopping, stopped, deleted, failed
}
