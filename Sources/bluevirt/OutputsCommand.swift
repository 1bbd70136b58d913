import ArgumentParser
import Foundation
import StateStore

struct OutputsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outputs",
        abstract: "Print the outputs of an applied deployment.",
        discussion: """
            The outputs are evaluated when apply succeeds (get_attribute reads the runtime \
            properties recorded then, such as a domain's ip) and kept in the state directory.

            Examples:
              bluevirt outputs -d two-vms-one-network
              bluevirt outputs -d lab --json | jq -r .web_ssh
            """
    )

    @Option(name: [.customShort("d"), .customLong("deployment")], help: ArgumentHelp("The deployment name.", valueName: "name"))
    var deployment: String

    func validate() throws {
        try DeploymentNameOption.check(deployment)
    }

    @OptionGroup var state: StateOptions
    @OptionGroup var output: DiagnosticOutputOptions

    func run() async throws {
        let printer = ProgressPrinter(json: output.json)
        let outputs = try await state.running(printer: printer) { store -> JSONValue in
            guard let record = try store.deployment(named: deployment) else {
                printer.fail("there is no deployment '\(deployment)' in \(store.location.directory.path); check -d and --state-dir")
            }
            // The outputs name objects (addresses, ssh commands) that a destroy removed: never
            // hand them out as if they were still there.
            switch record.status {
            case .uninstalled:
                printer.fail("deployment '\(deployment)' was destroyed: it has no outputs; apply it again to get new ones")
            case .uninstalling:
                printer.fail("deployment '\(deployment)' is being destroyed, or its destroy was interrupted: its outputs no longer hold; run 'bluevirt destroy -d \(deployment)\(store.location.commandOption)' to finish it")
            case .installing, .installed, .failed:
                break
            }
            guard let outputs = try store.outputs(deployment: deployment) else {
                printer.fail("deployment '\(deployment)' has no outputs yet: it has not been applied successfully")
            }
            // Kept masked since apply (DeploymentRunner).
            return outputs
        }
        if output.json { print(outputs.jsonText()) } else { print(ProgressPrinter.outputsText(outputs), terminator: "") }
    }
}
