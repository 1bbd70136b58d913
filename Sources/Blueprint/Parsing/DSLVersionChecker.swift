import YAMLSource

/// Reads `tosca_definitions_version` and refuses features that came with a later DSL version
/// than the blueprint declares.
///
/// Gated features, as Cloudify's own parser gates them (dsl_parser's `validate_version` calls):
/// - cloudify_dsl_1_1: `max_retries` and `retry_interval` of an operation; `install_arguments`
///   of a plugin; the `concat` function.
/// - cloudify_dsl_1_2: the `data_types`, `dsl_definitions` and `description` sections;
///   `required` in a property, input or parameter schema; a plugin's `package_name`,
///   `package_version`, `supported_platform`, `distribution`, `distribution_version`,
///   `distribution_release`.
/// - cloudify_dsl_1_3: the `policies` and `resource_tags` sections; the `merge` function; `capabilities` of a node
///   template; `display_label` and `hidden` of an input; and the sections that several files may
///   define together (inputs, outputs, node_templates, capabilities, labels, blueprint_labels,
///   resource_tags): before 1_3 only one file may.
/// - cloudify_dsl_1_4: `item_type` of an input; input types that name manager entities
///   (blueprint_id, deployment_id, capability_value, secret_key, node_id, node_type,
///   node_instance, scaling_group), as input or property types; `availability_rules` of a workflow.
/// - cloudify_dsl_1_5: `error_message` beside a constraint's operator (in an input);
///   `properties` and `properties_description` of a plugin, and an import
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
        // A built-in imported under a name that implies no version takes the main file's.
        if document.file.isBuiltin, document.file.declaredVersion == nil { return }
        guard let versionNode = document.root?["tosca_definitions_version"],
              let version = version(versionNode), let mainVersion, version > mainVersion else { return }
        diagnostics.append(.error(
            .importedVersionTooNew,
            "'\(document.file.shortName)' declares \(version.rawValue), later than the main blueprint's \(mainVersion.rawValue)",
            // A built-in file's lines are not the user's: point at the import that brought it.
            at: document.file.isBuiltin ? (document.file.importedAt ?? versionNode.range) : versionNode.range,
            notes: [DiagnosticNote(document.file.isBuiltin
                ? "Cloudify's types.yaml from Cloudify 3.4 on is written for \(version.rawValue): declare it in the main blueprint, or import the types.yaml of Cloudify 3.x (such as http://www.getcloudify.org/spec/cloudify/3.3.1/types.yaml)"
                : "raise the main blueprint's tosca_definitions_version to \(version.rawValue), or lower this file's")]))
    }

    private mutating func version(_ node: Node) -> DSLVersion? {
        guard let text = node.string else {
            diagnostics.append(.error(.unsupportedDSLVersion, "tosca_definitions_version must be a string such as '\(DSLVersion.v1_3.rawValue)', not \(node.kindDescription)", at: node.range,
                                      notes: [DiagnosticNote("supported versions: \(DSLVersion.validList)")]))
            return nil
        }
        if let version = DSLVersion(rawValue: text) { return version }
        var notes: [DiagnosticNote] = []
        if let suggestion = DidYouMean.note(for: text, among: DSLVersion.allCases.map(\.rawValue)) {
            notes.append(DiagnosticNote(suggestion))
        }
        notes.append(DiagnosticNote("supported versions: \(DSLVersion.validList)"))
        diagnostics.append(.error(.unsupportedDSLVersion, "unsupported DSL version '\(text)'", at: node.range, notes: notes))
        return nil
    }

    /// Reports features of `document` that its blueprint's version does not have.
    mutating func checkFeatures(of document: LoadedDocument, version: DSLVersion, versionRange: SourceRange?) {
        guard !document.file.isBuiltin, let root = document.root else { return }
        let gate = { (needed: DSLVersion, feature: String, range: SourceRange, checker: inout DSLVersionChecker) in
            checker.require(needed, for: feature, at: range, version: version, versionRange: versionRange)
        }
        if version < .v1_5 {
            for (section, needed) in Self.gatedSections {
                if let key = root.pairs?.first(where: { $0.key.string == section })?.key, needed > version {
                    gate(needed, "the '\(section)' section", key.range, &self)
                }
            }
            for template in root["node_templates"]?.pairs ?? [] {
                if let key = template.value.keyNode("capabilities") { gate(.v1_3, "'capabilities' of a node template", key.range, &self) }
            }
            for input in root["inputs"]?.pairs ?? [] {
                for name in ["display_label", "hidden"] {
                    if let key = input.value.keyNode(name) { gate(.v1_3, "'\(name)' of an input", key.range, &self) }
                }
            }
            for input in root["inputs"]?.pairs ?? [] {
                for constraint in input.value["constraints"]?.items ?? [] {
                    if let key = constraint.keyNode("error_message") { gate(.v1_5, "'error_message' of a constraint", key.range, &self) }
                }
            }
            for workflow in root["workflows"]?.pairs ?? [] {
                if let key = workflow.value.keyNode("availability_rules") { gate(.v1_4, "'availability_rules' of a workflow", key.range, &self) }
            }
            for plugin in root["plugins"]?.pairs ?? [] {
                for pair in plugin.value.pairs ?? [] {
                    guard let name = pair.key.string, let needed = Self.gatedPluginKeys[name] else { continue }
                    gate(needed, "'\(name)' of a plugin", pair.key.range, &self)
                }
            }
            for schema in Self.propertySchemas(of: root) {
                if let key = schema.keyNode("required") { gate(.v1_2, "'required' in a property schema", key.range, &self) }
            }
            Self.forEachOperation(in: root) { operation in
                for name in ["max_retries", "retry_interval"] {
                    if let key = operation.keyNode(name) { gate(.v1_1, "'\(name)' of an operation", key.range, &self) }
                }
            }
            if version < .v1_1 {
                for key in Self.functionKeys(named: "concat", in: root) { gate(.v1_1, "the 'concat' function", key.range, &self) }
            }
            if version < .v1_3 {
                for key in Self.functionKeys(named: "merge", in: root) { gate(.v1_3, "the 'merge' function", key.range, &self) }
            }
        }
        // Workflow parameters share the input schema, item_type's gate included.
        let workflowParameters = (root["workflows"]?.pairs ?? []).flatMap { $0.value["parameters"]?.pairs ?? [] }
        for parameter in workflowParameters {
            if let key = parameter.value.pairs?.first(where: { $0.key.string == "item_type" })?.key {
                require(.v1_4, for: "'item_type' of a workflow parameter", at: key.range, version: version, versionRange: versionRange)
            }
        }
        for input in root["inputs"]?.pairs ?? [] {
            if let key = input.value.pairs?.first(where: { $0.key.string == "item_type" })?.key {
                require(.v1_4, for: "'item_type' of an input", at: key.range, version: version, versionRange: versionRange)
            }
            if let type = input.value["type"], let name = type.string, Self.entityInputTypes.contains(name) {
                require(.v1_4, for: "the input type '\(name)'", at: type.range, version: version, versionRange: versionRange)
            }
        }
        // The same types as property types of node types, relationships and data types (Cloudify's err_code 102).
        for section in ["node_types", "relationships", "data_types"] {
            for definition in root[section]?.pairs ?? [] {
                for property in definition.value["properties"]?.pairs ?? [] {
                    if let type = property.value["type"], let name = type.string, Self.entityInputTypes.contains(name) {
                        require(.v1_4, for: "the property type '\(name)'", at: type.range, version: version, versionRange: versionRange)
                    }
                }
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

    /// Reports sections that more than one file defines, before cloudify_dsl_1_3 (which first
    /// merges them); Cloudify refuses such an import as a "non-mergeable field".
    mutating func checkMerging(of documents: [LoadedDocument], version: DSLVersion, versionRange: SourceRange?) {
        guard version < .v1_3 else { return }
        for section in Self.mergeableFromV1_3 {
            let defining = documents.filter { !$0.file.isBuiltin && $0.root?.pairs?.contains { $0.key.string == section } == true }
            for document in defining.dropFirst() {
                guard let key = document.root?.pairs?.first(where: { $0.key.string == section })?.key else { continue }
                require(.v1_3, for: "'\(section)' in more than one file", at: key.range, version: version, versionRange: versionRange)
            }
        }
    }

    /// Top-level sections and the version that introduced them.
    static let gatedSections: [(String, DSLVersion)] = [
        ("data_types", .v1_2), ("dsl_definitions", .v1_2), ("description", .v1_2),
        ("policies", .v1_3), ("resource_tags", .v1_3),
    ]

    /// Plugin keys and the version that introduced them (`properties` are checked separately,
    /// with the plugin imports that give them values).
    static let gatedPluginKeys: [String: DSLVersion] = [
        "install_arguments": .v1_1,
        "package_name": .v1_2, "package_version": .v1_2, "supported_platform": .v1_2,
        "distribution": .v1_2, "distribution_version": .v1_2, "distribution_release": .v1_2,
    ]

    /// Sections that only cloudify_dsl_1_3 and later merge across files.
    static let mergeableFromV1_3 = ["inputs", "outputs", "node_templates", "capabilities", "blueprint_labels", "labels", "resource_tags"]

    /// The property schemas of a file: of node types, relationships and data types, of inputs,
    /// and of workflow parameters.
    private static func propertySchemas(of root: Node) -> [Node] {
        var schemas: [Node] = []
        for section in ["node_types", "relationships", "data_types"] {
            for type in root[section]?.pairs ?? [] {
                schemas += (type.value["properties"]?.pairs ?? []).map(\.value)
            }
        }
        schemas += (root["inputs"]?.pairs ?? []).map(\.value)
        for workflow in root["workflows"]?.pairs ?? [] {
            schemas += (workflow.value["parameters"]?.pairs ?? []).map(\.value)
        }
        return schemas
    }

    /// Every operation written as a mapping in the interfaces of node types, node templates and
    /// relationships, in document order. Visited in place: collecting them into arrays first cost
    /// 6 M instructions for a blueprint of 1,000 node templates.
    private static func forEachOperation(in root: Node, _ body: (Node) -> Void) {
        func visit(_ interfaces: Node?) {
            for interface in interfaces?.pairs ?? [] {
                for operation in interface.value.pairs ?? [] where operation.value.pairs != nil { body(operation.value) }
            }
        }
        for section in ["node_types", "node_templates"] {
            for entry in root[section]?.pairs ?? [] {
                visit(entry.value["interfaces"])
                for relationship in entry.value["relationships"]?.items ?? [] {
                    visit(relationship["source_interfaces"])
                    visit(relationship["target_interfaces"])
                }
            }
        }
        for relationship in root["relationships"]?.pairs ?? [] {
            visit(relationship.value["source_interfaces"])
            visit(relationship.value["target_interfaces"])
        }
    }

    /// The keys of every single-entry mapping named `function` in the tree (a function call).
    private static func functionKeys(named function: String, in root: Node) -> [Node] {
        var found: [Node] = []
        var pending = [root]
        while let node = pending.popLast() {
            if let pairs = node.pairs {
                if pairs.count == 1, pairs[0].key.string == function { found.append(pairs[0].key) }
                pending += pairs.map(\.value)
            } else if let items = node.items {
                pending += items
            }
        }
        return found
    }

    /// Input types whose values name Cloudify manager entities.
    static let entityInputTypes: Set<String> = [
        "blueprint_id", "deployment_id", "capability_value", "secret_key", "node_id", "node_type", "node_instance", "scaling_group",
    ]

    mutating func require(_ needed: DSLVersion, for feature: String, at range: SourceRange, version: DSLVersion, versionRange: SourceRange?) {
        guard version < needed else { return }
        diagnostics.append(.error(
            .featureNeedsLaterVersion,
            "\(feature) came with \(needed.rawValue); this blueprint declares \(version.rawValue)",
            at: range,
            notes: [DiagnosticNote("declare 'tosca_definitions_version: \(needed.rawValue)' to use it", at: versionRange)]))
    }
}
