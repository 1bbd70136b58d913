import ArgumentParser
import Blueprint
import Engine
import Platform
import LibvirtBackend
import StateStore
import YAMLSource

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create the deployment's libvirt objects and print its outputs.",
        discussion: """
            Checks and plans the blueprint as dry-run does, then runs the install plan against \
            libvirt, at most --parallelism operations at a time, each after the operations it \
            waits for. Every finished operation is recorded in the state directory at once, so a \
            failed or interrupted apply resumes where it stopped when run again; applying an \
            installed deployment whose documents did not change does nothing.

            An installed deployment whose blueprint or inputs changed is updated, as 'bluevirt \
            plan' shows: new instances are installed, removed ones uninstalled, changed domains \
            and networks defined again (a running domain restarts), and objects whose live \
            configuration drifted from what bluevirt defined are defined again. A change that \
            replaces a volume (its contents are lost) needs --allow-replace.

            --simulate sends every connection to libvirt's test driver, whose world is kept in \
            the state directory between commands: apply, outputs and destroy work as separate \
            commands on a machine with only libvirt's library. A deployment stays where it was \
            applied: an apply of a simulated deployment without --simulate (or of a real one \
            with it) is refused before anything is touched; destroy it first to move it.

            Each node's libvirt_auth names its host (qemu+ssh://user@host/system?keyfile=..., \
            qemu+tcp://host/system, qemu+tls://host/system): one connection per host, with \
            keepalive, so a host that dies fails its operations within seconds, naming it, while \
            operations on other hosts finish. Credentials libvirt asks for come from the secret \
            store: libvirt_auth.HOST.username and libvirt_auth.HOST.password.

            get_secret values are sent to libvirt and scripts as they are, and never printed: \
            progress, script output, errors, outputs and --json show ${get_secret: NAME} instead.

            Examples:
              bluevirt apply blueprints/two-vms-one-network.yaml --simulate
              bluevirt apply app.yaml --input libvirt_uri=qemu:///system -d lab --parallelism 4
              bluevirt apply app.yaml --simulate --secrets secrets.yaml --secret db_password=...
              bluevirt apply app.yaml --simulate --json | jq -c 'select(.event == "result")'

            Exit status: 0 applied or unchanged, 1 the blueprint has errors or an operation \
            failed or the deployment is locked by another bluevirt, 2 usage error or unreadable input, \
            130 stopped by Ctrl-C or SIGTERM (recorded; apply again resumes).
            """
    )

    @Argument(help: ArgumentHelp("The blueprint file (YAML).", valueName: "blueprint"), completion: .blueprintFile)
    var blueprintPath: String

    @Option(name: [.customShort("d"), .customLong("deployment")],
            help: ArgumentHelp("The deployment name (default: the blueprint's file name without extension).", valueName: "name"))
    var deployment: String?

    @OptionGroup var inputs: InputOptions

    @Option(help: ConnectOptionHelp.help())
    var connect: String?

    @OptionGroup var parallelism: ParallelismOption

    @Flag(help: "Run every connection against libvirt's test driver, with its world kept in the state directory.")
    var simulate = false

    @Flag(name: .customLong("allow-replace"), help: "Let an update replace volumes, losing their contents (plan shows which).")
    var allowReplace = false

    @OptionGroup(title: "Hosts") var hosts: HostOptions

    @OptionGroup var state: StateOptions<RecordedDeployments>
    @OptionGroup var output: DiagnosticOutputOptions

    func validate() throws {
        try DeploymentNameOption.check(deployment, orNameOf: blueprintPath)
    }

    func run() async throws {
        let prepared = try ApplyPreparation(blueprintPath: blueprintPath, deployment: deployment, inputs: inputs, stateDir: state.stateDir,
                                            connect: connect, simulate: simulate, json: output.json)
        let (blueprint, dryRun, reporter, connection) = (prepared.blueprint, prepared.dryRun, prepared.reporter, prepared.connection)
        var printer = ProgressPrinter(json: output.json)
        printer.mask = reporter.mask
        let stop = StopRequest()
        let signals = InterruptSignals(stop: stop, printer: printer)
        defer { withExtendedLifetime(signals) {} }
        let report: RunReport
        do {
            report = try await state.running(printer: printer) { store in
                let runner = DeploymentRunner(store: store, backend: try hosts.backend(store: store), parallelism: parallelism.limit,
                                              jobsPerHost: hosts.jobsPerHost, stop: stop, progress: printer.print)
                return try await runner.apply(
                    blueprint: blueprint, blueprintPath: blueprintPath, run: dryRun,
                    inputsText: (inputs.files + inputs.assignments).joined(separator: "\n"),
                    appliedInputs: AppliedInputs.recorded(inputs.given.provided().inputs, in: blueprint),
                    connections: .init(connect: connection, simulate: simulate), allowReplace: allowReplace)
            }
        } catch let refused as ScaledCountsRefused {
            reporter.report(refused.diagnostics, subject: blueprintPath)
            throw ExitCode(ExitStatus.invalid.rawValue)
        }
        printer.finish(report)
        try report.exit()
    }
}
