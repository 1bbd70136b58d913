import Blueprint
import Platform
import Rendering
import StateStore
import Diagnostics

/// A domain's document as the plugin's `configure` makes it: rendered during the run from the
/// merged runtime `params` (``RuntimeParams``), after create and the relationships'
/// preconfigure operations, so that what a script put into `params.disks` or
/// `params.networks` is in the domain. The same template, driver and checks as dry-run's
/// document; a diagnostic points where the blueprint wrote the value, or at the node template
/// for a value a script gave.
struct RuntimeDomainDocument {
    let template: NodeTemplate
    let instance: String
    let deployment: String
    let apply: StepPerformer.ApplyContext

    /// The XML for `params`, named `name` (the planned object name) whatever the params say now:
    /// every later step, destroy and status look the domain up by that name, and a resumed run
    /// whose inputs renamed it must not define the old name stored at create.
    func render(params: [String: JSONValue], name: String) throws -> String {
        let evaluator = apply.evaluator.evaluator
        var diagnostics: [Diagnostic] = []
        let planned = ParamsResolver(evaluator: evaluator, template: template) { _ in nil }.resolve(diagnostics: &diagnostics)
        let values = Self.values(params: params, name: name)
        let identity = InstanceIdentity(deployment: deployment, node: template.name, instance: instance)
        let parameters = TemplateParameters(values, at: planned.range, locations: planned.ranges, identity: identity)
        var ignored: [Diagnostic] = []
        let userTemplate = UserTemplateChoice.of(template, evaluator: evaluator, diagnostics: &ignored)
        let renderer = TemplateRenderer(folder: BlueprintFolder(blueprintFile: apply.blueprint.mainFile))
        let rendered = renderer.render(kind: .domain, driver: apply.documents[instance]?.driver, parameters: parameters, userTemplate: userTemplate)
        let errors = rendered.diagnostics.filter { $0.severity == .error }
        guard let xml = rendered.xml, errors.isEmpty else {
            throw BackendProblem("""
                the domain's params at configure (the node's params, what create and scripts stored in the params runtime \
                property, and configure's params input) do not make a valid document: \
                \(errors.map { "\($0.range.file):\($0.range.start.line):\($0.range.start.column): \($0.message) [\($0.code.id)]" }.joined(separator: "; "))
                """)
        }
        return xml
    }

    /// The template parameters for `params`, named `name`.
    static func values(params: [String: JSONValue], name: String) -> [String: RenderValue] {
        var values: [String: RenderValue] = [:]
        for (key, value) in params {
            if let converted = renderValue(value) { values[key] = converted }
        }
        values["name"] = .string(name)
        return values
    }

    /// A runtime property value as a template parameter; nil for null (not given). A number
    /// with a fraction is text, as the plan's conversion writes floats.
    static func renderValue(_ value: JSONValue) -> RenderValue? {
        switch value {
        case .null: nil
        case .bool(let flag): .bool(flag)
        case .integer(let number): .int(Int(number))
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .string(String(number))
        case .string(let text): .string(text)
        case .array(let items): .list(items.map { renderValue($0) ?? .string("") })
        case .object(let entries): .map(entries.compactMapValues(renderValue))
        }
    }
}
