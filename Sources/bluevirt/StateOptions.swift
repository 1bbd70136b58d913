import ArgumentParser
import Engine
import LibvirtBackend
import StateStore

/// What a command uses the state directory for, as its `--state-dir` help says.
protocol StateDirectoryRole {
    static var help: String { get }
}

/// The commands that record, read or act on deployments (apply, status, run, ssh, …).
enum RecordedDeployments: StateDirectoryRole {
    static let help = "Where deployments are recorded"
}

/// validate and dry-run: they record nothing, and read only the secrets of get_secret.
enum GetSecretValues: StateDirectoryRole {
    static let help = "The state directory whose secrets get_secret reads (bluevirt secret set); nothing is recorded there"
}

/// `bluevirt secret`: the user's secrets, kept beside the deployments.
enum KeptSecrets: StateDirectoryRole {
    static let help = "The state directory that keeps the secrets"
}

/// `--state-dir`, shared by the commands that read or change the state; `Role` says what for.
struct StateOptions<Role: StateDirectoryRole>: ParsableArguments {
    @Option(name: .customLong("state-dir"),
            help: ArgumentHelp(Role.help + " (default: $BLUEVIRT_STATE_DIR, else $XDG_STATE_HOME/bluevirt, else ~/.local/state/bluevirt).", valueName: "dir"), completion: .directory)
    var stateDir: String?

    /// The state directory these options (or the environment) choose.
    var location: StateLocation { StateLocation.resolve(stateDirOption: stateDir) }

    /// A file where the state directory should be is a usage error of every command, before
    /// anything runs.
    func validate() throws {
        if let problem = location.notADirectoryProblem { throw ValidationError(problem.description) }
    }

    /// Opens the state and runs `body`; any error it meets outside an operation (a refused lock,
    /// an unusable state, opening a connection, a simulated world's file or directory) is printed
    /// as one `error:` line (see ``CommandFailure``) and exits 1.
    /// Commands that only read pass `.look`: they then work on a read-only state directory too.
    /// A directory the user named that does not exist is an error (a wrong path answered as an
    /// empty state would mislead, and one made anew would be left behind) unless
    /// `newDirectoryIsFine`, by default only for commands that change the state (apply's first
    /// deployment, destroy of one found by its metadata) and for plan.
    func running<T>(
        printer: ProgressPrinter, access: StateAccess = .change, newDirectoryIsFine: Bool? = nil,
        _ body: (StateStore) async throws -> T
    ) async throws -> T {
        let location = self.location
        let mayBeNew = newDirectoryIsFine ?? (access == .change)
        if !mayBeNew, location.isNamed, !location.exists {
            printer.fail(StateStoreError.noStateDirectory(path: location.directory.path, source: location.source).description)
        }
        do {
            return try await body(StateStore(location: location, access: access))
        } catch where !CommandFailure.passesThrough(error) {
            printer.fail(CommandFailure.message(for: error))
        }
    }
}
