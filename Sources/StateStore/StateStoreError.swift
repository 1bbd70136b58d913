import Platform

/// What can go wrong with the state store. Every description names the file or deployment,
/// says what is wrong and what to do.
public enum StateStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotCreateStateDirectory(path: String, reason: String)
    /// `file` (the path itself, or one of its parents) is a file: the directory cannot be there.
    case stateDirectoryNotADirectory(path: String, file: String, source: StateLocation.Source)
    /// A reading command was given a state directory that does not exist.
    case noStateDirectory(path: String, source: StateLocation.Source)
    case cannotOpenDatabase(path: String, reason: String)
    case databaseFailure(path: String, operation: String, reason: String)
    /// The database file exists but is empty: its contents were lost.
    case emptyDatabase(path: String)
    /// The database file is no SQLite database, or a damaged one (SQLite's `SQLITE_NOTADB`,
    /// `SQLITE_CORRUPT`): overwritten, truncated, or not a state database at all.
    case damagedDatabase(path: String, reason: String)
    /// The state directory (or its database) cannot be written.
    case stateNotWritable(directory: String, reason: String)
    /// The file system of the state directory is full.
    case diskFull(directory: String, operation: String)
    case unknownDeployment(name: String)
    case unknownExecution(id: Int64)
    case unknownNodeInstance(deployment: String, instance: String)
    case cannotOpenLockFile(path: String, reason: String)
    /// Another live process is the writer of this deployment.
    case writerLockHeld(deployment: String, holder: WriterLockHolder?, lockFile: String)
    /// A name `bluevirt secret set` cannot keep.
    case invalidSecretName(name: String, problem: String)
    /// libsqlite3, which the state is kept with, cannot be loaded.
    case sqliteUnavailable(reason: String)

    public var description: String {
        switch self {
        case .cannotCreateStateDirectory(let path, let reason):
            "cannot create the state directory \(path): \(reason); choose another with --state-dir DIR or BLUEVIRT_STATE_DIR"
        case .stateDirectoryNotADirectory(let path, let file, let source):
            "the state directory '\(path)' (from \(source.rawValue)) \(file == path ? "is a file, not a directory" : "cannot be a directory: '\(file)' is a file"); give the directory bluevirt keeps its state in with --state-dir DIR (apply creates it when it does not exist yet), or leave --state-dir and BLUEVIRT_STATE_DIR out for the default, ~/.local/state/bluevirt"
        case .noStateDirectory(let path, let source):
            "there is no state directory '\(path)' (from \(source.rawValue)): nothing has been applied with it; check the path, or give the --state-dir that apply was run with"
        case .cannotOpenDatabase(let path, let reason):
            "cannot open the state database \(path): \(reason); check that the file is a bluevirt state database and is writable, or choose another state directory with --state-dir DIR"
        case .databaseFailure(let path, let operation, let reason):
            "state database \(path): \(operation) failed: \(reason)"
        case .emptyDatabase(let path):
            "the state database \(path) is empty (0 bytes): its contents were lost, and bluevirt never leaves an empty database; put back a copy if you have one, or remove the file to start a new, empty state (deployments recorded in it are then unknown: remove their libvirt objects with virsh)"
        case .damagedDatabase(let path, let reason):
            "the state database \(path) is damaged or is not a bluevirt state database (\(reason)): move it aside and put back a copy from a backup if you have one; with none, bluevirt starts a new, empty state in its place (deployments recorded in it are then unknown: remove their libvirt objects with virsh, or with `bluevirt destroy BLUEPRINT`, which finds a deployment's domains and networks by their metadata)"
        case .stateNotWritable(let directory, let reason):
            "cannot record changes in the state directory \(directory): \(reason); make it writable, or choose another with --state-dir DIR (status, list and outputs still read it as it is)"
        case .diskFull(let directory, let operation):
            "no space left on the file system of the state directory \(directory) while \(operation); free some space and run the command again (what was recorded before is kept; status, list and outputs still read it)"
        case .unknownDeployment(let name):
            "no deployment named '\(name)' in the state; `bluevirt list` shows the deployments there are"
        case .unknownExecution(let id):
            "no execution with id \(id) in the state"
        case .unknownNodeInstance(let deployment, let instance):
            "deployment '\(deployment)' has no node instance '\(instance)' in the state"
        case .cannotOpenLockFile(let path, let reason):
            "cannot open the writer lock file \(path): \(reason); check the permissions of the state directory"
        case .sqliteUnavailable(let reason):
            "cannot load SQLite, which bluevirt keeps its state with: \(reason); install it (Debian: apt-get install libsqlite3-0), then run the command again (validate and dry-run do not need it)"
        case .invalidSecretName(let name, let problem):
            "cannot keep a secret named '\(name)': \(problem)"
        case .writerLockHeld(let deployment, let holder, let lockFile):
            if let holder {
                "deployment '\(deployment)' is being changed by another bluevirt (pid \(holder.pid), `\(holder.command)`, since \(holder.sinceDescription)); wait for it to finish or stop it, then retry (lock file \(lockFile))"
            } else {
                "deployment '\(deployment)' is being changed by another bluevirt that has not yet written who it is; wait for it to finish, then retry (lock file \(lockFile))"
            }
        }
    }
}

extension StateStoreError {
    /// The same error with a database file of `copy` (the private copy of the state a reading
    /// command opens) named by its place in `original`: a user can act on the real file only.
    /// A full or unwritable temporary directory stays named as it is.
    func relocated(from copy: String, to original: String) -> StateStoreError {
        func real(_ path: String) -> String {
            path == copy || path.hasPrefix(copy + "/") ? original + path.dropFirst(copy.count) : path
        }
        return switch self {
        case .cannotOpenDatabase(let path, let reason): .cannotOpenDatabase(path: real(path), reason: reason)
        case .databaseFailure(let path, let operation, let reason): .databaseFailure(path: real(path), operation: operation, reason: reason)
        case .damagedDatabase(let path, let reason): .damagedDatabase(path: real(path), reason: reason)
        case .emptyDatabase(let path): .emptyDatabase(path: real(path))
        default: self
        }
    }
}
