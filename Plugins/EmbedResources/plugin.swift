import Foundation
import PackagePlugin

/// Compiles the package's top-level data folders into the target that needs them:
/// grammar/ (built-in type definitions) into Blueprint, templates/ (libvirt XML) into Rendering,
/// and docs/diagnostics.md into bluevirt, whose `explain` prints a code's section (an installed
/// bluevirt has no docs folder).
@main
struct EmbedResources: BuildToolPlugin {
    private static let folders: [String: (folder: String, enumName: String, only: Set<String>?)] = [
        "Blueprint": ("grammar", "EmbeddedGrammar", nil),
        "Rendering": ("templates", "EmbeddedTemplates", nil),
        "bluevirt": ("docs", "EmbeddedDocs", ["diagnostics.md"]),
    ]
    private static let extensions: Set<String> = ["yaml", "yml", "json", "xml", "mustache"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let entry = Self.folders[target.name] else { return [] }
        let root = context.package.directoryURL.appending(path: entry.folder)
        let files = Self.dataFiles(under: root, only: entry.only)
        let output = context.pluginWorkDirectoryURL.appending(path: "\(entry.enumName).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(entry.folder)/ into \(target.name)",
                executable: try context.tool(named: "embed-resources").url,
                arguments: [entry.enumName, root.path, output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }

    /// The data files under `root`: those named in `only`, else every file of a data extension.
    private static func dataFiles(under root: URL, only: Set<String>?) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { file in only.map { $0.contains(file.lastPathComponent) } ?? extensions.contains(file.pathExtension) }
            .sorted { $0.path < $1.path }
    }
}
