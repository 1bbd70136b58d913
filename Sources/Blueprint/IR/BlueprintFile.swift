import YAMLSource

/// One file that makes up a blueprint: the main file, a local import, or a built-in definition.
public struct BlueprintFile: Sendable, Hashable {
    public enum Origin: Sendable, Hashable {
        /// A file on disk; `path` is the path diagnostics name.
        case local
        /// A definition built into bluevirt, from `grammar/` (key such as "libvirt/plugin.yaml").
        case builtin(key: String)
    }

    /// The name diagnostics use for this file (a path, or `<built-in>/KEY` for built-ins).
    public var path: String
    public var origin: Origin
    /// Where this file was imported, nil for the main file.
    public var importedAt: SourceRange?
    /// The file's own `tosca_definitions_version`, if it declares one.
    public var declaredVersion: DSLVersion?
    /// The namespace the file was imported under (`ns` for `ns--lib/types.yaml`; nested ones
    /// joined, `outer--inner`), which prefixes its names; nil for none.
    public var namespace: String?

    public init(path: String, origin: Origin, importedAt: SourceRange?, declaredVersion: DSLVersion?, namespace: String? = nil) {
        self.path = path
        self.origin = origin
        self.importedAt = importedAt
        self.declaredVersion = declaredVersion
        self.namespace = namespace
    }

    /// A short name for messages: the file name, or the built-in's full name. (Ranges carry
    /// the full path; messages stay readable and independent of where the blueprint lives.)
    public var shortName: String {
        isBuiltin ? path : String(path.split(separator: "/").last ?? Substring(path))
    }

    public var isBuiltin: Bool {
        if case .builtin = origin { return true }
        return false
    }
}
