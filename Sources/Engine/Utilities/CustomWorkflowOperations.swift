import StateStore

/// The operation task of the utilities plugin's custom workflow (`cloudify_custom_workflow`):
/// `tasks.log` writes its inputs to the log, as the plugin's `ctx.logger.info("Log interface:
/// {}".format(repr(kwargs)))` does. Its examples map node operations to it to show what the
/// workflow ``WorkflowKind/customSequence`` passes them.
enum CustomWorkflowOperations {
    static let logTask = "cloudify_custom_workflow.cloudify_custom_workflow.tasks.log"

    static func log(_ context: OperationContext) throws {
        // Python's repr of the kwargs dict, which str() of a dict is; the inputs come as JSON,
        // without the blueprint's order, so the keys are sorted.
        context.log(try "Log interface: " + ResourceTemplate.pythonText(.object(context.inputs)))
    }
}
