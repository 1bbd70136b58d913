import Platform

/// Where bluevirt keeps its state: one directory holding the SQLite database and the
/// per-deployment writer lock files.
public struct StateLocation: Sendable, Hashable {
    /// Which rule chose the directory; commands mention it when they report the location.
    public enum Source: String, Sendable, Hashable {
        case option = "--state-dir"
        case environment = "BLUEVIRT_STATE_DIR"
        case xdgStateHome = "XDG_STATE_HOME"
        case home = "~/.local/state"
    }

    /// The state directory, absolute.
    public var directory: URL
    public var source: Source

    public init(directory: URL, source: Source) {
        self.directory = directory
        self.source = source
    }

    /// ` --state-dir 'DIR'` when the directory was chosen with that option, else nothing: what a
    /// suggested command needs to reach the same state.
    public var commandOption: String {
        guard source == .option else { return "" }
        return " --state-dir '\(directory.path.replacing("'", with: "'\\''"))'"
    }

    /// Whether the user named the directory (`--state-dir`, `BLUEVIRT_STATE_DIR`) rather than
    /// taking the default place: one that does not exist is then more likely a wrong path than
    /// a first run.
    public var isNamed: Bool { source == .option || source == .environment }

    /// The file that stands where the directory, or one of its parents, should be: no state can
    /// be kept there. nil when the path is a directory or can become one.
    public var fileInTheWay: String? {
        var path = directory.path
        while true {
            var isDirectory = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                return isDirectory ? nil : path
            }
            let parent = path.deletingLastPathComponent
            guard !parent.isEmpty, parent != path else { return nil }
            path = parent
        }
    }

    /// Whether the directory exists.
    public var exists: Bool {
        var isDirectory = false
        return FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) && isDirectory
    }

    /// A file in the way of the directory (``fileInTheWay``), as the error that reports it.
    public var notADirectoryProblem: StateStoreError? {
        fileInTheWay.map { .stateDirectoryNotADirectory(path: directory.path, file: $0, source: source) }
    }

    /// The SQLite database inside the directory.
    public var databaseURL: URL { directory.appendingPathComponent("state.sqlite") }

    /// The environment variable that overrides the XDG location.
    public static let environmentVariable = "BLUEVIRT_STATE_DIR"

    /// Chooses the state directory: `--state-dir DIR`, else `$BLUEVIRT_STATE_DIR`, else
    /// `$XDG_STATE_HOME/bluevirt`, else `~/.local/state/bluevirt`. Empty values count as unset;
    /// a relative `XDG_STATE_HOME` is ignored, as the XDG Base Directory specification says.
    /// Relative paths given by the option or `BLUEVIRT_STATE_DIR` are taken from the current
    /// directory. Nothing is created: call `createDirectory()` before use.
    public static func resolve(
        stateDirOption: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> StateLocation {
        if let option = nonEmpty(stateDirOption) {
            return StateLocation(directory: absolute(option), source: .option)
        }
        if let fromEnvironment = nonEmpty(environment[environmentVariable]) {
            return StateLocation(directory: absolute(fromEnvironment), source: .environment)
        }
        if let xdg = nonEmpty(environment["XDG_STATE_HOME"]), xdg.hasPrefix("/") {
            return StateLocation(directory: URL(fileURLWithPath: xdg).appendingPathComponent("bluevirt"), source: .xdgStateHome)
        }
        let home = nonEmpty(environment["HOME"]) ?? FileManager.default.homeDirectoryForCurrentUser.path
        let directory = URL(fileURLWithPath: home)
            .appendingPathComponent(".local/state/bluevirt")
        return StateLocation(directory: directory, source: .home)
    }

    /// Creates the directory (and missing parents) readable by its owner only (0700): the
    /// state names machines and may hold addresses and credentials from runtime properties.
    /// An existing directory keeps its permissions.
    public func createDirectory() throws(StateStoreError) {
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreateStateDirectory(path: directory.path, reason: SystemErrorText.of(error))
        }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func absolute(_ path: String) -> URL {
        let expanded = path.expandingTildeInPath
        return URL(fileURLWithPath: expanded).standardizedFileURL
    }
}
