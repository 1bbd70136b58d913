import Blueprint
import Diagnostics
import Planner

/// Finds the operations install and uninstall would run that name a task bluevirt does not
/// run, of a declared plugin (the blueprint's own, or an imported one: fabric's run_task). Such
/// a plugin passes the blueprint's own checks (BV0126 is for undeclared ones), and only apply
/// found out, at that step. A warning, not an error: Cloudify accepts the blueprint, and only
/// running it fails. Operations of other interfaces are left alone: no workflow bluevirt runs
/// reaches them unless asked for by name (`bluevirt run execute_operation`), which reports it then.
enum ForeignTaskCheck {
    /// Plugins whose tasks bluevirt runs, every one that install or uninstall can reach (the
    /// libvirt plugin's others are LibvirtTaskCheck's): Cloudify's types.yaml's and the libvirt
    /// plugin's. The fabric and utilities plugins declare tasks bluevirt does not run.
    private static let pluginsRunWhole: Set<String> = ["libvirt", "bluevirt", "script", "default_workflows"]

    /// LibvirtTaskCheck's operations, in a fixed order.
    private static let lifecycleOperations = LibvirtTaskCheck.runOperations.sorted()
    private static let relationshipOperations = LibvirtTaskCheck.relationshipOperations.sorted()
    /// The operations uninstall runs; the others, install's.
    private static let uninstallOperations: Set<String> = ["stop", "delete", "unlink"]

    static func check(_ blueprint: Blueprint) -> [Diagnostic] {
        // Only a plugin outside those bluevirt runs whole can name such a task: a blueprint of
        // Cloudify's types and the libvirt plugin declares no other, and skips the walk over
        // every operation (a seventh of validate at 1,000 node templates).
        guard blueprint.plugins.names.contains(where: { !pluginsRunWhole.contains($0) }) else { return [] }
        var diagnostics: [Diagnostic] = []
        // A type's operation is shared by all its templates: one diagnostic where it is written.
        var reported = Set<SourceRange>()
        for template in blueprint.nodeTemplates.elements {
            for name in lifecycleOperations {
                check(template.interfaces, name, of: PlanStep.lifecycleInterface, into: &diagnostics, reported: &reported) {
                    "operation '\(name)' of node template '\(template.name)'"
                }
            }
            for relationship in template.relationships {
                for (side, interfaces) in [("source", relationship.sourceInterfaces), ("target", relationship.targetInterfaces)] {
                    for name in relationshipOperations {
                        check(interfaces, name, of: PlanStep.relationshipLifecycleInterface, into: &diagnostics, reported: &reported) {
                            "\(side) operation '\(name)' of the relationship from '\(template.name)' to '\(relationship.target)'"
                        }
                    }
                }
            }
        }
        return diagnostics
    }

    /// The fabric plugin's tasks that run Python code bluevirt does not have (a fabric tasks file, a module).
    private static let fabricTasks: Set = ["fabric.fabric_plugin.tasks.run_task", "fabric.fabric_plugin.tasks.run_module_task"]

    /// Reads the operation in place and only its implementation: copying each operation of a
    /// thousand templates was a seventh of validate.
    private static func check(_ interfaces: NameTable<Interface>, _ name: String, of interface: String,
                              into diagnostics: inout [Diagnostic], reported: inout Set<SourceRange>, what: () -> String) {
        guard let (implementation, range) = interfaces.withOperation(name, of: interface, { operation -> (String, SourceRange)? in
            guard let implementation = operation.implementation, !implementation.isEmpty,
                  case .unsupported? = WorkOperation.of(implementation: implementation, scriptPathInput: nil) else { return nil }
            return (implementation, operation.implementationRange ?? operation.range)
        }), reported.insert(range).inserted else { return }
        let plugin = implementation.prefix { $0 != "." }
        // apply records what destroy runs, and has no way to run such a task: destroy goes on without it.
        let outcome = uninstallOperations.contains(name) ? "destroy goes on without it" : "apply stops there"
        diagnostics.append(.warning(.foreignTaskNotRun, "\(what()) runs '\(implementation)', a task of plugin '\(plugin)' that bluevirt does not run: \(outcome)",
                                    at: range, notes: [
            DiagnosticNote(WorkOperation.whatRuns),
            DiagnosticNote(fabricTasks.contains(implementation)
                ? "the fabric plugin's \(implementation.split(separator: ".").last ?? "") runs a Python fabric task on the machine; run its commands with "
                    + "\(FabricOperations.runCommandsTask) (input commands) or a script with \(FabricOperations.runScriptTask) (input script_path), over ssh as fabric does"
                : "implement the operation with a script (a path relative to the blueprint), or leave it out"),
        ]))
    }
}
