import Platform
import Jinja
import YAMLSource

/// Finds what a Jinja2 user template's `{% include %}` names, as jinja2's `FileSystemLoader`
/// would with the main template's folder as its search path (for `template_content`, the
/// blueprint's folder): every name relative to that one folder, nested includes too. A name
/// that leads out of the blueprint's folder is refused, as `template_resource` is (BV0620).
struct BlueprintTemplateLoader: TemplateLoader {
    let blueprint: BlueprintFolder
    /// The search folder, relative to the blueprint's folder ("" for the folder itself).
    let folder: String

    /// `mainTemplate`: the full path of the `template_resource` file.
    init(folder blueprint: BlueprintFolder, mainTemplate: String?) {
        self.blueprint = blueprint
        let base = URL(fileURLWithPath: blueprint.path).standardizedFileURL.path
        let directory = mainTemplate.map { URL(fileURLWithPath: $0).deletingLastPathComponent().standardizedFileURL.path } ?? base
        folder = directory.hasPrefix(base) ? String(directory.dropFirst(base.count).drop { $0 == "/" }) : ""
    }

    func load(_ name: String) throws(TemplateLoadFailure) -> LoadedTemplate {
        let blueprintDirectory = blueprint.path
        let relative = name.hasPrefix("/") || folder.isEmpty ? name : folder + "/" + name
        let path: String
        switch ResourcePath.resolve(relative, inside: blueprintDirectory) {
        case .success(let inside): path = inside
        case .failure(let problem):
            throw .refused("the template {% include %} names, \(ResourcePath.explain(problem, path: relative, base: blueprintDirectory))")
        }
        do {
            return LoadedTemplate(path: blueprint.shown(path), text: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            var isDirectory = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "does not exist" : isDirectory ? "is a directory, not a template file" : "cannot be read as UTF-8 text"
            throw .notFound("the template '\(name)' that {% include %} names \(reason) (looked for \(blueprint.shown(path)))")
        }
    }
}
