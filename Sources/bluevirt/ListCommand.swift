import ArgumentParser
import Engine
import Platform
import StateStore

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the deployments in the state directory with their state.",
        discussion: """
            Examples:
              bluevirt list
              bluevirt list --state-dir /tmp/state --json | jq -r '.[].name'
            """
    )

    @OptionGroup var state: StateOptions<RecordedDeployments>
    @OptionGroup var output: DiagnosticOutputOptions

    func run() async throws {
        let printer = ProgressPrinter(json: output.json)
        let deployments = try await state.running(printer: printer, access: .look) { store in
            try store.deployments().map { deployment in
                let records = try store.nodeInstances(deployment: deployment.name)
                return (deployment, records.count, Set(records.compactMap(\.connectionURI).map(ConnectionHost.name(of:))).sorted())
            }
        }
        if output.json {
            print(JSONValue.array(deployments.map { deployment, count, hosts in
                .object(["name": .string(deployment.name), "status": .string(deployment.status.rawValue),
                         "blueprint": .string(deployment.blueprintPath), "instances": .integer(Int64(count)),
                         "hosts": .array(hosts.map(JSONValue.string)),
                         "updated": .string(ProgressPrinter.isoTime(deployment.updatedAt))])
            }).jsonText())
            return
        }
        guard !deployments.isEmpty else {
            print("no deployments")
            return
        }
        for (deployment, count, hosts) in deployments {
            let onHosts = hosts.isEmpty ? "" : "  on \(hosts.joined(separator: ", "))"
            print("\(deployment.name)  \(deployment.status.rawValue)  \(count) instance\(count == 1 ? "" : "s")\(onHosts)  \(deployment.blueprintPath)  updated \(ProgressPrinter.isoTime(deployment.updatedAt))")
        }
    }
}
