import ArgumentParser
import Blueprint
import Engine
import Platform
import StateStore

struct BackupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backups",
        abstract: "List a deployment's backups: what 'bluevirt run restore' and 'remove_backup' can name.",
        discussion: """
            Lists, per node instance, the backups made by 'bluevirt run backup' with the default \
            snapshot_incremental=true that exist now: a domain's libvirt snapshots, asked of libvirt \
            on the connection recorded at apply, and a network's, pool's or volume's copy kept in the \
            state. Each is shown by the snapshot_name to give restore and remove_backup. Backups made \
            with -p snapshot_incremental=false are files under the node's backup_dir, and are not \
            listed. Changes nothing.

            Examples:
              bluevirt backups -d lab
              bluevirt backups -d lab --json | jq '.[] | select(.backups | index("nightly"))'
            """
    )

    @OptionGroup var target: RecordedDeploymentOption
    var deployment: String { target.name }

    @OptionGroup var state: StateOptions<RecordedDeployments>
    @OptionGroup var output: DiagnosticOutputOptions

    func run() async throws {
        let printer = ProgressPrinter(json: output.json)
        let (records, mask) = try await state.running(printer: printer, access: .look) { store -> ([NodeInstanceRecord], SecretMask) in
            _ = try printer.recordedDeployment(deployment, in: store)
            return (try store.nodeInstances(deployment: deployment), try DeploymentSecrets.mask(deployment: deployment, store: store))
        }
        let found = await InstanceBackups.find(records)
        if output.json {
            print(mask(JSONValue.array(found.map { instance in
                .object([
                    "instance": .string(instance.record.instanceID), "node": .string(instance.record.nodeName),
                    "kind": instance.record.objectKind.map(JSONValue.string) ?? .null,
                    "object": instance.record.objectName.map(JSONValue.string) ?? .null,
                    "backups": .array(instance.names.map(JSONValue.string)),
                    "problem": instance.problem.map(JSONValue.string) ?? .null,
                ])
            })).jsonText())
            return
        }
        let listed = found.filter { !$0.names.isEmpty || $0.problem != nil }
        guard !listed.isEmpty else {
            print("no backups of deployment '\(deployment)'")
            return
        }
        for instance in listed {
            var line = "\(instance.record.instanceID)  " + (instance.problem ?? instance.names.joined(separator: ", "))
            if let kind = instance.record.objectKind, let name = instance.record.objectName { line += "  (\(kind) \(name))" }
            print(mask(line))
        }
    }
}
