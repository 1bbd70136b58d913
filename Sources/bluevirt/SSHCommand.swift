import ArgumentParser
import Engine
import Platform
import YAMLSource
import StateStore

struct SSHCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh",
        abstract: "Log in to a node instance with ssh, using the deployment's generated key.",
        discussion: """
            Runs the system's ssh (OpenSSH client) to the instance's address (its 'ip' runtime \
            property) with the private key of the deployment's bluevirt.nodes.SSHKey node \
            (kept in the state directory, never printed) or of a utilities plugin RSAKey node \
            (its private_key_export, private_key_path or secret store key). The key exists as a file \
            (mode 0600) only while ssh runs. Host keys are remembered per deployment in \
            <state dir>/known-hosts/NAME (a new host is accepted, a changed one refused). The exit status is ssh's.

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

    @OptionGroup var target: RecordedDeploymentOption
    var deployment: String { target.name }

    @Option(help: ArgumentHelp("The login user (default: the key node's 'user' property).", valueName: "user"))
    var user: String?

    @Option(help: ArgumentHelp("The key node (bluevirt.nodes.SSHKey or RSAKey, or an instance of one) whose key to use, when the deployment has several.", valueName: "node"))
    var key: String?

    @OptionGroup var state: StateOptions<RecordedDeployments>

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command to run on the instance, after --; none opens a shell.", valueName: "command"))
    var command: [String] = []

    func run() async throws {
        let printer = ProgressPrinter(json: false)
        // It records the host keys it meets, but only for a deployment the state has.
        let login = try await state.running(printer: printer, newDirectoryIsFine: false) { store in
            do {
                return try SSHLogin.resolve(deployment: deployment, instance: instance, user: user, key: key, in: store)
            } catch let problem as SSHLoginProblem {
                printer.fail(problem.description)
            }
        }
        guard let executable = SSHClient.locate() else {
            printer.fail("ssh is not installed: `bluevirt ssh` runs the system's OpenSSH client; install it (Debian, Ubuntu: `apt-get install openssh-client`)")
        }
        let status: Int32
        do {
            try login.knownHosts.prepare()
            let client = SSHClient(executable: executable, keysDirectory: login.keysDirectory)
            status = try client.run(privateKey: login.privateKey) { _ in
                ["-o", "IdentitiesOnly=yes"] + login.knownHosts.options + [
                    // Nothing after `--` is an option of ssh's, whatever a user name or address holds.
                    "--",
                    "\(login.user)@\(login.address)",
                ] + command
            }
        } catch {
            printer.fail("\(error)")
        }
        throw ExitCode(status)
    }
}
