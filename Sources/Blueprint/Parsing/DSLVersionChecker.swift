import YAMLSource

/// Reads `tosca_definitions_version` and refuses features that came with a later DSL version
/// than the blueprint declares.
///
/// Gated features, as Cloudify's own parser gates them (dsl_parser):
/// - cloudify_dsl_1_4: `item_type` of an input; input types that name manager entities
///   (blueprint_id, deployment_id, capability_value, secret_key, node_id, node_type,
///   node_instance, scaling_group).
/// - cloudify_dsl_1_5: `properties` and `properties_description` of a plugin, and an import
///   written as a mapping that gives a plugin properties (`- plugin:NAME: {...}`).
/// Built-in definitions are not gated: they are written for every supported version.
struct DSLVersionChecker {
    private(set) var diagnostics: [Diagnostic] = []

    /// The main file's version, or nil (with a diagnostic) when missing or unsupported.
    mutating func mainVersion(of document: LoadedDocument) -> DSLVersion? {
        // A file that is no mapping is reported as such; a missing version would only repeat it.
        if let root = document.root, root.pairs == nil, root.scalar?.value != .null { return nil }
        guard let versionNode = document.root?["tosca_definitions_version"] else {
            let start = document.root?.range ?? .wholeFile(document.file.path)
            diagnostics.append(.error(
                .missingDSLVersion, "the blueprint does not declare 'tosca_definitions_version'",
                at: SourceRange(file: start.file, start: start.start, end: start.start),
                notes: [DiagnosticNote("add 'tosca_definitions_version: \(DSLVersion.v1_3.rawValue)' (or \(DSLVersion.v1_4.rawValue), \(DSLVersion.v1_5.rawValue)) at the top of the file")]))
            return nil
        }
        return version(versionNode)
    }

    /// Checks an imported file's own version against the main file's.
    mutating func checkImported(_ document: LoadedDocument, mainVersion: DSLVersion?) {
        guard let versionNode = document.root?["tosca_definitions_version"],
              let version = version(versionNode), let mainVersion, version > mainVersion else { return }
        diagnostics.append(.error(
            .importedVersionTooNew,
            "'\(document.file.shortName)' declares \(version.rawValue), later than the main blueprint's \(mainVersion.rawValue)",
            at: versionNode.range,
            notes: [DiagnosticNote("raise the main blueprint's tosca_definitions_version to \(version.rawValue), or lower this file's")]))
    }

    /// Cloudify's DSL versions before the oldest bluevirt reads.
    static let olderVersions: Set<String> = ["cloudify_dsl_1_0", "cloudify_dsl_1_1", "cloudify_dsl_1_2"]

    private mutating func version(_ node: Node) -> DSLVersion? {
        guard let text = node.string else {
            diagnostics.append(.error(.unsupportedDSLVersion, "tosca_definitions_version must be a string such as '\(DSLVersion.v1_3.rawValue)', not \(node.kindDescription)", at: node.range,
                                      notes: [DiagnosticNote("supported versions: \(DSLVersion.validList)")]))
            return nil
        }
        if let version = DSLVersion(rawValue: text) { return version }
        var notes: [DiagnosticNote] = []
        if Self.olderVersions.contains(text) {
            // Not a typo: a blueprint written for an older Cloudify (nodecellar 3.x and the like).
            notes.append(DiagnosticNote("\(text) is older than bluevirt reads; \(DSLVersion.v1_3.rawValue) has everything it had, so declare \(DSLVersion.v1_3.rawValue)"))
        } else if let suggestion = DidYouMean.note(for: text, among: DSLVersion.allCases.map(\.rawValue)) {
            notes.append(DiagnosticNote(suggestion))
        }
        notes.append(DiagnosticNote("supported versions: \(DSLVersion.validList)"))
        diagnostics.append(.error(.unsupportedDSLVersion, "unsupported DSL version '\(text)'", at: node.range, notes: notes))
        return nil
    }

    /// Reports features of `document` that its blueprint's version does not have.
    mutating func checkFeatures(of document: LoadedDocument, version: DSLVersion, versionRange: SourceRange?) {
        guard !document.file.isBuiltin, let root = document.root else { return }
        for input in root["inputs"]?.pairs ?? [] {
            if let key = input.value.pairs?.first(where: { $0.key.string == "item_type" })?.key {
                require(.v1_4, for: "'item_type' of an input", at: key.range, version: version, versionRange: versionRange)
            }
            if let type = input.value["type"], let name = type.string, Self.entityInputTypes.contains(name) {
                require(.v1_4, for: "the input type '\(name)'", at: type.range, version: version, versionRange: versionRange)
            }
        }
        for plugin in root["plugins"]?.pairs ?? [] {
            for pair in plugin.value.pairs ?? [] {
                guard let key = pair.key.string, key == "properties" || key == "properties_description" else { continue }
                require(.v1_5, for: "'\(key)' of a plugin", at: pair.key.range, version: version, versionRange: versionRange)
            }
        }
        for item in root["imports"]?.items ?? [] {
            if let pair = item.pairs?.first {
                require(.v1_5, for: "an import with plugin properties", at: pair.key.range, version: version, versionRange: versionRange)
            }
        }
    }

    /// Input types whose values name Cloudify manager entities.
    static let entityInputTypes: Set<String> = [
        "blueprint_id", "deployment_id", "capability_value", "secret_key", "node_id", "node_type", "node_instance", "scaling_group",
    ]

    private mutating func require(_ needed: DSLVersion, for feature: String, at range: SourceRange, version: DSLVersion, versionRange: SourceRange?) {
        guard version < needed else { return }
        diagnostics.append(.error(
            .featureNeedsLaterVersion,
            "\(feature) came with \(needed.rawValue); this blueprint declares \(version.rawValue)",
            at: range,
            notes: [DiagnosticNote("declare 'tosca_definitions_version: \(needed.rawValue)' to use it", at: versionRange)]))
    }
}
