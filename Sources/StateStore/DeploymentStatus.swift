/// Where a deployment is in its life, as `bluevirt list` shows it.
public enum DeploymentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case installing, installed, failed, uninstalling, uninstalled
}
