import YAMLSource

/// Notes that name the import a blueprint lacks when it uses a built-in type it did not import
/// (`cloudify.libvirt.domain` without `plugin:cloudify-libvirt-plugin`).
enum ImportHint {
    private static let imports: [(key: String, reference: String, what: String, prefixes: [String])] = [
        (BuiltinImports.libvirtPlugin, BuiltinImports.libvirtImportHint, "the libvirt plugin's types", ["cloudify.libvirt."]),
        (BuiltinImports.cloudifyTypes, BuiltinImports.cloudifyImportHint, "Cloudify's core types", ["cloudify.nodes.", "cloudify.relationships."]),
    ]

    private static let managerOnly = "it works with a Cloudify manager's deployments, which bluevirt does not have"
    private static let agentScript = "it runs Cloudify's own scripts through an agent on the machine, and bluevirt installs no agent; "
        + "mount the file system from a script of your own (a cloudify.nodes.SoftwareComponent contained_in the machine)"

    /// Names in Cloudify's types.yaml that bluevirt's built-in copy leaves out, with why.
    static let leftOut: [String: String] = [
        "cloudify.nodes.Component": managerOnly,
        "cloudify.nodes.ServiceComponent": managerOnly,
        "cloudify.nodes.SharedResource": managerOnly,
        "cloudify.nodes.Blueprint": managerOnly,
        "cloudify.nodes.CloudifyManager": managerOnly,
        "cloudify.relationships.connected_to_shared_resource": managerOnly,
        "cloudify.relationships.depends_on_shared_resource": managerOnly,
        "cloudify.relationships.file_system_depends_on_volume": agentScript,
        "cloudify.relationships.file_system_contained_in_compute": agentScript,
    ]

    /// A note naming the import that defines `typeName`, when a built-in that was not imported
    /// does, or saying why bluevirt leaves out a type of Cloudify's types.yaml.
    static func note(forType typeName: String, importedBuiltins: Set<String>) -> DiagnosticNote? {
        if let reason = leftOut[typeName] {
            return DiagnosticNote("'\(typeName)' is one of Cloudify's types that bluevirt leaves out: \(reason)")
        }
        for candidate in imports where !importedBuiltins.contains(candidate.key) {
            guard let text = EmbeddedGrammar.files[candidate.key], text.contains("\n  \(typeName):") else { continue }
            return DiagnosticNote("'\(typeName)' is one of \(candidate.what): add `- \(candidate.reference)` to `imports`")
        }
        // A misspelled name in a namespace that was not imported: the import is missing too.
        for candidate in imports where !importedBuiltins.contains(candidate.key) {
            guard candidate.prefixes.contains(where: typeName.hasPrefix) else { continue }
            return DiagnosticNote("names starting with '\(candidate.prefixes[0])' come from \(candidate.what): add `- \(candidate.reference)` to `imports`")
        }
        return nil
    }
}
