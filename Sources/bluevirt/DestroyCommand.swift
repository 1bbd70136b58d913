import ArgumentParser
import Engine
import Foundation

struct DestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Remove every libvirt object a deployment created.",
        discussion: """
            Stops and deletes the deployment's domains, then its volumes, pools and networks, on \
            the connections recorded when it was applied (no --connect or --simulate needed). \
            Objects already gone are fine; objects adopted with use_external_resource stay.

            Examples:
              bluevirt destroy -d two-vms-one-network
              bluevirt destroy blueprints/two-vms-one-network.yaml --state-dir /tmp/state

            Exit status: 0 destroyed, 1 an operation failed, the deployment is unknown or locked \
            by another bluevirt, 2 usage error.
            """
    )

    @Argument(help: ArgumentHelp("The blueprint the deployment was applied from; its file name without extension is the deployment name.", valueName: "blueprint"))
    var blueprintPath: String?

    @Option(name: [.customShort("d"), .customLong("deployment")], help: ArgumentHelp("The deployment name.", valueName: "name"))
    var deployment: String?

    @Option(help: ArgumentHelp("The most operations that run at the same time.", valueName: "n"))
    var parallelism = 8

    @OptionGroup var state: StateOptions
    @OptionGroup var output: DiagnosticOutputOptions

    func validate() throws {
        guard (deployment == nil) != (blueprintPath == nil) else {
            throw ValidationError("name the deployment with -d NAME or give its blueprint, not both and not neither")
        }
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1, not \(parallelism)") }
    }

    func run() async throws {
        let name = deployment ?? DeploymentName.default(forBlueprint: blueprintPath ?? "")
        let printer = ProgressPrinter(json: output.json)
        let report = try await state.running(printer: printer) { store in
            try await DeploymentRunner(store: store, parallelism: parallelism, progress: printer.print).destroy(deployment: name)
        }
        printer.finish(report)
        if report.result == .failed { throw ExitCode(ExitStatus.invalid.rawValue) }
    }
}
