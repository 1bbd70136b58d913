import ArgumentParser
import Engine
import Foundation
import YAMLSource
import StateStore

struct SSHCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh",
        abstract: "Log in to a node instance with ssh, using the deployment's generated key.",
        discussion: """
            Runs the system's ssh (OpenSSH client) to the instance's address (its 'ip' runtime \
            property) with the private key of the deployment's bluevirt.nodes.SSHKey node, \
            which is kept in the state directory and never printed. The key exists as a file \
            (mode 0600) only while ssh runs. Host keys are remembered in <state dir>/known_hosts \
            (a new host is accepted, a changed one refused). The exit status is ssh's.

            INSTANCE is a node instance id (web-1) or the name of a node with one instance. \
            The login user is --user, else the key node's 'user' property (default root).

            Examples:
              bluevirt ssh web-1 -d lab
              bluevirt ssh web -d lab --user debian -- uptime
              bluevirt ssh db-2 -d lab --key admin_key -- sudo journalctl -b -u cloud-init
            """
    )

    @Argument(help: ArgumentHelp("The node instance id (web-1), or a node name that has one instance.", valueName: "instance"))
    var instance: String

    @Option(name: [.customShort("d"), .customLong("deployment")], help: ArgumentHelp("The deployment name.", valueName: "name"))
    var deployment: String

    func validate() throws {
        try DeploymentNameOption.check(deployment)
    }

    @Option(help: ArgumentHelp("The login user (default: the key node's 'user' property).", valueName: "user"))
    var user: String?

    @Option(help: ArgumentHelp("The bluevirt.nodes.SSHKey node (or instance) whose key to use, when the deployment has several.", valueName: "node"))
    var key: String?

    @OptionGroup var state: StateOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command to run on the instance, after --; none opens a shell.", valueName: "command"))
    var command: [String] = []

    func run() async throws {
        let printer = ProgressPrinter(json: false)
        let (target, stateDirectory) = try await state.running(printer: printer) { store in
            guard try store.deployment(named: deployment) != nil else {
                printer.fail("there is no deployment '\(deployment)' in \(store.location.directory.path); check -d and --state-dir")
            }
            return (try resolveTarget(in: store, printer: printer), store.location.directory)
        }
        guard let executable = SSHClient.locate() else {
            printer.fail("ssh is not installed: `bluevirt ssh` runs the system's OpenSSH client; install it (Debian, Ubuntu: `apt-get install openssh-client`)")
        }
        let knownHosts = stateDirectory.appendingPathComponent("known_hosts").path
        let status: Int32
        do {
            let client = SSHClient(executable: executable, keysDirectory: stateDirectory.appendingPathComponent("ssh-keys").path)
            status = try client.run(privateKey: target.privateKey) { _ in
                [
                    "-o", "IdentitiesOnly=yes",
                    "-o", "StrictHostKeyChecking=accept-new",
                    // ssh splits option values at white space unless quoted.
                    "-o", "UserKnownHostsFile=" + (knownHosts.contains(where: \.isWhitespace) ? "\"\(knownHosts)\"" : knownHosts),
                    // Nothing after `--` is an option of ssh's, whatever a user name or address holds.
                    "--",
                    "\(target.user)@\(target.address)",
                ] + command
            }
        } catch {
            printer.fail("\(error)")
        }
        throw ExitCode(status)
    }

    /// Where to log in, as whom, with which key.
    private struct Target {
        var address: String
        var user: String
        var privateKey: String
    }

    private func resolveTarget(in store: StateStore, printer: ProgressPrinter) throws -> Target {
        let instances = try store.nodeInstances(deployment: deployment)
        let record = findInstance(instances, printer: printer)
        guard case .string(let address)? = record.runtimeProperties["ip"], !address.isEmpty else {
            printer.fail("node instance '\(record.instanceID)' of deployment '\(deployment)' has no address yet (no 'ip' runtime property): apply the deployment, or, if it is applied, `bluevirt status -d \(deployment)\(store.location.commandOption)` shows whether the domain runs and has an address")
        }
        let (keyRecord, privateKey) = try findKey(instances, store: store, printer: printer)
        let keyUser: String? = if case .string(let name)? = keyRecord.runtimeProperties["user"] { name } else { nil }
        let login = user ?? keyUser ?? SSHKeyOperations.defaultUser
        // A login name as useradd accepts it; anything else (`-oProxyCommand=…`, `a@b`, spaces)
        // would be read by ssh as something other than a user.
        guard login.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?/) != nil else {
            printer.fail("'\(TerminalText.bounded(login))' is not a user name ssh can log in as: use letters, digits, '_', '.' and '-', starting with a letter or '_'")
        }
        return Target(address: address, user: login, privateKey: privateKey)
    }

    private func findInstance(_ instances: [NodeInstanceRecord], printer: ProgressPrinter) -> NodeInstanceRecord {
        if let exact = instances.first(where: { $0.instanceID == instance }) { return exact }
        let ofNode = instances.filter { $0.nodeName == instance }
        if ofNode.count == 1 { return ofNode[0] }
        if ofNode.count > 1 {
            printer.fail("node '\(instance)' of deployment '\(deployment)' has \(ofNode.count) instances (\(ofNode.map(\.instanceID).joined(separator: ", "))); name one of them")
        }
        let known = instances.map { record in
            if case .string(let address)? = record.runtimeProperties["ip"] { "\(record.instanceID) (\(address))" } else { record.instanceID }
        }
        printer.fail("deployment '\(deployment)' has no node instance or node named '\(instance)'; its instances are: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
    }

    /// The key instance and its private key: the only one, or the one `--key` names.
    private func findKey(_ instances: [NodeInstanceRecord], store: StateStore, printer: ProgressPrinter) throws -> (NodeInstanceRecord, String) {
        var keys: [(NodeInstanceRecord, String)] = []
        for record in instances {
            if let secret = try store.secret(deployment: deployment, instance: record.instanceID, name: SSHKeyOperations.privateKeySecret) {
                keys.append((record, secret))
            }
        }
        if let key {
            let chosen = keys.filter { $0.0.instanceID == key || $0.0.nodeName == key }
            if chosen.count == 1 { return chosen[0] }
            let names = keys.map(\.0.instanceID).joined(separator: ", ")
            printer.fail(chosen.isEmpty
                ? "deployment '\(deployment)' has no ssh key node '\(key)'; its ssh keys are: \(names.isEmpty ? "none" : names)"
                : "ssh key node '\(key)' has several instances (\(chosen.map(\.0.instanceID).joined(separator: ", "))); give --key one of them")
        }
        if keys.count == 1 { return keys[0] }
        if keys.count > 1 {
            printer.fail("deployment '\(deployment)' has several ssh keys (\(keys.map(\.0.instanceID).joined(separator: ", "))); choose one with --key NODE")
        }
        if let pending = instances.first(where: { $0.type == SSHKeyOperations.nodeType }) {
            printer.fail("the ssh key of node instance '\(pending.instanceID)' has not been made yet: apply deployment '\(deployment)' first")
        }
        printer.fail("deployment '\(deployment)' has no ssh key: add a node of type \(SSHKeyOperations.nodeType) to its blueprint, put its public_key into the machines' cloud-init, and apply (see docs/ssh.md)")
    }
}
