import Blueprint

/// Where a libvirt node says it adopts an existing object: `use_external_resource` and
/// `resource_id` as node properties or, as the plugin also reads them (it copies any task's
/// inputs of these names into the runtime properties), as inputs of the create or configure
/// operation. The plugin's examples adopt a domain with
/// `create: { inputs: { use_external_resource: true, resource_id: { get_attribute: [vm, resource_id] } } }`.
enum ExternalResource {
    /// Each place that gives `field`, in the order the plugin reads them: the property, then
    /// the create and configure inputs; the last one wins.
    static func places(of field: String, in template: NodeTemplate) -> [(expression: Expression, context: ExpressionContext)] {
        var places: [(expression: Expression, context: ExpressionContext)] = []
        if let property = template.properties[field] { places.append((property, .nodeProperty(node: template.name))) }
        for operation in LibvirtParams.operations {
            if let input = template.interfaces.withOperation(operation, of: "cloudify.interfaces.lifecycle", { $0.inputs[field] }) {
                places.append((input, .operationInput(node: template.name)))
            }
        }
        return places
    }

    /// Whether the node adopts its object: the last `use_external_resource` given is true.
    static func isExternal(_ template: NodeTemplate, evaluator: Evaluator) -> Bool {
        // The last place that gives it decides, so the places are asked last first, with no
        // list of them made (every object of every plan asks).
        for operation in LibvirtParams.operations.reversed() {
            if let input = template.interfaces.withOperation(operation, of: "cloudify.interfaces.lifecycle", { $0.inputs["use_external_resource"] }) {
                return evaluator.evaluate(input, in: .operationInput(node: template.name)).value == .bool(true)
            }
        }
        guard let property = template.properties["use_external_resource"] else { return false }
        return evaluator.evaluate(property, in: .nodeProperty(node: template.name)).value == .bool(true)
    }
}
