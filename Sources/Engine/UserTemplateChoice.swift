import Blueprint
import Rendering
import Diagnostics

/// The user's template for a node, as in the Cloudify libvirt plugin: `template_resource` (a
/// file relative to the blueprint) or `template_content` (inline), given as a node property or
/// as an input of the create or configure operation; a later one replaces an earlier one.
enum UserTemplateChoice {
    static func of(_ template: NodeTemplate, evaluator: Evaluator, diagnostics: inout [Diagnostic]) -> UserTemplate {
        let properties = template.properties
        var places: [(value: (String) -> Expression?, context: ExpressionContext)] = [({ properties[$0] }, .nodeProperty(node: template.name))]
        for operation in LibvirtParams.operations {
            if let inputs = template.interfaces["cloudify.interfaces.lifecycle"]?.operations[operation]?.inputs {
                places.append(({ inputs[$0] }, .operationInput(node: template.name)))
            }
        }
        var chosen = UserTemplate.none
        for (value, context) in places {
            let resource = text(value("template_resource"), in: context, evaluator: evaluator, diagnostics: &diagnostics)
            let content = text(value("template_content"), in: context, evaluator: evaluator, diagnostics: &diagnostics)
            if let resource, let content {
                diagnostics.append(.error(
                    .conflictingTemplates, "node template '\(template.name)' gives both template_resource and template_content",
                    at: content.range, notes: [DiagnosticNote("template_resource is given here", at: resource.range),
                                               DiagnosticNote("keep one: a file (template_resource) or the template itself (template_content)")]))
            }
            if let content {
                chosen = .inline(content.text, at: content.range)
            } else if let resource {
                chosen = .file(resource.text, at: resource.range)
            }
        }
        return chosen
    }

    /// A non-empty string value and its range; nil when absent, empty, or not known before a run.
    private static func text(_ expression: Expression?, in context: ExpressionContext, evaluator: Evaluator,
                             diagnostics: inout [Diagnostic]) -> (text: String, range: SourceRange)? {
        guard let expression else { return nil }
        guard case .string(let text)? = evaluator.evaluate(expression, in: context, diagnostics: &diagnostics).value, !text.isEmpty else { return nil }
        return (text, expression.range)
    }
}
