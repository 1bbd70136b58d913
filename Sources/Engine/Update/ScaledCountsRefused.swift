import Blueprint
import Diagnostics
import StateStore

/// The instance counts a scale kept for a deployment are ones the planner refuses, so the
/// deployment has no plan: an older bluevirt saved a scale's count before planning it (past
/// 100,000 node instances). `plan`, `apply` and `run` print these diagnostics (BV0887, with the
/// planner's reasons at their places in the blueprint and what to do) instead of acting.
public struct ScaledCountsRefused: Error, Sendable {
    public var diagnostics: [Diagnostic]

    /// `planner`: the diagnostics of the blueprint planned with `kept`; `records`: the
    /// deployment's node instances, which tell the count each node was last applied with.
    init(deployment: String, kept: [String: ScaledCount], planner: [Diagnostic], records: [NodeInstanceRecord], blueprint: Blueprint) {
        let causes = planner.filter { $0.severity == .error }.map { DiagnosticNote($0.message, at: $0.range) }
        let counts = kept.sorted { $0.key < $1.key }.map { "\($0.value.count) for '\($0.key)'" }.joined(separator: ", ")
        var advice: [DiagnosticNote] = []
        for (entity, scaled) in kept.sorted(by: { $0.key < $1.key }) {
            guard let applied = Self.appliedCount(of: entity, records: records, host: blueprint.nodeTemplates[entity]?.host), applied != scaled.count else { continue }
            advice.append(DiagnosticNote("""
                scale '\(entity)' back to the \(applied) instances it was applied with: \
                bluevirt run scale -d \(deployment) -p scalable_entity_name=\(entity) -p delta=\(applied - scaled.count)
                """))
        }
        advice.append(DiagnosticNote("or destroy the deployment (bluevirt destroy -d \(deployment)) and apply it again"))
        diagnostics = [.error(
            .unplannableScaledCounts,
            "deployment '\(deployment)' keeps the instance count\(kept.count == 1 ? "" : "s") \(counts) from an earlier scale, which bluevirt cannot plan",
            at: WorkflowCall.commandLineRange, notes: causes + advice)]
    }

    /// The instances per host of node template `node` in the state (all of them when it has no
    /// host); nil for a scaling group or a node the state has no instance of.
    private static func appliedCount(of node: String, records: [NodeInstanceRecord], host: String?) -> Int? {
        let instances = records.filter { $0.nodeName == node }.count
        guard instances > 0 else { return nil }
        guard let host else { return instances }
        let hosts = records.filter { $0.nodeName == host }.count
        return hosts > 0 && instances % hosts == 0 ? instances / hosts : nil
    }
}
