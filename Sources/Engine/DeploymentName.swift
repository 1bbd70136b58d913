import Foundation

/// The name of a deployment, which every libvirt object name starts with.
public enum DeploymentName {
    /// The default: the blueprint file's name without its extension
    /// (`blueprints/two-vms-one-network.yaml` → `two-vms-one-network`).
    public static func `default`(forBlueprint path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }
}
