import Blueprint
import Planner

/// The inputs of a node template's create and configure operations (``LibvirtParams/operations``),
/// in the order they run: where the Cloudify libvirt plugin reads its settings besides the node's
/// properties (template_resource, use_external_resource, resource_id).
enum LifecycleOperationInputs {
    /// The inputs of each of those operations the template has. The interface is looked up once
    /// and each operation's inputs read in place: `withOperation`, once per operation and input,
    /// looked the interface up again and copied the whole operation every time. A caller that
    /// reads several inputs reads them all from one list.
    static func of(_ template: NodeTemplate) -> [NameTable<Expression>] {
        guard let position = template.interfaces.position(of: PlanStep.lifecycleInterface) else { return [] }
        let operations = template.interfaces.elements[position].operations
        var inputs: [NameTable<Expression>] = []
        inputs.reserveCapacity(LibvirtParams.operations.count)
        for name in LibvirtParams.operations {
            if let operation = operations.position(of: name) { inputs.append(operations.elements[operation].inputs) }
        }
        return inputs
    }
}
