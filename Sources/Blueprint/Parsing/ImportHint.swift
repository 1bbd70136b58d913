import YAMLSource

/// Notes that name the import a blueprint lacks when it uses a built-in type it did not import
/// (`cloudify.libvirt.domain` without `plugin:cloudify-libvirt-plugin`).
enum ImportHint {
    private static let imports: [(key: String, reference: String, what: String, prefixes: [String])] = [
        (BuiltinImports.libvirtPlugin, BuiltinImports.libvirtImportHint, "the libvirt plugin's types", ["cloudify.libvirt."]),
        (BuiltinImports.utilitiesPlugin, BuiltinImports.utilitiesImportHint, "the utilities plugin's types",
         ["cloudify.nodes.CloudInit.", "cloudify.keys.", "cloudify.nodes.keys.", "cloudify.terminal.", "cloudify.nodes.terminal."]),
        (BuiltinImports.cloudifyTypes, BuiltinImports.cloudifyImportHint, "Cloudify's core types", ["cloudify.nodes.", "cloudify.relationships."]),
    ]

    private static let managerOnly = "it works with a Cloudify manager's deployments, which bluevirt does not have"
    private static let agentScript = "it runs Cloudify's own scripts through an agent on the machine, and bluevirt installs no agent; "
        + "mount the file system from a script of your own (a cloudify.nodes.SoftwareComponent contained_in the machine)"

    private static let utilitiesManagerOnly = "the utilities plugin runs it against a Cloudify manager (its REST API, secrets or deployments), which bluevirt does not have"
    private static let utilitiesAgent = "the utilities plugin runs it through an agent on the machine, and bluevirt installs no agent; "
        + "do the same from a script of your own or with terminal.cloudify_terminal.tasks.run"
    private static let utilitiesSecrets = "the utilities plugin keeps them in a Cloudify manager's secrets store; bluevirt's store is the state's: "
        + "set a secret with `bluevirt secret set NAME VALUE` (or --secret NAME=VALUE) and read it with get_secret"
    private static let utilitiesModifiedISO = "bluevirt does not rewrite an ISO; to give a domain files on a CD, make a new one with cloudify.libvirt.ISO9660 "
        + "(files in an ISO volume) or bluevirt.nodes.CloudInitSeed (a cloud-init seed)"
    private static let utilitiesNotBuiltIn = "bluevirt's built-in utilities plugin carries only CloudInit.CloudConfig, the RSA key, the terminal and the configuration loader types; "
        + "do the same from a script of your own"

    /// Names in Cloudify's types.yaml and in the utilities plugin's plugin.yaml that bluevirt's
    /// built-in copies leave out, with why.
    static let leftOut: [String: String] = [
        "cloudify.nodes.DeploymentProxy": utilitiesManagerOnly,
        "cloudify.nodes.NodeInstanceProxy": utilitiesManagerOnly,
        "cloudify.nodes.secrets.Writer": utilitiesSecrets,
        "cloudify.nodes.secrets.Reader": utilitiesSecrets,
        "cloudify.nodes.resources.List": utilitiesManagerOnly,
        "cloudify.nodes.resources.ListItem": utilitiesManagerOnly,
        "cloudify.nodes.File": utilitiesAgent,
        "cloudify.nodes.ftp": utilitiesNotBuiltIn,
        "cloudify.nodes.rest.Requests": utilitiesNotBuiltIn,
        "cloudify.rest.Requests": utilitiesNotBuiltIn,
        "cloudify.nodes.rest.BunchRequests": utilitiesNotBuiltIn,
        "cloudify.rest.BunchRequests": utilitiesNotBuiltIn,
        // The relationships of those node types.
        "cloudify.relationships.resources.reserve_list_item": utilitiesManagerOnly,
        "cloudify.nodes.resources.ModifiedIso": utilitiesModifiedISO,
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

    /// The names each built-in file defines at two spaces of indentation (its types), read once:
    /// a substring search over the whole file per lookup was most of a small blueprint's run.
    private static let definedNames: [String: Set<Substring>] = Dictionary(uniqueKeysWithValues: imports.map { candidate in
        (candidate.key, EmbeddedGrammar.files[candidate.key].map(namesAtTypeIndentation) ?? [])
    })

    private static func namesAtTypeIndentation(_ text: String) -> Set<Substring> {
        var names = Set<Substring>()
        for line in text.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
            if let colon = line.firstIndex(of: ":") { names.insert(line.dropFirst(2)[..<colon]) }
        }
        return names
    }

    /// A note naming the import that defines `typeName`, when a built-in that was not imported
    /// does, or saying why bluevirt leaves out a type of Cloudify's types.yaml.
    static func note(forType typeName: String, importedBuiltins: Set<String>) -> DiagnosticNote? {
        if let reason = leftOut[typeName] {
            return DiagnosticNote("'\(typeName)' is one of Cloudify's types that bluevirt leaves out: \(reason)")
        }
        for candidate in imports where !importedBuiltins.contains(candidate.key) {
            guard definedNames[candidate.key]?.contains(Substring(typeName)) == true else { continue }
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
