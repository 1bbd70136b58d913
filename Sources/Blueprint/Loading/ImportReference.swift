import Platform
import YAMLSource

/// What an entry of `imports` refers to, once classified.
enum ImportReference: Equatable {
    /// A definition built into bluevirt (key into `EmbeddedGrammar.files`).
    case builtin(key: String)
    /// A file on disk: the path diagnostics name and a canonical path to load it once.
    case file(displayPath: String, canonicalPath: String)
    /// A URL or plugin reference bluevirt cannot answer without the network.
    case unresolvable(String)

    /// Classifies `text`, written in the file `importingFile` (a display path).
    static func classify(_ text: String, importingFile: String, importingIsBuiltin: Bool) -> ImportReference {
        if let key = BuiltinImports.key(for: text) { return .builtin(key: key) }
        var path = text
        if path.lowercased().hasPrefix("file://") {
            path = String(path.dropFirst(7))
        } else if path.contains("://") || path.hasPrefix("plugin:") || path.hasPrefix("blueprint:") || importingIsBuiltin {
            return .unresolvable(text)
        }
        let joined: String
        if path.hasPrefix("/") {
            joined = path
        } else {
            let directory = importingFile.deletingLastPathComponent
            joined = directory.isEmpty ? path : directory + "/" + path
        }
        let display = PathNormalizer.normalize(joined)
        let canonical = URL(fileURLWithPath: display).standardizedFileURL.resolvingSymlinksInPath().path
        return .file(displayPath: display, canonicalPath: canonical)
    }
}
