import Blueprint
import Foundation
import Rendering
import Diagnostics

/// Checks every user template of a blueprint without rendering anything, so `validate` reports
/// a template that cannot render (a Jinja2 construct bluevirt does not support, a syntax error,
/// a file that cannot be read) before `dry-run` or `apply` meet it.
public enum UserTemplateValidation {
    public static func diagnostics(for blueprint: Blueprint) -> [Diagnostic] {
        let templates = blueprint.nodeTemplates
        let evaluator = Evaluator(inputs: blueprint.inputValues) { node, property in templates[node]?.properties[property] }
        let renderer = TemplateRenderer(blueprintDirectory: URL(fileURLWithPath: blueprint.mainFile).deletingLastPathComponent().path)
        var diagnostics: [Diagnostic] = []
        for (_, template) in templates.entries where LibvirtObjectKind(typeHierarchy: template.typeHierarchy) != nil {
            // Problems evaluating template_resource or template_content are validate's own
            // diagnostics already; only the template's text is new here.
            var evaluation: [Diagnostic] = []
            let userTemplate = UserTemplateChoice.of(template, evaluator: evaluator, diagnostics: &evaluation)
            diagnostics += renderer.checkUserTemplate(userTemplate)
        }
        return diagnostics
    }
}
