import Blueprint
import Diagnostics

/// Finds the blueprint's own workflows that `bluevirt run` cannot run (another plugin's
/// workflow): Cloudify accepts them, and only `run` found out. A warning, not an error: apply
/// and destroy do not need them. The workflows of the built-in files (Cloudify's check_status,
/// the fabric plugin's, …) are declared for every blueprint, asked for by no one, and left alone.
enum UnrunnableWorkflowCheck {
    static func check(_ blueprint: Blueprint) -> [Diagnostic] {
        blueprint.workflows.elements.compactMap { workflow in
            guard !workflow.mappingRange.file.hasPrefix(BuiltinImports.displayPrefix),
                  case .unsupported(let mapping) = WorkflowKind(mapping: workflow.mapping) else { return nil }
            return .warning(.workflowNotRunnable, "workflow '\(workflow.name)' maps to '\(mapping)', which bluevirt does not run: `bluevirt run \(workflow.name)` refuses it",
                            at: workflow.mappingRange,
                            notes: [DiagnosticNote(WorkflowKind.whatRuns), DiagnosticNote("install, uninstall and the others still work; map it to a script to run it here")])
        }
    }
}
