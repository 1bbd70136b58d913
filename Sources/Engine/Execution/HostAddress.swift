import Blueprint
import StateStore

/// Cloudify's `host_ip` of a node instance (`ctx instance host_ip`): the `ip` of the compute
/// instance that hosts it through contained_in, or its own when it is one; from the host's
/// runtime properties (a libvirt domain records `ip` when it starts), else its node's property
/// `ip`. nil when no compute instance hosts it or the host has no address yet.
enum HostAddress {
    static let computeType = "cloudify.nodes.Compute"

    static func of(_ instance: String, apply: StepPerformer.ApplyContext, runtime: [String: [String: JSONValue]]) -> String? {
        var current = instance
        // A containment chain is acyclic (the planner refuses loops); the bound only guards.
        for _ in 0..<64 {
            guard let reference = apply.evaluator.instances[current], let template = apply.blueprint.nodeTemplates[reference.node] else { return nil }
            if template.typeHierarchy.contains(computeType) {
                if case .string(let address)? = runtime[current]?["ip"] { return address }
                if case .string(let address)? = apply.evaluator.properties(of: current, runtime: runtime)["ip"], !address.isEmpty { return address }
                return nil
            }
            guard let container = template.relationships.first(where: \.isContainment),
                  let host = reference.related[container.target]?.first else { return nil }
            current = host
        }
        return nil
    }
}
