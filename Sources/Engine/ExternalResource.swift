import Blueprint

/// Where a libvirt node says it adopts an existing object: `use_external_resource` and
/// `resource_id` as node properties or, as the plugin also reads them (it copies any task's
/// inputs of these names into the runtime properties), as inputs of the create or configure
/// operation. The plugin's examples adopt a domain with
/// `create: { inputs: { use_external_resource: true, resource_id: { get_attribute: [vm, resource_id] } } }`.
enum ExternalResource {
    typealias Place = (expression: Expression, context: ExpressionContext)

    /// Each place that gives `field`, in the order the plugin reads them, the last one given
    /// winning: the node property, then the inputs of create and configure.
    static func places(of field: String, in template: NodeTemplate) -> [Place] {
        let property: [Place] = template.properties[field].map { [($0, .nodeProperty(node: template.name))] } ?? []
        return property + LifecycleOperationInputs.of(template).compactMap { inputs in
            inputs[field].map { ($0, .operationInput(node: template.name)) }
        }
    }

    /// Whether the node adopts its object: the last `use_external_resource` given is true.
    /// `operationInputs`: the template's ``LifecycleOperationInputs``.
    static func isExternal(_ template: NodeTemplate, operationInputs: [NameTable<Expression>], evaluator: Evaluator) -> Bool {
        // Asked last place first: every object of every plan asks.
        let field = "use_external_resource"
        for inputs in operationInputs.reversed() {
            guard let last = inputs[field] else { continue }
            return evaluator.evaluate(last, in: .operationInput(node: template.name)).value == .bool(true)
        }
        guard let property = template.properties[field] else { return false }
        return evaluator.evaluate(property, in: .nodeProperty(node: template.name)).value == .bool(true)
    }
}
