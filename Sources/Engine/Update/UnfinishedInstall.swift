import StateStore
import Planner

/// The install operations an apply runs although their instance's object is there: those not
/// finished since the last install began. An apply that was cut off left some of them; a
/// destroy that began after the last install (and was cut off, or failed) left all of them, since
/// apply resumes only the steps of installs run after the last destroy. `plan` names them, so
/// that it shows what apply does rather than "unchanged".
struct UnfinishedInstall {
    /// Operation names (`create`, `configure`, `start`, `establish`) by instance, in install order.
    var operations: [String: [String]] = [:]
    /// No install ran since a destroy began: every operation runs again.
    var afterDestroy = false

    init() {}

    /// Of `graph` (the install plan), the steps that `resume` (the install's resume point) does
    /// not hold.
    init(graph: WorkGraph, resume: ResumePoint) {
        afterDestroy = resume.executions.isEmpty
        for step in graph.steps where !resume.isFinished(step.key) {
            let name = step.source?.kind.operationName ?? step.key
            if !(operations[step.instance]?.contains(name) ?? false) { operations[step.instance, default: []].append(name) }
        }
    }

    /// Why apply runs operations of `instance`, for the plan; nil when it runs none.
    func reason(for instance: String) -> String? {
        guard let names = operations[instance], !names.isEmpty else { return nil }
        let list = names.joined(separator: ", ")
        return afterDestroy
            ? "a destroy began since its install and did not finish: apply runs \(list) again"
            : "its install did not finish: apply runs \(list)"
    }
}
