import Blueprint
import Diagnostics
import Rendering

/// Drops the BV0206 warning of a parameter no data type declares when the node's own template
/// reads it: the plugin hands every parameter to that template, so `mounts` read by
/// `{% for m in mounts %}` is the template's own parameter, not a misspelling. The loader cannot
/// tell, since it does not read templates; a key no template reads keeps its warning.
public enum TemplateReadParameters {
    /// `diagnostics` without the warnings of `blueprint`'s undeclared parameters that their
    /// node's template reads.
    public static func dropWarnings(of blueprint: Blueprint, from diagnostics: [Diagnostic]) -> [Diagnostic] {
        let read = readRanges(blueprint)
        guard !read.isEmpty else { return diagnostics }
        return diagnostics.filter { !($0.code == .unknownDataTypeProperty && $0.severity == .warning && read.contains($0.range)) }
    }

    /// Where the undeclared parameters their node's template reads are written.
    private static func readRanges(_ blueprint: Blueprint) -> Set<SourceRange> {
        let parameters = blueprint.undeclaredTemplateParameters
        guard !parameters.isEmpty else { return [] }
        let templates = blueprint.nodeTemplates
        let evaluator = Evaluator(blueprint: blueprint)
        let renderer = TemplateRenderer(folder: BlueprintFolder(blueprintFile: blueprint.mainFile))
        var namesRead: [String: Set<String>] = [:]
        var read: Set<SourceRange> = []
        for parameter in parameters {
            if namesRead[parameter.node] == nil, let template = templates[parameter.node] {
                var ignored: [Diagnostic] = []  // reported by the documents' own checks
                let userTemplate = UserTemplateChoice.of(template, evaluator: evaluator, diagnostics: &ignored)
                namesRead[parameter.node] = renderer.namesRead(by: userTemplate) ?? []
            }
            if namesRead[parameter.node]?.contains(parameter.key) == true { read.insert(parameter.range) }
        }
        return read
    }
}
