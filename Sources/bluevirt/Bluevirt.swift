import ArgumentParser
import Platform

/// The `bluevirt` command: parses arguments, calls the libraries, prints. Nothing else lives here.
@main
struct Bluevirt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bluevirt",
        abstract: "Bring a TOSCA/Cloudify blueprint to life on libvirt.",
        discussion: """
            bluevirt reads a declarative blueprint (Cloudify DSL: inputs, node types, node templates, \
            relationships, outputs, intrinsic functions) and checks it, plans it, and creates the \
            libvirt networks, pools, volumes (from images, as copy-on-write clones), cloud-init seed \
            disks and domains it describes, running the blueprint's scripts where it names them.

            Exit status: 0 success (warnings allowed), 1 the blueprint has errors, 2 usage error or \
            unreadable input.
            """,
        version: BluevirtVersion.current,
        subcommands: [ValidateCommand.self, DryRunCommand.self, ExplainCommand.self, PlanCommand.self, ApplyCommand.self, DestroyCommand.self, RunCommand.self, HistoryCommand.self, BackupsCommand.self, OutputsCommand.self, ListCommand.self, StatusCommand.self, SSHCommand.self, SecretCommand.self]
    )

    /// Runs the command and maps failures to the documented exit statuses: usage errors exit 2
    /// (ArgumentParser's default would be 64). An ordinary validate command line skips
    /// ArgumentParser's start-up (QuickValidateArguments).
    static func main() async {
        MallocTuning.apply()
        if CtxCommand.isInvoked { CtxCommand.main() }
        do {
            if let validate = QuickValidateArguments.request(from: Array(CommandLine.arguments.dropFirst())) {
                validate.run()
            }
            if let unknown = UnknownCommand.message(for: Array(CommandLine.arguments.dropFirst())) {
                UsageErrorReport.print(unknown, arguments: Array(CommandLine.arguments.dropFirst()))
                Glibc.exit(ExitStatus.usage.rawValue)
            }
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                UsageErrorReport.print(fullMessage(for: error), arguments: Array(CommandLine.arguments.dropFirst()))
                Glibc.exit(ExitStatus.usage.rawValue)
            }
            self.exit(withError: error)
        }
    }
}

/// The exit statuses every subcommand uses.
enum ExitStatus: Int32 {
    case success = 0
    case invalid = 1
    case usage = 2
}

/// What `bluevirt --version` prints: "dev" for an ordinary build; a release build made by
/// scripts/build-release.sh prints the version and git commit that script wrote into
/// Generated/ReleaseVersion.swift (git-ignored) and compiled with BLUEVIRT_RELEASE_BUILD.
enum BluevirtVersion {
    #if BLUEVIRT_RELEASE_BUILD
    static let current = ReleaseVersion.text
    #else
    static let current = "dev"
    #endif
}
