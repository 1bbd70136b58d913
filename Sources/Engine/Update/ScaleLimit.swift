import Diagnostics
import Planner

/// Why a scale's delta is refused before anything is kept: the new count would be negative, does
/// not fit in an integer, or the deployment would have more node instances than the planner makes
/// (`Planner.maximumInstances`). All are checked before the count is saved, so a refused scale
/// leaves the deployment as it was.
enum ScaleLimit {
    /// `from + delta` is below zero.
    static func belowZero(entity: String, from: Int, delta: Int) -> WorkflowRefused {
        WorkflowRefused(diagnostics: [.error(
            .scaleBelowZero,
            "a delta of \(delta) would take '\(entity)' from \(from) to \(from + delta) instances, and a count cannot be below zero",
            at: WorkflowCall.commandLineRange,
            notes: [DiagnosticNote("give a delta of at least \(-from) (-p delta=\(-from) removes every instance of '\(entity)'); nothing was changed")])])
    }

    /// `from + delta` does not fit in an integer.
    static func overflow(entity: String, from: Int, delta: Int) -> WorkflowRefused {
        WorkflowRefused(diagnostics: [.error(
            .scaleBeyondLimit,
            "a delta of \(delta) would take '\(entity)' (\(from) instances) past the \(Planner.maximumInstances) node instances bluevirt plans",
            at: WorkflowCall.commandLineRange, notes: [advice])])
    }

    /// The planner refused the counts with `entity` at `count`; its diagnostics say where the
    /// counts that multiply are declared.
    static func unplannable(entity: String, from: Int, count: Int, delta: Int, planner: [Diagnostic]) -> WorkflowRefused {
        let causes = planner.filter { $0.severity == .error }.map { DiagnosticNote($0.message, at: $0.range) }
        return WorkflowRefused(diagnostics: [.error(
            .scaleBeyondLimit,
            "a delta of \(delta) would take '\(entity)' from \(from) to \(count) instances, which bluevirt cannot plan",
            at: WorkflowCall.commandLineRange, notes: causes + [advice])])
    }

    private static let advice = DiagnosticNote("""
        give a smaller delta: a deployment has at most \(Planner.maximumInstances) node instances, and counts multiply down \
        contained_in and scaling groups; nothing was changed
        """)
}
