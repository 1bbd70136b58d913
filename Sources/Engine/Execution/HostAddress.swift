import Blueprint
import StateStore

/// Cloudify's `host_ip` of a node instance (`ctx instance host_ip`): the `ip` of the compute
/// instance that hosts it through contained_in, or its own when it is one; from the host's
/// runtime properties (a libvirt domain records `ip` when it starts), else its node's property
/// `ip`. nil when no compute instance hosts it or the host has no address yet.
enum HostAddress {
    static func of(_ instance: String, apply: StepPerformer.ApplyContext, runtime: RuntimeSnapshot) -> String? {
        var current = instance
        // A containment chain is acyclic (the planner refuses loops); the bound only guards.
        for _ in 0..<64 {
            guard let reference = apply.evaluator.instances[current], let template = apply.blueprint.nodeTemplates[reference.node] else { return nil }
            if template.isA("cloudify.nodes.Compute") {
                if case .string(let address)? = runtime[current]?["ip"] { return address }
                // Only the property `ip` is evaluated: most hosts give no other to read here.
                guard let expression = template.properties["ip"],
                      case .string(let address)? = try? apply.evaluator.evaluate(expression, in: .nodeProperty(node: reference.node), instance: current,
                                                                                   runtime: runtime, what: "ip"),
                      !address.isEmpty else { return nil }
                return address
            }
            guard let host = template.host, let hostInstance = reference.related[host]?.first else { return nil }
            current = hostInstance
        }
        return nil
    }
}
