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
        let relationship = relationship(of: step, in: template)
        let interfaces = side == .source ? relationship?.sourceInterfaces : relationship?.targetInterfaces
        return interfaces?[step.kind.interfaceName]?.operations[step.kind.operationName]
    }

    /// The node template's relationship a relationship step belongs to: by its position in the
    /// template's list (two relationships may share a target); by target for steps planned
    /// without one.
    static func relationship(of step: PlanStep, in template: NodeTemplate) -> Relationship? {
        if let index = step.templateRelationshipIndex {
            return template.relationships.indices.contains(index) ? template.relationships[index] : nil
        }
        let targetNode = step.targetInstanceId.map(nodeName(ofInstance:))
        return template.relationships.first { $0.target == targetNode }
    }

    /// `web-12` → `web`: instance ids are the node name, a dash and a number.
    static func nodeName(ofInstance id: String) -> String {
        guard let dash = id.lastIndex(of: "-"), id[id.index(after: dash)...].allSatisfy(\.isNumber) else { return id }
        return String(id[..<dash])
    }
}
