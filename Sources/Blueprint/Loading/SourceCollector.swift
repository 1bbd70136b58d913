import Foundation
import YAMLSource

/// One file of the blueprint with its parsed YAML (the first document; nil when the file is
/// empty or could not be parsed).
struct LoadedDocument {
    var file: BlueprintFile
    var root: Node?
}

/// Loads the main file and, transitively, everything it imports: relative paths against the
/// importing file, well-known addresses from the built-in definitions. Each file is loaded once,
/// so import cycles end by themselves. Nothing is ever fetched from the network.
struct SourceCollector {
    private(set) var documents: [LoadedDocument] = []
    private(set) var diagnostics: [Diagnostic] = []
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
                diagnostics.append(.error(.wrongShape, "'imports' must be a list, not \(importsNode.kindDescription)", at: importsNode.range))
            }
            return []
        }
        var result: [LoadedDocument] = []
        for item in items {
            guard let reference = Self.referenceText(of: item) else {
                diagnostics.append(.error(.wrongShape, "an import must be a path or an address (a string), not \(item.kindDescription)", at: item.range))
                continue
            }
            let classified = ImportReference.classify(reference.text, importingFile: document.file.path, importingIsBuiltin: document.file.isBuiltin)
            switch classified {
            case .builtin(let key):
                guard loaded.insert("builtin:" + key).inserted else { continue }
                guard let text = EmbeddedGrammar.files[key] else {
                    diagnostics.append(.error(.unresolvableImport, "the built-in definition '\(key)' is missing from this build of bluevirt", at: reference.range))
                    continue
                }
                let path = BuiltinImports.displayPath(forKey: key)
                let loadedYAML = YAMLLoader.load(string: text, file: path, limits: limits)
                diagnostics += loadedYAML.diagnostics
                result.append(self.document(for: BlueprintFile(path: path, origin: .builtin(key: key), importedAt: reference.range, declaredVersion: nil), root: loadedYAML.documents.first))
            case .file(let displayPath, let canonicalPath):
                guard !loaded.contains("file:" + canonicalPath) else { continue }
                guard FileManager.default.fileExists(atPath: canonicalPath) else {
                    diagnostics.append(.error(.importNotFound, "imported file '\(reference.text)' does not exist", at: reference.range,
                                              notes: [DiagnosticNote("looked for '\(displayPath)': relative imports are resolved against the importing file's directory")]))
                    continue
                }
                loaded.insert("file:" + canonicalPath)
                let loadedYAML = YAMLLoader.load(contentsOf: displayPath, limits: limits)
                diagnostics += loadedYAML.diagnostics
                result.append(self.document(for: BlueprintFile(path: displayPath, origin: .local, importedAt: reference.range, declaredVersion: nil), root: loadedYAML.documents.first))
            case .unresolvable(let text):
                diagnostics.append(Self.unresolvable(text, at: reference.range))
            }
        }
        return result
    }

    /// The import's text: a string item, or the key of a single-entry mapping
    /// (`- plugin:NAME: {properties}`, DSL 1_5).
    private static func referenceText(of item: Node) -> (text: String, range: SourceRange)? {
        if let text = item.string { return (text, item.range) }
        if let pairs = item.pairs, pairs.count == 1, let text = pairs[0].key.string { return (text, pairs[0].key.range) }
        return nil
    }

    private static func unresolvable(_ text: String, at range: SourceRange) -> Diagnostic {
        var notes: [DiagnosticNote] = []
        if text.hasPrefix("plugin:") {
            notes.append(DiagnosticNote("bluevirt builds in only the libvirt plugin: 'plugin:cloudify-libvirt-plugin'"))
        } else {
            notes.append(DiagnosticNote("bluevirt never downloads imports; save the file next to the blueprint and import it by relative path"))
        }
        notes.append(DiagnosticNote("built-in imports: " + BuiltinImports.knownAddresses.joined(separator: ", ")))
        return .error(.unresolvableImport, "cannot import '\(text)': it is not a built-in definition and bluevirt does not fetch URLs", at: range, notes: notes)
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
