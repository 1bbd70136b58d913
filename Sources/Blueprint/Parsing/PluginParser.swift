import YAMLSource

/// Parses `plugins`: name → executor, source or package, install settings.
enum PluginParser {
    static let keys = [
        "executor", "source", "install", "install_arguments", "package_name", "package_version",
        "supported_platform", "distribution", "distribution_version", "distribution_release",
        "properties", "properties_description",
    ]

    static func parse(_ entry: SectionEntry, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> Plugin? {
        let what = "plugin '\(entry.name)'"
        guard let pairs = DefinitionReader.pairs(entry.value, of: what, diagnostics: &diagnostics) else { return nil }
        DefinitionReader.checkKeys(pairs, allowed: keys, in: what, diagnostics: &diagnostics)
        // Cloudify's plugin fields are text, null meaning absent: an unquoted version
        // (`package_version: 1.0`) is a number and does not upload there.
        func text(_ key: String) -> String? {
            guard let value = DefinitionReader.entry(key, in: pairs)?.value, value.scalar?.value != .null else { return nil }
            if let text = value.string { return text }
            let notes = value.scalar.map { [DiagnosticNote("quote it to make it text: '\($0.text)'")] } ?? []
            diagnostics.append(.error(.wrongShape, "'\(key)' of \(what) must be a string, not \(value.kindDescription)", at: value.range, notes: notes))
            return nil
        }
        var executor: String?
        if let executorPair = DefinitionReader.requireKey("executor", in: pairs, of: what, at: entry.key.range,
                                                             hint: "add 'executor: central_deployment_agent' (or host_agent)", diagnostics: &diagnostics),
           let value = DefinitionReader.string(executorPair.value, of: "the executor of \(what)", diagnostics: &diagnostics) {
            if Plugin.executors.contains(value) {
                executor = value
            } else {
                let note = DidYouMean.note(for: value, among: Plugin.executors) ?? "the executor is one of: \(Plugin.executors.joined(separator: ", "))"
                diagnostics.append(.error(.invalidPlugin, "unknown executor '\(value)' for \(what)", at: executorPair.value.range, notes: [DiagnosticNote(note)]))
            }
        }
        var install = true
        if let installNode = DefinitionReader.entry("install", in: pairs)?.value {
            if let flag = DefinitionReader.bool(installNode) {
                install = flag
            } else {
                diagnostics.append(.error(.wrongShape, "'install' of \(what) must be true or false, not \(installNode.kindDescription)", at: installNode.range,
                                          notes: [ShapeHint.flag]))
            }
        }
        let source = text("source"), packageName = text("package_name"), packageVersion = text("package_version")
        for key in ["install_arguments", "supported_platform", "distribution", "distribution_version", "distribution_release", "properties_description"] {
            _ = text(key)
        }
        if install, source == nil, packageName == nil {
            diagnostics.append(.error(.invalidPlugin, "\(what) is to be installed but names neither a source nor a package_name", at: entry.key.range,
                                      notes: [DiagnosticNote("add 'package_name' (or 'source'), or 'install: false' if it is installed already")]))
        }
        if let properties = DefinitionReader.entry("properties", in: pairs)?.value,
           let propertyPairs = DefinitionReader.pairs(properties, of: "the properties of \(what)", diagnostics: &diagnostics) {
            for pair in propertyPairs {
                checkProperty(pair, of: what, checks: &checks, diagnostics: &diagnostics)
            }
        }
        return Plugin(name: entry.name, executor: executor, source: source, packageName: packageName, packageVersion: packageVersion,
                      install: install, definition: entry.value, range: entry.value.range, nameRange: entry.key.range)
    }

    /// Cloudify's plugin property: {description, type, display_label, value}, the value given with
    /// the declaration (a manager shows the description and label when it asks for it). Only the
    /// type name is checked against the types known; the value is not checked against it, as in
    /// Cloudify.
    private static func checkProperty(_ pair: Pair, of what: String, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) {
        let name = pair.key.keyText
        let owner = "property '\(name)' of \(what)"
        guard let fields = DefinitionReader.pairs(pair.value, of: owner, diagnostics: &diagnostics) else { return }
        DefinitionReader.checkKeys(fields, allowed: propertyKeys, in: owner, diagnostics: &diagnostics)
        var schema = PropertySchema(name: name, range: pair.value.range, nameRange: pair.key.range)
        for key in ["description", "display_label"] {
            if let node = DefinitionReader.entry(key, in: fields)?.value, node.scalar?.value != .null {
                _ = DefinitionReader.string(node, of: "'\(key)' of \(owner)", diagnostics: &diagnostics)
            }
        }
        if let type = DefinitionReader.entry("type", in: fields)?.value, type.scalar?.value != .null,
           let typeName = DefinitionReader.string(type, of: "the type of \(owner)", diagnostics: &diagnostics) {
            schema.type = typeName
            schema.typeRange = type.range
            checks.declaration(schema)
        }
    }

    static let propertyKeys = ["description", "type", "display_label", "value"]
}
