import Platform

/// The name of a deployment, which every libvirt object name starts with.
public enum DeploymentName {
    /// The default: the blueprint file's name without its extension
    /// (`blueprints/two-vms-one-network.yaml` → `two-vms-one-network`).
    public static func `default`(forBlueprint path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// Why `name` cannot name a deployment, or nil when it can. The name goes into libvirt object
    /// names, XML metadata and file names: control characters would make XML that is not
    /// well-formed, and '/' cannot be in a libvirt name.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "a deployment name cannot be empty" }
        if name.unicodeScalars.count > 64 { return "a deployment name has at most 64 characters" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return "a deployment name cannot hold control characters"
        }
        if name.contains("/") { return "a deployment name cannot hold '/'" }
        if name.hasPrefix("-") || name.hasPrefix(".") { return "a deployment name cannot start with '-' or '.'" }
        return nil
    }
}
