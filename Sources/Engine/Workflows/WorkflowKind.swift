/// What `bluevirt run` does for a workflow, chosen by its `mapping` in the blueprint: Cloudify's
/// built-in workflows (types.yaml's `default_workflows.cloudify.plugins.workflows.*`), the
/// utilities plugin's (`suspend.cloudify_suspend.workflows.*` and its custom workflow), or a
/// script of the blueprint.
public enum WorkflowKind: Sendable, Hashable {
    case install, uninstall, start, stop, restart, heal, executeOperation
    /// Built by another part of bluevirt (see docs/day-two.md); not in this build.
    case scale
    case suspend, resume, backup, restore, removeBackup, statistics
    /// The utilities plugin's `customwf`: the operations `operations_to_execute` on every
    /// instance of the nodes `nodes_to_runon`, one after the other (``CustomWorkflow``).
    case customSequence
    /// The utilities plugin's `configuration_update`: new parameters for a configuration loader,
    /// handed on to the nodes that load from it (``WorkflowGraph/configurationUpdate(_:)``).
    case configurationUpdate
    /// A blueprint's own workflow whose mapping is a script, relative to the blueprint.
    case script(String)
    /// A mapping bluevirt cannot run (another plugin's workflow, Cloudify's check_status, …).
    case unsupported(String)

    /// What Cloudify makes of a workflow whose mapping is a script: the script plugin's task,
    /// with the script in the `script_path` parameter.
    static let scriptRunnerMapping = "script.script_runner.tasks.execute_workflow"
    static let scriptPathParameter = "script_path"

    static let builtinPrefix = "default_workflows.cloudify.plugins.workflows."
    static let utilitiesPrefix = "suspend.cloudify_suspend.workflows."
    static let customWorkflowMapping = "cloudify_custom_workflow.cloudify_custom_workflow.tasks.customwf"
    static let configurationUpdateMapping = "configuration.cloudify_configuration.tasks.update"

    /// What `bluevirt run` can run, for the messages about a workflow it cannot.
    static let whatRuns = "bluevirt runs Cloudify's install, uninstall, start, stop, restart, heal, scale and execute_operation, "
        + "the utilities plugin's suspend, resume, backup, restore, remove_backup, statistics, configuration_update and custom workflow (customwf), "
        + "and workflows whose mapping is a script"

    /// The utilities plugin's workflows that bluevirt's copy of its plugin.yaml does not declare,
    /// with why, for the note on `bluevirt run` of one.
    static let utilitiesWorkflowsLeftOut: [String: String] = {
        let manager = "it works through a Cloudify manager's REST API (deployments, executions, node instances), which bluevirt does not have"
        let hooks = "a Cloudify manager runs it from its hooks, on the manager's events, which bluevirt does not have"
        var reasons: [String: String] = [
            "scaleuplist": manager, "scaledownlist": manager, "batch_deploy_and_install": manager, "batch_deploy": manager, "batch_install": manager,
            "hook_workflow_run_filtered": hooks, "hook_workflow_rest": hooks, "hook_workflow_terminal": hooks,
            "update_operation_filtered": "it filters instances by a runtime property through a manager's REST API; "
                + "execute_operation runs an operation on the nodes, instances or types given (-p operation=cloudify.interfaces.lifecycle.update -p 'node_ids=[NODE]')",
            "rollback_deprecated": "it uninstalls the instances a manager's failed execution left creating, configuring or starting; "
                + "bluevirt's apply resumes a run that was cut off, and destroy removes what it made",
        ]
        for step in ["start", "stop", "precreate", "create", "configure", "poststart", "prestop", "delete", "postdelete"] {
            reasons["alt_" + step] = "it is execute_operation of cloudify.interfaces.lifecycle.\(step) with ignore_failure; "
                + "bluevirt's execute_operation runs it (-p operation=cloudify.interfaces.lifecycle.\(step)), stopping at a failure"
        }
        return reasons
    }()

    /// The kind of a workflow mapped to `mapping`; the script plugin's task is a script, whose
    /// path the call's `script_path` parameter gives (``WorkflowCall``).
    init(mapping: String) {
        if mapping == Self.scriptRunnerMapping {
            self = .script("")
            return
        }
        if mapping == Self.customWorkflowMapping {
            self = .customSequence
            return
        }
        if mapping == Self.configurationUpdateMapping {
            self = .configurationUpdate
            return
        }
        if mapping.hasPrefix(Self.builtinPrefix) {
            switch mapping.dropFirst(Self.builtinPrefix.count) {
            case "install": self = .install
            case "uninstall": self = .uninstall
            case "start": self = .start
            case "stop": self = .stop
            case "restart": self = .restart
            case "auto_heal_reinstall_node_subgraph": self = .heal
            case "execute_operation": self = .executeOperation
            case "scale_entity": self = .scale
            default: self = .unsupported(mapping)
            }
            return
        }
        if mapping.hasPrefix(Self.utilitiesPrefix) {
            switch mapping.dropFirst(Self.utilitiesPrefix.count) {
            case "suspend": self = .suspend
            case "resume": self = .resume
            case "backup": self = .backup
            case "restore": self = .restore
            case "remove_backup": self = .removeBackup
            case "statistics": self = .statistics
            default: self = .unsupported(mapping)
            }
            return
        }
        // A path (with a slash or a script's extension) is a script; a dotted task name is
        // another plugin's workflow.
        let isScript = mapping.contains("/") || [".sh", ".bash", ".py"].contains { mapping.hasSuffix($0) }
        self = isScript ? .script(mapping) : .unsupported(mapping)
    }
}
