import Platform

/// The blueprint's folder, where user templates and what they include are found, and how to name
/// a file in it to the user: from the folder the blueprint was named from, as the blueprint's own
/// diagnostics name it (`web/templates/vm.xml.j2` for `bluevirt validate web/blueprint.yaml`),
/// the main template and an included one alike.
public struct BlueprintFolder: Sendable, Hashable {
    /// The folder, absolute.
    public var path: String
    /// The folder as the user wrote it: "" for the current directory.
    public var shown: String

    public init(path: String, shown: String? = nil) {
        self.path = path
        self.shown = shown ?? path
    }

    /// The folder of `blueprintFile`, a path as the user gave it.
    public init(blueprintFile: String) {
        self.init(path: URL(fileURLWithPath: blueprintFile).deletingLastPathComponent().standardizedFileURL.path,
                  shown: blueprintFile.deletingLastPathComponent)
    }

    /// `file`, a full path, as the user names it: from the folder they named, when it is inside it.
    func shown(_ file: String) -> String {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        guard shown != path, file.hasPrefix(prefix) else { return file }
        let inside = String(file.dropFirst(prefix.count))
        return shown.isEmpty ? inside : (shown.hasSuffix("/") ? shown : shown + "/") + inside
    }
}
