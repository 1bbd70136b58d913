import YAMLSource

/// Loads a blueprint: reads the main file and its imports, checks the DSL version, merges the
/// sections, parses and flattens the types, parses node templates and the other sections,
/// checks every value and function, and binds the given inputs. Never throws and never traps:
/// every problem, in every file, becomes a diagnostic.
public enum BlueprintLoader {
    /// The sections kept as written in `Blueprint.otherSections`.
    static let keptSections = ["labels", "blueprint_labels", "metadata", "deployment_settings", "policy_types", "policy_triggers", "upload_resources", "resource_tags"]

    /// Loads the blueprint at `path` (as the user named it: diagnostics use this path).
    /// - Parameters:
    ///   - inputs: values given with `--inputs` / `--input`, bound to the declared inputs.
    ///   - secrets: the values get_secret reads; a secret the blueprint uses without a value is
    ///     an error (BV0320). nil when they are not known (a library caller checking the
    ///     blueprint alone): get_secret then stays pending and is not checked.
    ///   - limits: bounds for every YAML file read (size, nesting, alias expansion).
    ///   - missing: the values that may be missing (`validate` given none of them): a required
    ///     input or a secret without a value is then a warning, its uses stay unknown until a
    ///     deployment gives it, and the blueprint is still built, so every later check runs.
    /// - Returns: the blueprint when there is no error, and every diagnostic, sorted.
    public static func load(path: String, inputs provided: [ProvidedInput] = [], secrets: Secrets? = nil, limits: YAMLLimits = .standard,
                            missing: MissingValues = []) -> LoadedBlueprint {
        var diagnostics: [Diagnostic] = []
        var sources = readSources(path: path, limits: limits, diagnostics: &diagnostics)
        let files = sources.files
        guard let merger = sources.takeMerger() else {
            return LoadedBlueprint(blueprint: nil, diagnostics: diagnostics.sortedBySource, files: files)
        }

        var assembler = Assembler(merger: merger, importedBuiltins: sources.importedBuiltins, mainFile: path)
        assembler.unresolvedImports = sources.unresolvedImports
        let parts = assembler.assemble(provided: provided, secrets: secrets)
        diagnostics += missing.relaxed(assembler.diagnostics)

        var blueprint: Blueprint?
        if let version = sources.version, !diagnostics.hasErrors {
            blueprint = Blueprint(
                dslVersion: version, description: sources.description, mainFile: path, files: files,
                inputs: parts.inputs, inputValues: parts.inputValues, dataTypes: parts.dataTypes, nodeTypes: parts.nodeTypes,
                relationshipTypes: parts.relationshipTypes, nodeTemplates: parts.nodeTemplates, outputs: parts.outputs,
                capabilities: parts.capabilities, plugins: parts.plugins, workflows: parts.workflows, groups: parts.groups,
                policies: parts.policies, otherSections: parts.otherSections)
            blueprint?.secrets = secrets ?? Secrets()
            blueprint?.undeclaredTemplateParameters = assembler.undeclaredTemplateParameters
        }
        return LoadedBlueprint(blueprint: blueprint, diagnostics: NamespacePrefixer.explained(diagnostics, files: files).sortedBySource, files: files)
    }

    /// What the assembly needs of a blueprint's files, read, checked and merged by section.
    private struct Sources {
        var files: [BlueprintFile] = []
        /// nil when there is nothing to assemble (no main file).
        var merger: SectionMerger?
        var version: DSLVersion?
        var description: String?
        var importedBuiltins: Set<String> = []
        var unresolvedImports: [UnresolvedImport] = []

        /// The merger, kept nowhere else: the assembly frees each node template's YAML tree
        /// as it goes (`SectionMerger.take`).
        mutating func takeMerger() -> SectionMerger? {
            defer { merger = nil }
            return merger
        }
    }

    /// Reads the main file and its imports, checks their DSL versions and merges their sections.
    /// The documents themselves are not kept: only the merger holds their trees.
    private static func readSources(path: String, limits: YAMLLimits, diagnostics: inout [Diagnostic]) -> Sources {
        var sources = Sources()
        var collector = SourceCollector(limits: limits)
        collector.collect(mainPath: path)
        diagnostics += collector.diagnostics
        sources.importedBuiltins = collector.importedBuiltins
        sources.unresolvedImports = collector.unresolvedImports
        let prefixer = NamespacePrefixer(documents: collector.documents)
        let documents = collector.documents.map(prefixer.prefixed)
        sources.files = documents.map(\.file)
        guard let main = documents.first, main.root != nil || !diagnostics.hasErrors else { return sources }

        var versions = DSLVersionChecker()
        let version = versions.mainVersion(of: main)
        let versionRange = main.root?["tosca_definitions_version"]?.range
        for document in documents.dropFirst() { versions.checkImported(document, mainVersion: version) }
        if let version {
            for document in documents { versions.checkFeatures(of: document, version: version, versionRange: versionRange) }
            versions.checkMerging(of: documents, version: version, versionRange: versionRange)
        }
        diagnostics += versions.diagnostics
        sources.version = version
        sources.description = main.root?["description"]?.scalar?.text

        // A description is text (Cloudify refuses a list or mapping there too).
        for document in documents {
            if let description = document.root?["description"], description.scalar == nil {
                diagnostics.append(.error(.wrongShape, "'description' must be a string, not \(description.kindDescription)", at: description.range,
                                              notes: [ShapeHint.text]))
            }
        }

        var merger = SectionMerger()
        for document in documents { merger.add(document) }
        diagnostics += merger.diagnostics
        sources.merger = merger
        return sources
    }
}
