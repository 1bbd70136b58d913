import Blueprint
import Diagnostics
import Planner

/// Finds the operations install and uninstall would run that name a task of a plugin bluevirt
/// does not run: a plugin the blueprint declares itself under `plugins:` passes the blueprint's
/// own checks (BV0126 is for undeclared ones), and only apply found out, at that step.
/// Operations of other interfaces are left alone: no workflow bluevirt runs reaches them
/// unless asked for by name (`bluevirt run execute_operation`), which reports it then.
enum ForeignTaskCheck {
    static func check(_ blueprint: Blueprint) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // A type's operation is shared by all its templates: one diagnostic where it is written.
        var reported = Set<SourceRange>()
        for template in blueprint.nodeTemplates.elements {
            if let lifecycle = template.interfaces[PlanStep.lifecycleInterface] {
                for operation in lifecycle.operations.elements where LibvirtTaskCheck.runOperations.contains(operation.name) {
                    report(operation, "operation '\(operation.name)' of node template '\(template.name)'", into: &diagnostics, reported: &reported)
                }
            }
            for relationship in template.relationships {
                for (side, interfaces) in [("source", relationship.sourceInterfaces), ("target", relationship.targetInterfaces)] {
                    guard let lifecycle = interfaces[PlanStep.relationshipLifecycleInterface] else { continue }
                    for operation in lifecycle.operations.elements where LibvirtTaskCheck.relationshipOperations.contains(operation.name) {
                        report(operation, "\(side) operation '\(operation.name)' of the relationship from '\(template.name)' to '\(relationship.target)'",
                               into: &diagnostics, reported: &reported)
                    }
                }
            }
        }
        return diagnostics
    }

    private static func report(_ operation: Operation, _ what: String, into diagnostics: inout [Diagnostic], reported: inout Set<SourceRange>) {
        guard let implementation = operation.implementation, !implementation.isEmpty,
              case .unsupported? = WorkOperation.of(implementation: implementation, scriptPathInput: nil) else { return }
        let range = operation.implementationRange ?? operation.range
        guard reported.insert(range).inserted else { return }
        let plugin = implementation.prefix { $0 != "." }
        diagnostics.append(.error(.foreignTaskNotRun, "\(what) runs '\(implementation)', a task of plugin '\(plugin)', which bluevirt does not run",
                                  at: range, notes: [
            DiagnosticNote("bluevirt runs the libvirt plugin's tasks, the fabric and terminal plugins' remote tasks, the utilities plugin's cloud-init and key tasks, its own (bluevirt.*) and scripts"),
            DiagnosticNote("implement the operation with a script (a path relative to the blueprint), or leave it out"),
        ]))
    }
}
