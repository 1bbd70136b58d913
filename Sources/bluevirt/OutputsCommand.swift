import ArgumentParser
import Engine
import Platform
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

    @OptionGroup var target: RecordedDeploymentOption
    var deployment: String { target.name }

    @Flag(help: "Also show the host of each node instance's object; with --json the answer is {\"outputs\": {...}, \"hosts\": {instance: host}}.")
    var hosts = false

    @OptionGroup var state: StateOptions<RecordedDeployments>
    @OptionGroup var output: DiagnosticOutputOptions

    func run() async throws {
        let printer = ProgressPrinter(json: output.json)
        let (outputs, instanceHosts) = try await state.running(printer: printer, access: .look) { store -> (JSONValue, [String: String]) in
            let record = try printer.recordedDeployment(deployment, in: store)
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
            let instanceHosts = try store.nodeInstances(deployment: deployment).reduce(into: [String: String]()) { hosts, record in
                if let uri = record.connectionURI { hosts[record.instanceID] = ConnectionHost.name(of: uri) }
            }
            // Kept masked since apply (DeploymentRunner).
            return (outputs, instanceHosts)
        }
        let hostsJSON = JSONValue.object(instanceHosts.mapValues(JSONValue.string))
        switch (output.json, hosts) {
        case (true, false): print(outputs.jsonText())
        case (true, true): print(JSONValue.object(["outputs": outputs, "hosts": hostsJSON]).jsonText())
        case (false, false): printText(of: outputs)
        case (false, true):
            printText(of: outputs)
            print("hosts:")
            for (instance, host) in instanceHosts.sorted(by: { $0.key < $1.key }) { print("  \(instance): \(host)") }
        }
    }

    /// The outputs as `name: value` lines; a line saying there are none rather than nothing.
    private func printText(of outputs: JSONValue) {
        if case .object(let entries) = outputs, entries.isEmpty {
            print("deployment '\(deployment)' has no outputs: its blueprint declares none")
        } else {
            print(ProgressPrinter.outputsText(outputs), terminator: "")
        }
    }
}
