import ArgumentParser
import Blueprint
import Engine
import Platform
import StateStore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each node instance's state, libvirt object, addresses and drift.",
        discussion: """
            Reads the state directory and asks libvirt, on the connections recorded at apply, \
            whether each object the state says exists still does (drift: 'object missing', \
            'stopped') and, for domains and networks, where its configuration differs from the \
            document bluevirt defined (only what bluevirt set is compared, not the defaults \
            libvirt adds: 'configuration differs: memory: defined 524288 KiB, live 1048576 KiB'). \
            'bluevirt apply' of the same blueprint restores it. Changes nothing.

            Examples:
              bluevirt status -d two-vms-one-network
              bluevirt status --json | jq '.[] | select(.drift != null)'
            """
    )

    @Option(name: [.customShort("d"), .customLong("deployment")], help: ArgumentHelp("Only this deployment (default: all).", valueName: "name"), completion: .deploymentName)
    var deployment: String?

    func validate() throws {
        try DeploymentNameOption.check(deployment)
    }

    @OptionGroup var state: StateOptions<RecordedDeployments>
    @OptionGroup var output: DiagnosticOutputOptions

    func run() async throws {
        let printer = ProgressPrinter(json: output.json)
        let (records, masks) = try await state.running(printer: printer, access: .look) { store -> ([NodeInstanceRecord], [String: SecretMask]) in
            let names = try deployment.map { [$0] } ?? store.deployments().map(\.name)
            if let deployment, try store.deployment(named: deployment) == nil {
                printer.fail(try DeploymentProblem.unknownDeployment(deployment, in: store).description)
            }
            // After a successful destroy nothing of the deployment exists, also instances that
            // had no delete step of their own.
            let destroyed = Set(try store.deployments().filter { $0.status == .uninstalled }.map(\.name))
            let records = try names.flatMap { try store.nodeInstances(deployment: $0) }.map { record in
                var record = record
                if destroyed.contains(record.deployment), record.state != .uninitialized { record.state = .deleted }
                return record
            }
            // An object name or a drift message may hold a secret a deployment was applied with.
            let masks = try Dictionary(uniqueKeysWithValues: names.map { ($0, try DeploymentSecrets.mask(deployment: $0, store: store)) })
            return (records, masks)
        }
        // Only what the state says exists has addresses and an object: a deleted or never
        // made instance shows neither, whatever its runtime properties still hold. A stopped
        // machine has no address either: the one it had is free, and it gets one when it starts;
        // nor has one being deleted (destroy stopped it first).
        let statuses = await InstanceStatus.inspect(records).map { status in
            var status = status
            if !status.exists || [.stopping, .stopped, .deleting].contains(status.record.state) { status.addresses = [] }
            return status
        }
        if output.json {
            print(JSONValue.array(statuses.map { status in
                let record = status.record
                let mask = masks[record.deployment] ?? SecretMask()
                return mask(JSONValue.object([
                    "deployment": .string(record.deployment), "instance": .string(record.instanceID), "node": .string(record.nodeName),
                    "state": .string(record.state.rawValue), "kind": record.objectKind.map(JSONValue.string) ?? .null,
                    "object": record.objectName.map(JSONValue.string) ?? .null, "connection": record.connectionURI.map(JSONValue.string) ?? .null,
                    "host": record.connectionURI.map { .string(ConnectionHost.name(of: $0)) } ?? .null,
                    "adopted": .bool(record.adopted), "exists": .bool(status.exists), "addresses": .array(status.addresses.map(JSONValue.string)),
                    "drift": status.drift.map(JSONValue.string) ?? .null, "drift_fields": .array(status.fields.map(JSONValue.string)),
                    "skipped_on_simulate": .array(Self.skippedOnSimulate(record).map(JSONValue.string)),
                ]))
            }).jsonText())
            return
        }
        guard !statuses.isEmpty else {
            print("no node instances")
            return
        }
        for status in statuses {
            let record = status.record
            var line = "\(record.deployment)  \(record.instanceID)  \(record.state.rawValue)"
            if let kind = record.objectKind, let name = record.objectName { line += "  \(kind) \(name)\(status.exists ? "" : " (none)")" }
            if let uri = record.connectionURI { line += " on \(ConnectionHost.name(of: uri))" }
            if record.adopted { line += " (adopted)" }
            if !status.addresses.isEmpty { line += "  " + status.addresses.joined(separator: ", ") }
            if let drift = status.drift { line += "  DRIFT: \(drift)" }
            let skipped = Self.skippedOnSimulate(record)
            if !skipped.isEmpty { line += "  skipped on --simulate: " + skipped.joined(separator: ", ") }
            print((masks[record.deployment] ?? SecretMask())(line))
        }
    }

    /// The operations (by their short name, `create`) a simulated apply did not run because they
    /// reach a machine over ssh.
    private static func skippedOnSimulate(_ record: NodeInstanceRecord) -> [String] {
        guard case .array(let names)? = record.runtimeProperties[RemoteTasks.skippedProperty] else { return [] }
        return names.compactMap { value -> String? in
            guard case .string(let name) = value else { return nil }
            return name.split(separator: ".").last.map(String.init)
        }
    }
}
