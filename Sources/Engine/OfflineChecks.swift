import Blueprint
import Diagnostics

/// What `validate` adds to the loader's checks: everything `dry-run` would report short of
/// talking to libvirt (the planner's checks, every document's parameters and names, user
/// templates), so that a blueprint `validate` calls valid does not fail `dry-run`.
public enum OfflineChecks {
    public static func diagnostics(for blueprint: Blueprint, deployment: String) -> [Diagnostic] {
        let found = UserTemplateValidation.diagnostics(for: blueprint) + DryRun(blueprint: blueprint, deployment: deployment).diagnostics
        // The template check and the rendering meet the same template problems.
        var seen = Set<Diagnostic>()
        return found.filter { seen.insert($0).inserted }
    }
}
