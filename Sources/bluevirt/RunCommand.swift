import ArgumentParser
import Blueprint
import Engine
import Platform
import StateStore
import YAMLSource

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a workflow of an applied deployment: heal, backup, restore, execute_operation, …",
        discussion: """
            Runs one of the deployment's workflows, as `cfy executions start WORKFLOW -d NAME` \
            does: Cloudify's built-in install, uninstall, start, stop, restart, heal and \
            execute_operation; the utilities plugin's suspend, resume, backup, restore, \
            remove_backup, statistics and custom workflow (customwf), when the blueprint \
            imports the plugin; and the blueprint's own workflows whose mapping is a script. Each -p KEY=VALUE sets a \
            parameter, its value read as YAML (-p delta=2, -p 'node_ids=[vm, db]'); parameters \
            the workflow does not declare are refused, those not given take their defaults.

            The blueprint is the one recorded at apply (or --blueprint), planned again with the \
            inputs the deployment was applied with: give no --inputs or --input (inputs given \
            must bind as those did; a deployment an older bluevirt applied needs them given \
            again); the connections are the recorded ones: a deployment applied with \
            --simulate runs on its simulated hypervisor. Every run is recorded with its \
            parameters and steps (bluevirt history).

            Examples:
              bluevirt run heal -d lab -p node_instance_id=vm-1
              bluevirt run backup -d lab -p snapshot_name=nightly
              bluevirt run restore -d lab -p snapshot_name=nightly
              bluevirt run execute_operation -d lab -p operation=cloudify.interfaces.freeze.suspend -p 'node_ids=[vm]'

            Exit status: 0 the workflow completed, 1 it failed or cannot run (unknown workflow or \
            parameter, changed deployment, locked by another bluevirt), 2 usage error.
            """
    )

    @Argument(help: ArgumentHelp("The workflow's name.", valueName: "workflow"))
    var workflow: String

    @OptionGroup var target: RecordedDeploymentOption
    var deployment: String { target.name }

    @Option(name: [.customShort("p"), .customLong("parameter")],
            help: ArgumentHelp("A workflow parameter, its value read as a YAML scalar or flow collection (repeatable).", valueName: "key=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("The blueprint file (default: the one the deployment was applied from).", valueName: "file"), completion: .blueprintFile)
    var blueprint: String?

    @OptionGroup var inputs: InputOptions

    @Option(help: ConnectOptionHelp.help("Give the one apply was given."))
    var connect: String?

    @OptionGroup var parallelism: ParallelismOption

    @OptionGroup var state: StateOptions<RecordedDeployments>
    @OptionGroup var output: DiagnosticOutputOptions

    func run() async throws {
        let printer = ProgressPrinter(json: output.json)
        let recorded = try await state.running(printer: printer, access: .look) { store in
            try printer.recordedDeployment(deployment, in: store)
        }
        let path = blueprint ?? recorded.blueprintPath
        guard FileManager.default.fileExists(atPath: path) else {
            printer.fail("the blueprint '\(path)' deployment '\(deployment)' was applied from is not there (from this directory); give it with --blueprint FILE")
        }
        let connection = connect ?? ProcessInfo.processInfo.environment["LIBVIRT_DEFAULT_URI"]
        // A deployment keeps the inputs it was applied with (one an older bluevirt applied does
        // not): given no --inputs or --input, run binds those, as Cloudify's executions do.
        let applied = recorded.appliedInputs.map { AppliedInputs.provided($0, deployment: deployment) }
        let bindsApplied = applied != nil && !inputs.given.givesInputs
        var (loaded, diagnostics, secrets) = inputs.given.loadBlueprint(at: path, stateDir: state.stateDir, inputs: bindsApplied ? applied : nil)
        var reporter = DiagnosticReporter(json: output.json, sourceText: inputs.given.sourceText(of: loaded), valueFiles: inputs.given.valueFiles,
                                          mask: secrets.mask.keepingNames(of: loaded.blueprint, path: path, deployment: deployment))
        reporter.verdictOnStandardError = true
        let (given, parameterProblems) = WorkflowCall.parse(assignments: parameters)
        diagnostics += parameterProblems
        var call: WorkflowCall?
        var dryRun: DryRun?
        if let blueprint = loaded.blueprint, !diagnostics.hasErrors {
            let resolved = WorkflowCall.resolve(workflow, given: given, in: blueprint)
            diagnostics += resolved.diagnostics
            call = resolved.call
            // Inputs given to a deployment that keeps its own must bind as those did.
            if let resolved = call, resolved.kind != .uninstall, !bindsApplied, let applied, let appliedValues = recorded.appliedInputs,
               let appliedBlueprint = inputs.given.loadBlueprint(at: path, stateDir: state.stateDir, inputs: applied).loaded.blueprint,
               let mismatch = AppliedInputs.mismatch(deployment: deployment, workflow: workflow, recorded: appliedValues, applied: appliedBlueprint,
                                                     given: blueprint, provided: inputs.given.provided().inputs) {
                diagnostics.append(mismatch)
            }
            if call != nil, !diagnostics.hasErrors {
                let planned = DryRun(blueprint: blueprint, deployment: deployment, connect: connection)
                diagnostics += planned.diagnostics
                dryRun = planned
            }
        }
        guard let blueprint = loaded.blueprint, let call, let dryRun, !diagnostics.hasErrors else {
            reporter.report(diagnostics.sortedBySource, subject: "workflow '\(workflow)'")
            // A -p that is not KEY=VALUE is the command used wrongly, as a malformed --input.
            let usage = diagnostics.contains { $0.code == .malformedWorkflowParameter }
            throw ExitCode(usage ? ExitStatus.usage.rawValue : reporter.exitStatus(for: diagnostics).rawValue)
        }

        var running = printer
        running.mask = reporter.mask
        let stop = StopRequest()
        let signals = InterruptSignals(stop: stop, printer: running)
        defer { withExtendedLifetime(signals) {} }
        let report: RunReport
        do {
            report = try await state.running(printer: running) { store in
                let runner = DeploymentRunner(store: store, parallelism: parallelism.limit, stop: stop, progress: running.print)
                return try await runner.run(call, blueprint: blueprint, blueprintPath: path, run: dryRun,
                                            inputsText: (inputs.files + inputs.assignments).joined(separator: "\n"),
                                            appliedInputs: recorded.appliedInputs ?? AppliedInputs.recorded(inputs.given.provided().inputs, in: blueprint),
                                            connect: connection)
            }
        } catch let refused as WorkflowRefused {
            reporter.report(refused.diagnostics, subject: "workflow '\(workflow)'")
            throw ExitCode(ExitStatus.invalid.rawValue)
        } catch let refused as ScaledCountsRefused {
            reporter.report(refused.diagnostics, subject: "workflow '\(workflow)'")
            throw ExitCode(ExitStatus.invalid.rawValue)
        }
        running.finish(report)
        try report.exit()
    }
}
