import Blueprint
import Rendering
import Diagnostics
import YAMLSource

/// The user's template for a node, as in the Cloudify libvirt plugin: `template_resource` (a
/// file relative to the blueprint) or `template_content` (inline), given as a node property or
/// as an input of the create or configure operation; a later one replaces an earlier one.
enum UserTemplateChoice {
    static func of(_ template: NodeTemplate, evaluator: Evaluator, diagnostics: inout [Diagnostic]) -> UserTemplate {
        of(template, operationInputs: LifecycleOperationInputs.of(template), evaluator: evaluator, diagnostics: &diagnostics)
    }

    /// `operationInputs`: the template's ``LifecycleOperationInputs``, for a caller that has them.
    static func of(_ template: NodeTemplate, operationInputs: [NameTable<Expression>], evaluator: Evaluator,
                   diagnostics: inout [Diagnostic]) -> UserTemplate {
        var chosen = UserTemplate.none
        let properties = template.properties
        choose(resource: properties["template_resource"], content: properties["template_content"], in: .nodeProperty(node: template.name),
               of: template, evaluator: evaluator, into: &chosen, diagnostics: &diagnostics)
        for inputs in operationInputs {
            choose(resource: inputs["template_resource"], content: inputs["template_content"], in: .operationInput(node: template.name),
                   of: template, evaluator: evaluator, into: &chosen, diagnostics: &diagnostics)
        }
        return chosen
    }

    /// One place's choice, which replaces an earlier place's.
    private static func choose(resource resourceExpression: Expression?, content contentExpression: Expression?, in context: ExpressionContext,
                               of template: NodeTemplate, evaluator: Evaluator, into chosen: inout UserTemplate, diagnostics: inout [Diagnostic]) {
        let resource = text(resourceExpression, in: context, evaluator: evaluator, diagnostics: &diagnostics)
        let content = text(contentExpression, in: context, evaluator: evaluator, diagnostics: &diagnostics)
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

    /// A non-empty string value and its range; nil when absent, empty, or not known before a run.
    private static func text(_ expression: Expression?, in context: ExpressionContext, evaluator: Evaluator,
                             diagnostics: inout [Diagnostic]) -> (text: String, range: SourceRange)? {
        guard let expression else { return nil }
        // The types' default, `''`, needs no evaluation: most templates give no template.
        if case .scalar(let scalar) = expression.kind, scalar.text.isEmpty { return nil }
        guard case .string(let text)? = evaluator.evaluate(expression, in: context, diagnostics: &diagnostics).value, !text.isEmpty else { return nil }
        return (text, expression.range)
    }
}
