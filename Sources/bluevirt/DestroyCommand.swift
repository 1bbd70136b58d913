import ArgumentParser
import Blueprint
import Engine
import Platform

struct DestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Remove every libvirt object a deployment created.",
        discussion: """
            Runs the uninstall plan recorded at apply, the one dry-run prints: each instance's \
            stop and delete (scripts, domains, volumes, pools, networks) and its relationships' \
            unlink, in reverse dependency order, independent ones together, on the connections \
            recorded when it was applied (no --connect or --simulate needed). \
            Objects already gone are fine; objects adopted with use_external_resource stay. \
            Objects on a host that cannot be reached stay in the state (destroy again once it is \
            back); --forget-unreachable drops them from the state instead.

            If the state lost the deployment, give its blueprint (with the inputs, --connect or \
            --simulate it was applied with): its domains and networks are found on those \
            connections by the metadata bluevirt wrote into them, and removed.

            Examples:
              bluevirt destroy -d two-vms-one-network
              bluevirt destroy blueprints/two-vms-one-network.yaml --state-dir /tmp/state
              bluevirt destroy app.yaml --input libvirt_uri=qemu:///system    # after the state was lost

            Exit status: 0 destroyed, 1 an operation failed, the deployment is unknown or locked \
            by another bluevirt, 2 usage error.
            """
    )

    @Argument(help: ArgumentHelp("The blueprint the deployment was applied from; its file name without extension is the deployment name.", valueName: "blueprint"), completion: .blueprintFile)
    var blueprintPath: String?

    @Option(name: [.customShort("d"), .customLong("deployment")], help: ArgumentHelp("The deployment name.", valueName: "name"), completion: .deploymentName)
    var deployment: String?

    @OptionGroup var parallelism: ParallelismOption

    @OptionGroup(title: "When the state was lost (used only with a blueprint the state does not know)")
    var inputs: InputOptions

    @Option(help: ConnectOptionHelp.help("Used only when the state was lost, to find what apply made."))
    var connect: String?

    @Flag(help: "As for apply: look in the simulated hypervisor of the state directory; used only when the state was lost.")
    var simulate = false

    @Flag(name: .customLong("forget-unreachable"),
          help: "Drop the objects of hosts that cannot be reached from the state instead of keeping them for a later destroy (they may still exist there).")
    var forgetUnreachable = false

    @OptionGroup(title: "Hosts") var hosts: HostOptions

    @OptionGroup var state: StateOptions<RecordedDeployments>
    @OptionGroup var output: DiagnosticOutputOptions

    func validate() throws {
        try DeploymentNameOption.check(deployment)
        guard deployment != nil || blueprintPath != nil else {
            throw ValidationError("name the deployment with -d NAME or give its blueprint")
        }
    }

    func run() async throws {
        let name = deployment ?? DeploymentName.default(forBlueprint: blueprintPath ?? "")
        let printer = ProgressPrinter(json: output.json)
        let stop = StopRequest()
        let signals = InterruptSignals(stop: stop, printer: printer)
        defer { withExtendedLifetime(signals) {} }
        // Only with a blueprint can a deployment the state lacks be found (by its metadata).
        let report = try await state.running(printer: printer, newDirectoryIsFine: blueprintPath != nil) { store in
            var runner = DeploymentRunner(store: store, backend: try hosts.backend(store: store), parallelism: parallelism.limit,
                                          jobsPerHost: hosts.jobsPerHost, stop: stop, progress: printer.print)
            runner.forgetUnreachable = forgetUnreachable
            // A blueprint the state does not know: the state was lost; find the objects by their metadata.
            if try store.deployment(named: name) == nil, let blueprintPath {
                let connect = connect ?? ProcessInfo.processInfo.environment["LIBVIRT_DEFAULT_URI"]
                let run = try lostStatePlan(blueprintPath, deployment: name, connect: connect)
                return try await runner.destroyFoundByMetadata(
                    deployment: name, connections: runner.connections(of: run, choice: .init(connect: connect, simulate: simulate)))
            }
            return try await runner.destroy(deployment: name)
        }
        printer.finish(report)
        try report.exit()
    }

    /// The documents the blueprint gives, for their connections.
    private func lostStatePlan(_ path: String, deployment name: String, connect: String?) throws -> DryRun {
        let (loaded, diagnostics, secrets) = inputs.given.loadBlueprint(at: path, stateDir: state.stateDir)
        guard let blueprint = loaded.blueprint, !diagnostics.hasErrors else {
            let reporter = DiagnosticReporter(
                json: output.json, sourceText: inputs.given.sourceText(of: loaded), valueFiles: inputs.given.valueFiles,
                mask: secrets.mask.keepingNames(of: loaded.blueprint, path: path, deployment: name))
            reporter.report(diagnostics.sortedBySource, subject: path)
            throw ExitCode(reporter.exitStatus(for: diagnostics).rawValue)
        }
        return DryRun(blueprint: blueprint, deployment: name, connect: connect)
    }
}
