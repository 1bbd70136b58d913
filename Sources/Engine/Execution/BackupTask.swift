import Platform
import StateStore

/// The libvirt plugin's backup and statistics tasks, which the utilities plugin's backup,
/// restore, remove_backup and statistics workflows reach through `cloudify.interfaces.snapshot`
/// and `cloudify.interfaces.statistics`.
public enum BackupTask: String, Sendable, Hashable {
    case snapshotCreate = "snapshot_create"
    case snapshotApply = "snapshot_apply"
    case snapshotDelete = "snapshot_delete"
    /// (sic) the plugin's spelling.
    case statistics = "perfomance"
}

/// What one backup task is asked for, read as the plugin's `common.py` reads it: the workflow's
/// `snapshot_name`, `snapshot_incremental` and `snapshot_type`, the node's `backup_dir`, and
/// `full_dump` from the merged params.
struct BackupRequest: Sendable {
    /// The name the workflow was given.
    var snapshotName: String
    /// The name of the libvirt snapshot or stored backup: the instance id, a dash and the
    /// snapshot name (the plugin's `get_backupname`).
    var backupName: String
    /// A libvirt snapshot (domains) or a copy kept in the runtime property `backups` (networks,
    /// pools, volumes); false: a file under ``directory``.
    var incremental: Bool
    /// The snapshot's description (`snapshot_type`: `irregular`, …).
    var snapshotType: String
    /// `backup_dir`/`snapshot_name` (slashes made underscores), relative paths from the
    /// blueprint's directory.
    var directory: URL
    /// Domains, non-incremental: dump the memory too (`virDomainSave`), not only the XML.
    var fullDump: Bool
    /// The runtime property `backups` as it is now.
    var storedBackups: [String: JSONValue]

    /// Reads the request; a missing `snapshot_name` is the plugin's "Backup name must be provided."
    init(instance: String, inputs: [String: JSONValue], nodeProperties: [String: JSONValue], params: [String: JSONValue],
         runtime: [String: JSONValue], blueprintDirectory: URL) throws {
        guard case .string(let name)? = inputs["snapshot_name"], !name.isEmpty else {
            throw BackendProblem("Backup name must be provided: give the workflow a snapshot_name (bluevirt run backup -d NAME -p snapshot_name=NAME)")
        }
        snapshotName = name
        backupName = "\(instance)-\(name)"
        incremental = PythonTruth.of(inputs["snapshot_incremental"] ?? .bool(true))
        if case .string(let type)? = inputs["snapshot_type"] { snapshotType = type } else { snapshotType = "" }
        let base: String = if case .string(let directory)? = nodeProperties["backup_dir"], !directory.isEmpty { directory } else { "." }
        directory = URL(fileURLWithPath: base, relativeTo: blueprintDirectory)
            .appendingPathComponent(name.replacing("/", with: "_")).standardizedFileURL
        fullDump = PythonTruth.of(params["full_dump"] ?? .bool(false))
        if case .object(let backups)? = runtime["backups"] { storedBackups = backups } else { storedBackups = [:] }
    }

    /// What to do about a backup of this name that exists already, said after the plugin's
    /// message, which says only that it does.
    func existingHint(deployment: String) -> String {
        "Remove it first (bluevirt run remove_backup -d \(deployment) -p snapshot_name=\(snapshotName)\(incremental ? "" : " -p snapshot_incremental=false")) or give the backup another snapshot_name."
    }

    /// What to check when no backup of this name is found, said after the plugin's message: the
    /// commonest cause is a backup made with the other `snapshot_incremental`.
    func missingHint(deployment: String) -> String {
        let other = incremental ? "-p snapshot_incremental=false" : "no snapshot_incremental"
        return "A backup made with \(other) is restored and removed with \(other) too; bluevirt backups -d \(deployment) lists the incremental backups there are, bluevirt history -d \(deployment) every backup run."
    }

    /// Where an object's XML is kept: `DIR/RESOURCE_ID.xml`.
    func xmlFile(of object: String) -> URL { directory.appendingPathComponent("\(object).xml") }

    /// Where a domain's memory dump is kept: `DIR/RESOURCE_ID_raw`.
    func dumpFile(of object: String) -> URL { directory.appendingPathComponent("\(object)_raw") }
}

/// What a backup task did: lines to show and keep, and the runtime properties it set.
struct BackupOutcome: Sendable {
    var notes: [String] = []
    var properties: [String: JSONValue] = [:]
}
