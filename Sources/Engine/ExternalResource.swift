import Blueprint

/// Where a libvirt node says it adopts an existing object: `use_external_resource` and
/// `resource_id` as node properties or, as the plugin also reads them (it copies any task's
/// inputs of these names into the runtime properties), as inputs of the create or configure
/// operation. The plugin's examples adopt a domain with
/// `create: { inputs: { use_external_resource: true, resource_id: { get_attribute: [vm, resource_id] } } }`.
enum ExternalResource {
    typealias Place = (expression: Expression, context: ExpressionContext)

    /// The places in the order the plugin reads them, the last one given winning: the node
    /// property (nil), then the inputs of create and configure.
    private static let order: [String?] = [nil] + LibvirtParams.operations

    /// Each place that gives `field`, in the plugin's order.
    static func places(of field: String, in template: NodeTemplate) -> [Place] {
        order.compactMap { place($0, of: field, in: template) }
    }

    /// Whether the node adopts its object: the last `use_external_resource` given is true.
    static func isExternal(_ template: NodeTemplate, evaluator: Evaluator) -> Bool {
        // Asked last place first, with no list of places made: every object of every plan asks.
        for operation in order.reversed() {
            guard let last = place(operation, of: "use_external_resource", in: template) else { continue }
            return evaluator.evaluate(last.expression, in: last.context).value == .bool(true)
        }
        return false
    }

    /// `field` as the node property (`operation` nil) or as an input of that lifecycle operation.
    private static func place(_ operation: String?, of field: String, in template: NodeTemplate) -> Place? {
        guard let operation else { return template.properties[field].map { ($0, .nodeProperty(node: template.name)) } }
        return template.interfaces.withOperation(operation, of: "cloudify.interfaces.lifecycle", { $0.inputs[field] })
            .map { ($0, .operationInput(node: template.name)) }
    }
}
