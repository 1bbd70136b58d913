import Platform
import YAMLSource

/// One file of the blueprint with its parsed YAML (the first document; nil when the file is
/// empty or could not be parsed).
struct LoadedDocument {
    var file: BlueprintFile
    var root: Node?
    /// For a built-in file: its definitions that `root` holds only in outline.
    var outlined: OutlinedDefinitions?
}

/// Loads the main file and, transitively, everything it imports: relative paths against the
/// importing file, well-known addresses from the built-in definitions. Each file is loaded once,
/// so import cycles end by themselves. Nothing is ever fetched from the network.
struct SourceCollector {
    private(set) var documents: [LoadedDocument] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// The imports that could not be loaded (already reported), to explain what they would define.
    private(set) var unresolvedImports: [UnresolvedImport] = []
    private var loaded: Set<String> = []
    private let limits: YAMLLimits

    init(limits: YAMLLimits = .standard) {
        self.limits = limits
    }

    /// The built-in keys that were imported.
    var importedBuiltins: Set<String> {
        Set(documents.compactMap { if case .builtin(let key) = $0.file.origin { key } else { nil } })
    }

    mutating func collect(mainPath: String) {
        let main = YAMLLoader.load(contentsOf: mainPath, limits: limits)
        diagnostics += main.diagnostics
        loaded.insert("file:" + Self.canonical(mainPath))
        var pending: [LoadedDocument] = [document(for: BlueprintFile(path: mainPath, origin: .local, importedAt: nil, declaredVersion: nil), root: main.documents.first)]
        // Depth-first, in the order the imports are written, without recursion: import chains
        // may be long.
        while let next = pending.popLast() {
            documents.append(next)
            pending += imports(of: next).reversed()
        }
    }

    private func document(for file: BlueprintFile, root: Node?) -> LoadedDocument {
        var file = file
        if let version = root?["tosca_definitions_version"]?.string {
            file.declaredVersion = DSLVersion(rawValue: version)
        }
        return LoadedDocument(file: file, root: root)
    }

    /// Loads the files `document` imports that were not loaded before.
    private mutating func imports(of document: LoadedDocument) -> [LoadedDocument] {
        guard let importsNode = document.root?["imports"] else { return [] }
        guard let items = importsNode.items else {
            if importsNode.scalar?.value != .null {
                diagnostics.append(.error(.wrongShape, "'imports' must be a list, not \(importsNode.kindDescription)", at: importsNode.range,
                                          notes: [ShapeHint.list]))
            }
            return []
        }
        var result: [LoadedDocument] = []
        var listed: [String: SourceRange] = [:]
        for item in items {
            guard let reference = Self.referenceText(of: item) else {
                diagnostics.append(.error(.wrongShape, "an import must be a path or an address (a string), not \(item.kindDescription)", at: item.range,
                                          notes: [DiagnosticNote("write one import per list item: a file's path, relative to this file, or a URL")]))
                continue
            }
            // Cloudify refuses a list that names the same import twice ("Duplicate imports").
            if let first = listed[reference.text] {
                diagnostics.append(.error(.duplicateImport, "'\(reference.text)' is imported twice in the same list", at: reference.range,
                                          notes: [DiagnosticNote("first imported here", at: first), DiagnosticNote("remove one of the two entries")]))
                continue
            }
            listed[reference.text] = reference.range
            let written = ImportNamespace(splitting: reference.text)
            if written.namespaceHasDelimiter {
                diagnostics.append(.error(.namespaceHasDelimiter, "the import namespace '\(written.namespace ?? "")' contains '--'", at: reference.range,
                                          notes: [DiagnosticNote("an import is NAMESPACE--path, with one '--': the namespace is what comes before the last '--'"),
                                                  DiagnosticNote("to nest namespaces, import the file with its own namespace from inside the namespaced file")]))
                continue
            }
            let namespace = written.combined(withParent: document.file.namespace)
            let classified = ImportReference.classify(written.path, importingFile: document.file.path, importingIsBuiltin: document.file.isBuiltin)
            switch classified {
            case .builtin(let key):
                // Cloudify's types define the workflows and base types every blueprint shares:
                // they keep their names, so a namespace of their own is refused (as Cloudify
                // does; read unprefixed all the same, so that nothing else is reported for it);
                // under an enclosing namespace they are read unprefixed. bluevirt's other
                // built-ins (the libvirt plugin) keep their names under any namespace too.
                if key == BuiltinImports.cloudifyTypes, written.namespace != nil {
                    diagnostics.append(.error(.namespacedCloudifyTypes, "Cloudify's types.yaml cannot be imported under the namespace '\(namespace ?? "")'", at: reference.range,
                                              notes: [DiagnosticNote("its types, relationships and workflows keep their names; import '\(written.path)' without a namespace")]))
                }
                for builtinKey in [key] + BuiltinImports.companions(of: key, reference: written.path) {
                    guard loaded.insert("builtin:" + builtinKey).inserted else { continue }
                    guard var builtin = builtinDocument(builtinKey, importedAt: reference.range, diagnostics: &diagnostics) else { continue }
                    // The built-in types.yaml declares cloudify_dsl_1_3, as Cloudify's own does from
                    // Cloudify 3.4 on, so an older main blueprint may not import it (Cloudify refuses
                    // too). Imported by bluevirt's own name, or by the address of a Cloudify 3.x
                    // types.yaml (written for DSL 1_0..1_2), it takes the main blueprint's version.
                    if builtin.file.isBuiltin, Self.importsVersionless(written.path) { builtin.file.declaredVersion = nil }
                    result.append(builtin)
                }
            case .file(let displayPath, let canonicalPath):
                // A file is read once per namespace: under two namespaces it defines two sets of names.
                let key = "file:" + canonicalPath + (namespace.map { "#" + $0 } ?? "")
                guard !loaded.contains(key) else { continue }
                var isDirectory = false
                guard FileManager.default.fileExists(atPath: canonicalPath, isDirectory: &isDirectory) else {
                    var notes = [DiagnosticNote("looked for '\(displayPath)': relative imports are resolved against the importing file's directory")]
                    if let own = written.namespace {
                        notes.append(DiagnosticNote("'\(own)--' is read as a Cloudify import namespace (NAMESPACE--path); a file name that contains '--' cannot be imported"))
                    }
                    diagnostics.append(.error(.importNotFound, "imported file '\(written.path)' does not exist", at: reference.range, notes: notes))
                    continue
                }
                // Reported here, at the import entry the user wrote, rather than by the YAML
                // loader at line 1 of a directory that has no lines.
                guard !isDirectory else {
                    diagnostics.append(.error(.unreadableFile, "imported path '\(written.path)' is a directory, not a YAML file", at: reference.range,
                                              notes: [DiagnosticNote("import a file inside it, e.g. `- \(Self.exampleFile(inDirectory: canonicalPath, written: written.path))`")]))
                    continue
                }
                loaded.insert(key)
                let loadedYAML = YAMLLoader.load(contentsOf: displayPath, limits: limits)
                diagnostics += loadedYAML.diagnostics
                result.append(self.document(for: BlueprintFile(path: displayPath, origin: .local, importedAt: reference.range, declaredVersion: nil, namespace: namespace),
                                            root: loadedYAML.documents.first))
            case .unresolvable(let text):
                let unresolved = UnresolvedImport(text: text, range: reference.range)
                unresolvedImports.append(unresolved)
                diagnostics.append(Self.unresolvable(unresolved))
            }
        }
        return result
    }

    /// The built-in definition `key`, imported at `range`.
    private func builtinDocument(_ key: String, importedAt range: SourceRange, diagnostics: inout [Diagnostic]) -> LoadedDocument? {
        guard let text = EmbeddedGrammar.files[key] else {
            diagnostics.append(.error(.unresolvableImport, "the built-in definition '\(key)' is missing from this build of bluevirt", at: range))
            return nil
        }
        let path = BuiltinImports.displayPath(forKey: key)
        let file = BlueprintFile(path: path, origin: .builtin(key: key), importedAt: range, declaredVersion: nil)
        if let outlined = BuiltinImports.outlinedTree(forKey: key, path: path) {
            var builtin = document(for: file, root: outlined.root)
            builtin.outlined = outlined.definitions
            return builtin
        }
        let loadedYAML = BuiltinImports.tree(forKey: key, text: text, path: path, limits: limits)
        diagnostics += loadedYAML.diagnostics
        return document(for: file, root: loadedYAML.documents.first)
    }

    /// The import's text: a string item, or the key of a single-entry mapping
    /// (`- plugin:NAME: {properties}`, DSL 1_5).
    private static func referenceText(of item: Node) -> (text: String, range: SourceRange)? {
        if let text = item.string { return (text, item.range) }
        if let pairs = item.pairs, pairs.count == 1, let text = pairs[0].key.string { return (text, pairs[0].key.range) }
        return nil
    }

    private static func unresolvable(_ unresolved: UnresolvedImport) -> Diagnostic {
        let text = unresolved.text
        let builtinList = DiagnosticNote("built-in imports: " + BuiltinImports.knownAddresses.joined(separator: ", "))
        if text.hasPrefix("blueprint:") {
            return .error(.unresolvableImport, "cannot import '\(text)': it names a blueprint uploaded to a Cloudify manager, which bluevirt does not have",
                          at: unresolved.range,
                          notes: [DiagnosticNote("save that blueprint's file next to this one and import it by relative path")])
        }
        guard let plugin = unresolved.pluginName else {
            return .error(.unresolvableImport, "cannot import '\(text)': it is not a built-in definition and bluevirt does not fetch URLs", at: unresolved.range,
                          notes: [DiagnosticNote("bluevirt never downloads imports; save the file next to the blueprint and import it by relative path"), builtinList])
        }
        if DidYouMean.suggestion(for: plugin, among: ["libvirt"]) != nil {
            return .error(.unresolvableImport, "cannot import '\(text)': bluevirt does not include the \(plugin) plugin", at: unresolved.range,
                          notes: [DiagnosticNote("did you mean '\(BuiltinImports.libvirtImportHint)'?")])
        }
        // A plugin: its types come with tasks that only the plugin can run, so saving its
        // plugin.yaml locally checks the rest of the blueprint but does not make it runnable.
        return .error(.unresolvableImport, "cannot import '\(text)': bluevirt does not include the \(plugin) plugin", at: unresolved.range,
                      notes: [DiagnosticNote("bluevirt builds in Cloudify's core types and the libvirt, utilities and fabric plugins ('plugin:cloudify-libvirt-plugin', "
                                             + "'plugin:cloudify-utilities-plugin', 'plugin:cloudify-fabric-plugin'), and runs scripts; it never downloads imports"),
                              DiagnosticNote("the node types, relationships and tasks of the \(plugin) plugin stay unknown; replace them with libvirt types or scripts")])
    }

    /// The first YAML file in `directory` joined to the import text as written, or a placeholder
    /// name when it holds none, for the note on a directory import.
    private static func exampleFile(inDirectory directory: String, written: String) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let yaml = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        let base = written.hasSuffix("/") ? String(written.dropLast()) : written
        return base + "/" + (yaml.first ?? "types.yaml")
    }

    /// Whether a built-in import names no particular DSL version: bluevirt's own names, or the
    /// address of a types.yaml of Cloudify 3.0 to 3.3 (`.../spec/cloudify/3.2/types.yaml`).
    static func importsVersionless(_ reference: String) -> Bool {
        if reference.hasPrefix("bluevirt:") { return true }
        guard let url = HTTPAddress(reference) else { return false }
        let parts = url.pathComponents
        guard parts.count == 4, parts[0] == "spec", parts[1] == "cloudify" else { return false }
        let release = parts[2].split(separator: ".").compactMap { Int($0) }
        return release.count >= 2 && release[0] == 3 && release[1] < 4
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
