import ArgumentParser
import Blueprint
import Engine
import Platform
import StateStore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change in a deployment, touching nothing.",
        discussion: """
            Plans the blueprint as apply does and compares it with what the state recorded of the \
            deployment and with the live objects: per node instance '+ create', '- delete', \
            '~ redefine' (defined again in place; a running domain restarts), '-/+ replace' \
            (deleted and made again: a volume's contents are lost, and apply then needs \
            --allow-replace), '~ relink' (only relationships change), with the difference of its \
            libvirt XML and the fields that drifted from what bluevirt defined. Reads the state \
            without changing it.

            Examples:
              bluevirt plan app.yaml --input memory_size=1048576 --simulate
              bluevirt plan app.yaml -d lab --json | jq '.summary'

            Exit status: 0 planned (with or without changes), 1 the blueprint has errors, the \
            state cannot be read, or --simulate differs from the deployment's (apply would refuse \
            it), 2 usage error or unreadable input.
            """
    )

    @Argument(help: ArgumentHelp("The blueprint file (YAML).", valueName: "blueprint"), completion: .blueprintFile)
    var blueprintPath: String

    @Option(name: [.customShort("d"), .customLong("deployment")],
            help: ArgumentHelp("The deployment name (default: the blueprint's file name without extension).", valueName: "name"))
    var deployment: String?

    @OptionGroup var inputs: InputOptions

    @Option(help: ConnectOptionHelp.help("Plans as apply would with it."))
    var connect: String?

    @Flag(help: "Plan against the simulated world of --simulate, as apply --simulate would.")
    var simulate = false

    @Flag(name: .customLong("no-diff"), help: "Leave out the XML differences.")
    var noDiff = false

    @OptionGroup var state: StateOptions<RecordedDeployments>
    @OptionGroup var output: DiagnosticOutputOptions

    func validate() throws {
        try DeploymentNameOption.check(deployment, orNameOf: blueprintPath)
    }

    func run() async throws {
        let prepared = try ApplyPreparation(blueprintPath: blueprintPath, deployment: deployment, inputs: inputs, stateDir: state.stateDir,
                                            connect: connect, simulate: simulate, json: output.json)
        let (blueprint, dryRun, reporter, connection) = (prepared.blueprint, prepared.dryRun, prepared.reporter, prepared.connection)
        let printer = ProgressPrinter(json: output.json)
        let location = state.location
        if location.isNamed, !location.exists {
            // A plan before the first apply is fine; a mistyped path should not pass unseen.
            StandardStream.error.write("""
                note: there is no state directory '\(location.directory.path)' (from \(location.source.rawValue)) yet: nothing \
                has been applied with it, so deployment '\(dryRun.deployment)' is planned as a new one\n
                """)
        }
        let changes: DeploymentChanges
        do {
            changes = try await state.running(printer: printer, access: .look, newDirectoryIsFine: true) { store in
                try await DeploymentRunner(store: store).plan(
                    blueprint: blueprint, blueprintPath: blueprintPath, inputsText: (inputs.files + inputs.assignments).joined(separator: "\n"),
                    appliedInputs: AppliedInputs.recorded(inputs.given.provided().inputs, in: blueprint), run: dryRun, connections: .init(connect: connection, simulate: simulate))
            }
        } catch let refused as ScaledCountsRefused {
            reporter.report(refused.diagnostics, subject: blueprintPath)
            throw ExitCode(ExitStatus.invalid.rawValue)
        }
        print(reporter.mask(output.json ? changes.json.jsonText() : changes.text(showDiffs: !noDiff)))
    }
}
