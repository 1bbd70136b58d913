import Testing
import TestSupport

/// The help of an option several commands share says what the option is for that command.
@Suite struct SharedOptionHelpTests {
    /// `--help`'s text with its line wrapping undone.
    static func help(_ command: String) throws -> String {
        let result = try BluevirtProcess.run([command, "--help"])
        return result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: ["apply", "plan", "run", "destroy", "dry-run", "validate"])
    func connectStatesApplysRuleEverywhere(command: String) throws {
        let help = try Self.help(command)
        #expect(help.contains("--connect <uri> The libvirt connection of every node that names none in libvirt_auth (or names qemu:///system, the default); its driver chooses their domain templates (default: $LIBVIRT_DEFAULT_URI, else qemu:///system)."), "\(help)")
    }

    @Test(arguments: ["validate", "dry-run"])
    func stateDirOfACommandThatRecordsNothingSaysItOnlyReadsSecrets(command: String) throws {
        let help = try Self.help(command)
        #expect(help.contains("--state-dir <dir> The state directory whose secrets get_secret reads (bluevirt secret set); nothing is recorded there"), "\(help)")
        #expect(!help.contains("Where deployments are recorded"))
    }

    @Test(arguments: ["set", "list", "delete"])
    func stateDirOfSecretSaysItKeepsTheSecrets(subcommand: String) throws {
        let result = try BluevirtProcess.run(["secret", subcommand, "--help"])
        let help = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--state-dir <dir> The state directory that keeps the secrets (default:"), "\(help)")
    }

    @Test(arguments: ["apply", "plan", "status", "run"])
    func stateDirOfADeploymentCommandIsWhereDeploymentsAreRecorded(command: String) throws {
        #expect(try Self.help(command).contains("--state-dir <dir> Where deployments are recorded (default:"))
    }
}
