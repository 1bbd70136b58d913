/// The workflow an execution runs: `apply` runs install, `destroy` runs uninstall.
public enum Workflow: String, Sendable, Hashable, CaseIterable, Codable {
    case install, uninstall
}
