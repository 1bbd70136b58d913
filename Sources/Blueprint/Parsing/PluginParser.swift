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
        func text(_ key: String) -> String? {
            guard let value = DefinitionReader.entry(key, in: pairs)?.value else { return nil }
            // Versions are often written unquoted (`package_version: 0.9`): take the text as written.
            if let scalar = value.scalar, scalar.value != .null { return scalar.text }
            diagnostics.append(.error(.wrongShape, "'\(key)' of \(what) must be a string, not \(value.kindDescription)", at: value.range))
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
                diagnostics.append(.error(.wrongShape, "'install' of \(what) must be true or false, not \(installNode.kindDescription)", at: installNode.range))
            }
        }
        let source = text("source"), packageName = text("package_name"), packageVersion = text("package_version")
        if install, source == nil, packageName == nil {
            diagnostics.append(.error(.invalidPlugin, "\(what) is to be installed but names neither a source nor a package_name", at: entry.key.range,
                                      notes: [DiagnosticNote("add 'package_name' (or 'source'), or 'install: false' if it is installed already")]))
        }
        if let properties = DefinitionReader.entry("properties", in: pairs)?.value,
           let propertyPairs = DefinitionReader.pairs(properties, of: "the properties of \(what)", diagnostics: &diagnostics) {
            for pair in propertyPairs {
                // Cloudify's plugin property is {description, type, display_label, value}: the
                // value comes with the declaration. Such a declaration is checked for its keys
                // alone; one in the input form (a default) is checked as an input.
                if let fields = pair.value.pairs, DefinitionReader.entry("value", in: fields) != nil {
                    let name = pair.key.string ?? "?"
                    DefinitionReader.checkKeys(fields, allowed: ["description", "type", "display_label", "value"],
                                               in: "property '\(name)' of \(what)", diagnostics: &diagnostics)
                    continue
                }
                if let schema = PropertySchema.parse(name: pair.key, declaration: pair.value, kind: .input, diagnostics: &diagnostics) {
                    checks.declaration(schema, kind: .input)
                }
            }
        }
        return Plugin(name: entry.name, executor: executor, source: source, packageName: packageName, packageVersion: packageVersion,
                      install: install, definition: entry.value, range: entry.value.range, nameRange: entry.key.range)
    }
}
