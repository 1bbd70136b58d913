import Foundation
import PackagePlugin

/// Compiles the package's top-level data folders into the target that needs them:
/// grammar/ (built-in type definitions) into Blueprint, templates/ (libvirt XML) into Rendering.
@main
struct EmbedResources: BuildToolPlugin {
    private static let folders: [String: (folder: String, enumName: String)] = [
        "Blueprint": ("grammar", "EmbeddedGrammar"),
        "Rendering": ("templates", "EmbeddedTemplates"),
    ]
    private static let extensions: Set<String> = ["yaml", "yml", "json", "xml", "mustache"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let entry = Self.folders[target.name] else { return [] }
        let root = context.package.directoryURL.appending(path: entry.folder)
        let files = Self.dataFiles(under: root)
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

    private static func dataFiles(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { extensions.contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }
}
