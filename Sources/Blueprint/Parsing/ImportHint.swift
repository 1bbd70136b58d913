import YAMLSource

/// Notes that name the import a blueprint lacks when it uses a built-in type it did not import
/// (`cloudify.libvirt.domain` without `plugin:cloudify-libvirt-plugin`).
enum ImportHint {
    private static let imports: [(key: String, reference: String, what: String, prefixes: [String])] = [
        (BuiltinImports.libvirtPlugin, BuiltinImports.libvirtImportHint, "the libvirt plugin's types", ["cloudify.libvirt."]),
        (BuiltinImports.cloudifyTypes, BuiltinImports.cloudifyImportHint, "Cloudify's core types", ["cloudify.nodes.", "cloudify.relationships."]),
    ]

    /// A note naming the import that defines `typeName`, when a built-in that was not imported does.
    static func note(forType typeName: String, importedBuiltins: Set<String>) -> DiagnosticNote? {
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
