import StateStore

/// Unlink scripts and built-ins a recorded uninstall plan has but whose operation was never
/// recorded: bluevirt recorded only stop and delete operations before it recorded unlinks, so a
/// deployment applied then has nothing to run for them. Destroy and an update pass over them and
/// say so, instead of reporting them finished as if they ran.
enum UnrecordedUnlinks {
    /// `graph`'s unlink steps of made instances that have nothing to run: the run passes over
    /// them (as steps finished already), so that they are neither shown nor counted as run.
    static func steps(_ graph: WorkGraph, records: [NodeInstanceRecord]) -> [WorkStep] {
        let made = Set(records.filter(ChangeComputation.exists).map(\.instanceID))
        return graph.steps.filter { step in
            guard made.contains(step.instance), case .relationship(let operation) = step.operation, ["script", "builtin"].contains(operation) else { return false }
            return RelationshipStepKey(step.key)?.operation == "unlink"
        }
    }

    /// The note for `unrecorded` (``steps(_:records:)``); nil when there are none.
    static func note(_ unrecorded: [WorkStep]) -> String? {
        guard !unrecorded.isEmpty else { return nil }
        return """
            \(unrecorded.map(\.description).joined(separator: ", ")): \(unrecorded.count == 1 ? "its operation was" : "their operations were") \
            not recorded at apply (an earlier bluevirt recorded only stop and delete operations), so \
            \(unrecorded.count == 1 ? "it is" : "they are") passed over; run by hand what they would have cleaned up
            """
    }
}
