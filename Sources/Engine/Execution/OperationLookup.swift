import Blueprint
import Planner

/// Finds where a planned step's operation is defined: the node template's interfaces for a
/// node step, the relationship's source or target interfaces for a relationship step.
enum OperationLookup {
    static func definition(of step: PlanStep, in blueprint: Blueprint) -> Operation? {
        guard let template = blueprint.nodeTemplates[step.nodeName] else { return nil }
        guard let (side, _) = step.kind.relationship else {
            return template.interfaces[step.kind.interfaceName]?.operations[step.kind.operationName]
        }
        let targetNode = step.targetInstanceId.map(nodeName(ofInstance:))
        let relationship = template.relationships.first { $0.target == targetNode }
        let interfaces = side == .source ? relationship?.sourceInterfaces : relationship?.targetInterfaces
        return interfaces?[step.kind.interfaceName]?.operations[step.kind.operationName]
    }

    /// `web-12` → `web`: instance ids are the node name, a dash and a number.
    static func nodeName(ofInstance id: String) -> String {
        guard let dash = id.lastIndex(of: "-"), id[id.index(after: dash)...].allSatisfy(\.isNumber) else { return id }
        return String(id[..<dash])
    }
}
