import Platform
import YAMLSource

/// What loading a blueprint gave: the checked blueprint (nil when there are errors) and every
/// diagnostic of the run, sorted by file and position.
public struct LoadedBlueprint: Sendable {
    /// The blueprint, when it loaded without errors (warnings allowed).
    public var blueprint: Blueprint?
    /// Every problem found, sorted by file, then position.
    public var diagnostics: [Diagnostic]
    /// Every file that was loaded, the main file first.
    public var files: [BlueprintFile]

    public init(blueprint: Blueprint?, diagnostics: [Diagnostic], files: [BlueprintFile]) {
        self.blueprint = blueprint
        self.diagnostics = diagnostics
        self.files = files
    }

    /// The text of a file that diagnostics name, to print its lines under the messages:
    /// a built-in definition's text, or the file read from disk; nil when it cannot be read.
    public func sourceText(file: String) -> String? {
        let builtinPrefix = BuiltinImports.displayPath(forKey: "")
        if file.hasPrefix(builtinPrefix) {
            return EmbeddedGrammar.files[String(file.dropFirst(builtinPrefix.count))]
        }
        // Through SourceFile: a file over the size limit, or a FIFO, must not be read whole
        // (or waited on) just to quote one of its lines.
        guard case .success(let bytes) = SourceFile.read(file, maxBytes: YAMLLimits.standard.maxDocumentBytes, waitingForWriter: false) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
