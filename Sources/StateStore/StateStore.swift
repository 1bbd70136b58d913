import CSQLite
import Platform

/// bluevirt's state: one SQLite database (WAL mode) in the state directory, holding every
/// deployment, its node instances with their runtime properties, and every execution with its
/// finished steps and events.
///
/// Every method that changes something is one transaction, committed before it returns: what
/// a method reported done survives a crash or kill of the process (and, with the default
/// `.powerLoss` durability, of the machine). The methods are synchronous on purpose: a
/// recording must not be dropped because the calling task was cancelled (on Ctrl-C, say), and
/// one commit blocks its caller for well under a millisecond to a few milliseconds.
///
/// Several processes may open the same state at once (`status` while `apply` runs); changes to
/// one deployment are serialised by its writer lock (`acquireWriterLock`), which the commands
/// that change a deployment take first.
public final class StateStore: Sendable {
    public let location: StateLocation
    private let pool: ConnectionPool
    /// The private copy a `.look` store reads when the state directory cannot be written.
    private let snapshot: DatabaseSnapshot?
    /// How connection URIs into the state directory are stored.
    private let relativeURIs: StateRelativeURI

    /// Opens the state in `location`, bringing its schema up to date. `.change` creates the
    /// directory and database if needed; `.look` creates nothing, and reads a private copy when
    /// the directory cannot be written (read-only, or a full disk).
    public init(
        location: StateLocation, durability: Durability = .powerLoss, access: StateAccess = .change
    ) throws(StateStoreError) {
        self.location = location
        relativeURIs = StateRelativeURI(directory: location.directory)
        let path = location.databaseURL.path
        if let problem = location.notADirectoryProblem { throw problem }
        try Self.refuseEmptyDatabase(path)
        switch access {
        case .change:
            try location.createDirectory()
            pool = try Self.openInPlace(location, durability: durability)
            snapshot = nil
        case .look:
            (pool, snapshot) = try Self.openToLook(location, durability: durability)
        }
    }

    /// Opens the database in place when it can be written; a copy when it cannot (SQLite
    /// writes the `-shm` index even to read) or is not there yet. A database that is unusable
    /// for any other reason (damaged, newer) is reported as it is, under its own path: the
    /// copy would fail the same way, naming a temporary file that is gone by then.
    private static func openToLook(_ location: StateLocation, durability: Durability) throws(StateStoreError)
        -> (ConnectionPool, DatabaseSnapshot?) {
        let path = location.databaseURL.path
        if FileManager.default.fileExists(atPath: path) {
            do {
                return (try openInPlace(location, durability: durability), nil)
            } catch .stateNotWritable, .diskFull {
                // Read from a copy, below.
            }
        }
        let copy = try DatabaseSnapshot(copying: path)
        do {
            return (try openPool(at: copy.databasePath, durability: durability), copy)
        } catch {
            throw error.relocated(from: copy.directory, to: location.directory.path)
        }
    }

    deinit {
        // The snapshot's files go with it; close first so SQLite is done with them.
        if snapshot != nil { pool.close() }
    }

    /// Opens the database in the state directory, creating it if it does not exist yet.
    private static func openInPlace(_ location: StateLocation, durability: Durability) throws(StateStoreError) -> ConnectionPool {
        let path = location.databaseURL.path
        let directory = location.directory.path
        // Two bluevirts opening a new state at once would both switch it to WAL ("database is
        // locked") and both apply a migration ("duplicate column name"): one at a time, across
        // processes, until the schema is current.
        let schemaLock = lockSchema(in: directory)
        defer { unlockSchema(schemaLock) }
        if !FileManager.default.fileExists(atPath: path) {
            try createDatabase(at: path, durability: durability)
        } else if access(directory, W_OK) != 0 || access(path, W_OK) != 0 {
            throw .stateNotWritable(directory: directory, reason: String(cString: strerror(errno)))
        }
        let pool = try openPool(at: path, durability: durability)
        // The database holds secrets (ssh keys); a state directory that existed before may be
        // readable by others, so keep the files private too (also those of older versions).
        for file in [path, path + "-wal", path + "-shm"] { chmod(file, 0o600) }
        return pool
    }

    /// Makes a new database under a temporary name and links it into place when it is
    /// complete, so `state.sqlite` is never an empty or half-made file that bluevirt wrote: an
    /// empty one means lost contents (`refuseEmptyDatabase`).
    private static func createDatabase(at path: String, durability: Durability) throws(StateStoreError) {
        let temporary = "\(path).new-\(getpid())"
        let leftovers = [temporary, temporary + "-wal", temporary + "-shm"]
        for file in leftovers { unlink(file) }
        defer { for file in leftovers { unlink(file) } }
        // SQLite gives the -wal and -shm files the mode of the database file: create that
        // private before SQLite does (with the umask's 0644), so no file is ever readable by others.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw classify(errno: errno, directory: path.deletingLastPathComponent, operation: "creating the state database")
        }
        close(descriptor)
        try openPool(at: temporary, durability: durability).close()
        // link fails with EEXIST if another process made one meanwhile: then that one is used.
        if link(temporary, path) != 0 && errno != EEXIST {
            throw classify(errno: errno, directory: path.deletingLastPathComponent, operation: "creating the state database")
        }
    }

    /// Opens the database at `path` (which exists) and migrates its schema.
    private static func openPool(at path: String, durability: Durability) throws(StateStoreError) -> ConnectionPool {
        let pool: ConnectionPool
        do {
            // Another process may be committing; wait for it rather than fail at once.
            pool = try ConnectionPool(path: path, busyTimeoutSeconds: 30)
            try setSynchronous(durability, on: pool)
        } catch {
            throw classify(error, path: path, operation: "opening the state database", opening: true)
        }
        let migrator = StateSchema.migrator
        // A newer bluevirt may have changed the schema in ways this one does not know.
        let isNewer: Bool
        do {
            isNewer = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if !isNewer { try migrator.migrate(pool) }
        } catch {
            throw classify(error, path: path, operation: "bringing the state database's schema up to date", opening: true)
        }
        if isNewer {
            throw .cannotOpenDatabase(path: path, reason: "it was written by a newer version of bluevirt; use that version")
        }
        return pool
    }

    /// bluevirt never leaves an empty database (`createDatabase`): an empty file lost its
    /// contents, and taking it as a new, empty state would forget every deployment.
    private static func refuseEmptyDatabase(_ path: String) throws(StateStoreError) {
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size == 0 {
            throw .emptyDatabase(path: path)
        }
    }

    /// A store failure in the user's terms: a full disk or an unwritable directory is named so;
    /// anything else while `opening` is a file that is no usable state database.
    static func classify(_ error: any Error, path: String, operation: String, opening: Bool = false) -> StateStoreError {
        if let known = error as? StateStoreError { return known }
        if let unavailable = error as? SQLiteUnavailable { return .sqliteUnavailable(reason: unavailable.reason) }
        let directory = path.deletingLastPathComponent
        if let database = error as? SQLiteError {
            switch database.code {
            case SQLITE_FULL:
                return .diskFull(directory: directory, operation: operation)
            case SQLITE_IOERR where FileSystemSpace.isFull(directory):
                return .diskFull(directory: directory, operation: operation)
            case SQLITE_READONLY:
                return .stateNotWritable(directory: directory, reason: database.message)
            case SQLITE_NOTADB, SQLITE_CORRUPT:
                return .damagedDatabase(path: path, reason: "SQLite: \(database.message)")
            default:
                break
            }
        }
        if opening { return .cannotOpenDatabase(path: path, reason: "\(error)") }
        return .databaseFailure(path: path, operation: operation, reason: "\(error)")
    }

    static func classify(errno code: Int32, directory: String, operation: String) -> StateStoreError {
        switch code {
        case ENOSPC, EDQUOT: .diskFull(directory: directory, operation: operation)
        case EROFS, EACCES, EPERM: .stateNotWritable(directory: directory, reason: String(cString: strerror(code)))
        default: .databaseFailure(path: directory, operation: operation, reason: String(cString: strerror(code)))
        }
    }

    /// An exclusive `flock` on `schema.lock` in the state directory, waited for; -1 when the
    /// file cannot be opened (a read-only directory), where no migration can run anyway.
    private static func lockSchema(in directory: String) -> Int32 {
        let descriptor = open(directory + "/schema.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return -1 }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        return descriptor
    }

    private static func unlockSchema(_ descriptor: Int32) {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Opens the state in the directory chosen by `StateLocation.resolve`.
    public convenience init(
        stateDirOption: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        durability: Durability = .powerLoss, access: StateAccess = .change
    ) throws(StateStoreError) {
        try self.init(
            location: StateLocation.resolve(stateDirOption: stateDirOption, environment: environment),
            durability: durability, access: access)
    }

    // MARK: Writer lock

    /// Takes the right to change `deployment`, or refuses at once with
    /// `StateStoreError.writerLockHeld` naming the live holder (pid, command line, since when).
    /// A lock left by a process that died is taken over; `WriterLock.takeoverNote` says so.
    public func acquireWriterLock(
        deployment: String, command: String = CommandLine.arguments.joined(separator: " ")
    ) throws(StateStoreError) -> WriterLock {
        try WriterLock.acquire(deployment: deployment, lockFile: lockFileURL(deployment: deployment), command: command)
    }

    /// `locks/<deployment>.lock`, the name made safe for a file name by %-escaping.
    public func lockFileURL(deployment: String) -> URL {
        var fileName = ""
        for byte in deployment.utf8 {
            let character = Character(UnicodeScalar(byte))
            if character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_") {
                fileName.append(character)
            } else {
                fileName += String(printf: "%%%02X", byte)
            }
        }
        return location.directory.appendingPathComponent("locks").appendingPathComponent("\(fileName).lock")
    }

    // MARK: Deployments

    /// Records the blueprint and inputs a deployment is applied with (`appliedInputs` nil: none
    /// recorded, as an older bluevirt left it). A new deployment starts as `installing`; an
    /// existing one keeps its status, creation time, instances and history.
    @discardableResult
    public func saveDeployment(
        name: String, blueprintPath: String, blueprintDigest: String, inputsDigest: String, appliedInputs: [String: JSONValue]? = nil
    ) throws(StateStoreError) -> Deployment {
        try write("saving deployment '\(name)'") { db in
            let now = StoredTime.now()
            try db.execute(sql: """
                INSERT INTO deployment (name, blueprint_path, blueprint_digest, inputs_digest, applied_inputs, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET
                    blueprint_path = excluded.blueprint_path, blueprint_digest = excluded.blueprint_digest,
                    inputs_digest = excluded.inputs_digest, applied_inputs = excluded.applied_inputs, updated_at = excluded.updated_at
                """, arguments: [name, blueprintPath, blueprintDigest, inputsDigest, appliedInputs.map { JSONValue.object($0).jsonText() },
                                 DeploymentStatus.installing, now, now])
            return try Self.deployment(named: name, in: db)
        }
    }

    public func deployment(named name: String) throws(StateStoreError) -> Deployment? {
        try read("reading deployment '\(name)'") { db in
            try db.fetchOne(sql: "SELECT * FROM deployment WHERE name = ?", arguments: [name]).map(Deployment.init(row:))
        }
    }

    /// Every deployment with its status, by name.
    public func deployments() throws(StateStoreError) -> [Deployment] {
        try read("listing deployments") { db in
            try db.fetchAll(sql: "SELECT * FROM deployment ORDER BY name").map(Deployment.init(row:))
        }
    }

    /// Forgets a deployment and everything recorded about it, its secrets included.
    public func deleteDeployment(named name: String) throws(StateStoreError) {
        try write("deleting deployment '\(name)'") { db in
            try db.execute(sql: "DELETE FROM deployment WHERE name = ?", arguments: [name])
            guard db.changesCount == 1 else { throw StateStoreError.unknownDeployment(name: name) }
        }
    }

    /// Stores the evaluated outputs of a deployment (replacing earlier ones).
    public func saveOutputs(_ outputs: JSONValue, deployment: String) throws(StateStoreError) {
        try write("saving the outputs of deployment '\(deployment)'") { db in
            try db.execute(
                sql: "UPDATE deployment SET outputs_json = ?, updated_at = ? WHERE name = ?",
                arguments: [outputs.jsonText(), StoredTime.now(), deployment])
            guard db.changesCount == 1 else { throw StateStoreError.unknownDeployment(name: deployment) }
        }
    }

    /// The outputs last stored; nil if none were.
    public func outputs(deployment: String) throws(StateStoreError) -> JSONValue? {
        try read("reading the outputs of deployment '\(deployment)'") { db in
            guard let row = try db.fetchOne(sql: "SELECT outputs_json FROM deployment WHERE name = ?", arguments: [deployment]) else {
                throw StateStoreError.unknownDeployment(name: deployment)
            }
            let text: String? = try row.value("outputs_json")
            return try text.map(JSONValue.init(jsonText:))
        }
    }

    // MARK: Node instances

    /// Records the node instances of a plan. New ones are stored as given; for ones already
    /// recorded only the description (node, type, connection, object, adopted) is updated, and
    /// their state and runtime properties are kept.
    public func registerNodeInstances(_ instances: [NodeInstanceRecord]) throws(StateStoreError) {
        try write("registering node instances") { db in
            let now = StoredTime.now()
            for instance in instances {
                try db.cachedStatement(sql: """
                    INSERT INTO node_instance (deployment, instance_id, node_name, type, connection_uri, object_kind,
                        object_name, state, adopted, runtime_properties, depends_on, uninstall_steps, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (deployment, instance_id) DO UPDATE SET
                        node_name = excluded.node_name, type = excluded.type, connection_uri = excluded.connection_uri,
                        object_kind = excluded.object_kind, object_name = excluded.object_name,
                        adopted = excluded.adopted, depends_on = COALESCE(excluded.depends_on, depends_on),
                        uninstall_steps = COALESCE(excluded.uninstall_steps, uninstall_steps), updated_at = excluded.updated_at
                    """).execute(arguments: [
                        instance.deployment, instance.instanceID, instance.nodeName, instance.type,
                        relativeURIs.stored(instance.connectionURI), instance.objectKind, instance.objectName, instance.state,
                        instance.adopted, JSONValue.object(instance.runtimeProperties).jsonText(),
                        instance.dependsOn.map(RecordedOrderJSON.text(of:)), instance.uninstallSteps.map(RecordedOrderJSON.text(of:)), now,
                    ])
                if instance.document != nil || instance.definedDocument != nil {
                    try Self.saveDocuments(db, deployment: instance.deployment, instance: instance.instanceID,
                                           document: instance.document, defined: instance.definedDocument)
                }
            }
        }
    }

    /// Forgets that `instances` were ever made: their state becomes `uninitialized` and every
    /// step of theirs recorded as finished (in any execution of the deployment) is dropped, so
    /// the next install runs their steps again. For objects the state says exist but that are
    /// gone (a simulated world lost or written before the state); one transaction.
    public func forgetInstances(deployment: String, instances: [String]) throws(StateStoreError) {
        guard !instances.isEmpty else { return }
        try write("forgetting \(instances.count) node instances of deployment '\(deployment)'") { db in
            let now = StoredTime.now()
            for instance in instances {
                try db.execute(sql: """
                    DELETE FROM step_result WHERE instance_id = ? AND execution IN (SELECT id FROM execution WHERE deployment = ?)
                    """, arguments: [instance, deployment])
                try Self.updateInstance(db, deployment: deployment, instance: instance, state: .uninitialized, runtimeProperties: nil, time: now)
            }
            try Self.touchDeployment(db, deployment, time: now)
        }
    }

    /// Records `state` for `instances`, their runtime properties kept: the states Cloudify's
    /// install and uninstall give every instance, which no operation of its node recorded (an
    /// instance without a start is `started` after install). One transaction.
    public func setState(_ state: NodeInstanceState, deployment: String, instances: [String]) throws(StateStoreError) {
        guard !instances.isEmpty else { return }
        try write("recording \(instances.count) node instances of deployment '\(deployment)' as \(state.rawValue)") { db in
            let now = StoredTime.now()
            for instance in instances {
                try Self.updateInstance(db, deployment: deployment, instance: instance, state: state, runtimeProperties: nil, time: now)
            }
            try Self.touchDeployment(db, deployment, time: now)
        }
    }

    /// Removes `instances` from the deployment (an update removed them from the plan, after
    /// their objects were deleted): their rows, their finished steps and their secrets, so that
    /// an instance of the same id added later starts from nothing. One transaction.
    public func removeInstances(deployment: String, instances: [String]) throws(StateStoreError) {
        guard !instances.isEmpty else { return }
        try write("removing \(instances.count) node instances of deployment '\(deployment)'") { db in
            for instance in instances {
                try db.execute(sql: """
                    DELETE FROM step_result WHERE instance_id = ? AND execution IN (SELECT id FROM execution WHERE deployment = ?)
                    """, arguments: [instance, deployment])
                try db.execute(sql: "DELETE FROM secret WHERE deployment = ? AND instance_id = ?", arguments: [deployment, instance])
                try db.execute(sql: "DELETE FROM node_instance WHERE deployment = ? AND instance_id = ?", arguments: [deployment, instance])
            }
            try Self.touchDeployment(db, deployment, time: StoredTime.now())
        }
    }

    /// Drops the finished steps of `deployment` whose key starts with `keyPrefix` (an update's
    /// own steps, once the update no longer needs them to resume).
    public func forgetSteps(deployment: String, keyPrefix: String) throws(StateStoreError) {
        try write("forgetting steps of deployment '\(deployment)'") { db in
            try db.execute(sql: """
                DELETE FROM step_result WHERE substr(step, 1, ?) = ? AND execution IN (SELECT id FROM execution WHERE deployment = ?)
                """, arguments: [keyPrefix.count, keyPrefix, deployment])
        }
    }

    /// Drops the finished steps of `deployment` with these exact keys (the establish of a
    /// relationship an update unlinked: were it added again, it is established anew).
    public func forgetSteps(deployment: String, keys: [String]) throws(StateStoreError) {
        guard !keys.isEmpty else { return }
        try write("forgetting \(keys.count) steps of deployment '\(deployment)'") { db in
            for key in keys {
                try db.execute(sql: """
                    DELETE FROM step_result WHERE step = ? AND execution IN (SELECT id FROM execution WHERE deployment = ?)
                    """, arguments: [key, deployment])
            }
        }
    }

    /// Stores an instance's planned and defined documents (schema v8: a table apart from the
    /// instance's row, which every step rewrites); nil keeps what is stored. Nothing for an
    /// instance that is not recorded.
    private static func saveDocuments(_ db: SQLiteConnection, deployment: String, instance: String, document: String?, defined: String?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO node_instance_document (deployment, instance_id, document, defined_document)
                SELECT deployment, instance_id, ?, ? FROM node_instance WHERE deployment = ? AND instance_id = ?
            ON CONFLICT (deployment, instance_id) DO UPDATE SET
                document = COALESCE(excluded.document, document), defined_document = COALESCE(excluded.defined_document, defined_document)
            """).execute(arguments: [document, defined, deployment, instance])
    }

    /// The instance counts a scale set for `deployment` (empty when none).
    public func scaledCounts(deployment: String) throws(StateStoreError) -> [String: ScaledCount] {
        try read("reading the scaled counts of deployment '\(deployment)'") { db in
            guard let text = try db.fetchOne(String.self, sql: "SELECT scaled_counts FROM deployment WHERE name = ?", arguments: [deployment]) else {
                return [:]
            }
            return try JSONDecoder().decode([String: ScaledCount].self, from: Data(text.utf8))
        }
    }

    /// Replaces the scaled counts of `deployment` (empty: none, the blueprint's counts hold).
    public func saveScaledCounts(_ counts: [String: ScaledCount], deployment: String) throws(StateStoreError) {
        try write("saving the scaled counts of deployment '\(deployment)'") { db in
            let text = counts.isEmpty ? nil : try Self.jsonText(counts)
            try db.execute(sql: "UPDATE deployment SET scaled_counts = ?, updated_at = ? WHERE name = ?", arguments: [text, StoredTime.now(), deployment])
            guard db.changesCount == 1 else { throw StateStoreError.unknownDeployment(name: deployment) }
        }
    }

    /// A deployment's node instances with their runtime properties, by instance id. Without
    /// `recordedPlans` they leave out what destroy, updates and drift read (`dependsOn`,
    /// `uninstallSteps`, `document`, `definedDocument` are nil): reading those was most of
    /// reading a large deployment's instances.
    public func nodeInstances(deployment: String, recordedPlans: Bool = true) throws(StateStoreError) -> [NodeInstanceRecord] {
        try read("reading the node instances of deployment '\(deployment)'") { db in
            try db.fetchAll(sql: """
                    SELECT \(NodeInstanceRecord.columns(recordedPlans: recordedPlans)) FROM \(NodeInstanceRecord.tables)
                    WHERE i.deployment = ? ORDER BY i.instance_id
                    """,
                arguments: [deployment])
                .map { try NodeInstanceRecord(row: $0, uris: relativeURIs) }
        }
    }

    public func nodeInstance(deployment: String, instanceID: String) throws(StateStoreError) -> NodeInstanceRecord? {
        try read("reading node instance '\(instanceID)'") { db in
            try db.fetchOne(sql: "SELECT \(NodeInstanceRecord.columns(recordedPlans: true)) FROM \(NodeInstanceRecord.tables) WHERE i.deployment = ? AND i.instance_id = ?",
                arguments: [deployment, instanceID]
            ).map { try NodeInstanceRecord(row: $0, uris: relativeURIs) }
        }
    }

    // MARK: Secrets

    /// Keeps `value` (an ssh private key) for an instance under `name`, replacing an earlier
    /// one. Secrets live apart from runtime properties: status, outputs and events never show
    /// them, and they are deleted with their deployment.
    public func saveSecret(deployment: String, instance: String, name: String, value: String) throws(StateStoreError) {
        try write("saving secret '\(name)' of node instance '\(instance)'") { db in
            _ = try Self.deployment(named: deployment, in: db)
            try db.execute(sql: """
                INSERT INTO secret (deployment, instance_id, name, value) VALUES (?, ?, ?, ?)
                ON CONFLICT (deployment, instance_id, name) DO UPDATE SET value = excluded.value
                """, arguments: [deployment, instance, name, value])
        }
    }

    /// The secret saved under `name` for an instance; nil if there is none.
    public func secret(deployment: String, instance: String, name: String) throws(StateStoreError) -> String? {
        try read("reading secret '\(name)' of node instance '\(instance)'") { db in
            try db.fetchOne(String.self, sql: "SELECT value FROM secret WHERE deployment = ? AND instance_id = ? AND name = ?",
                arguments: [deployment, instance, name])
        }
    }

    /// Removes a secret; removing one that is not there does nothing (a resumed delete runs twice).
    public func deleteSecret(deployment: String, instance: String, name: String) throws(StateStoreError) {
        try write("deleting secret '\(name)' of node instance '\(instance)'") { db in
            try db.execute(
                sql: "DELETE FROM secret WHERE deployment = ? AND instance_id = ? AND name = ?",
                arguments: [deployment, instance, name])
        }
    }

    // MARK: Executions

    /// Starts recording a run of `workflow` with `parameters` (those of `bluevirt run`); install
    /// and uninstall make the deployment `installing` or `uninstalling`, other workflows leave
    /// its status as it is.
    public func startExecution(deployment: String, workflow: Workflow, parameters: JSONValue? = nil) throws(StateStoreError) -> Execution {
        try write("starting a \(workflow.rawValue) execution of deployment '\(deployment)'") { db in
            let now = StoredTime.now()
            if workflow.changesDeploymentStatus {
                let status: DeploymentStatus = workflow.installsDeployment ? .installing : .uninstalling
                try db.execute(sql: "UPDATE deployment SET status = ?, updated_at = ? WHERE name = ?", arguments: [status, now, deployment])
            } else {
                try db.execute(sql: "UPDATE deployment SET updated_at = ? WHERE name = ?", arguments: [now, deployment])
            }
            guard db.changesCount == 1 else { throw StateStoreError.unknownDeployment(name: deployment) }
            try db.execute(
                sql: "INSERT INTO execution (deployment, workflow, status, started_at, parameters) VALUES (?, ?, ?, ?, ?)",
                arguments: [deployment, workflow, ExecutionStatus.started, now, parameters?.jsonText()])
            let id = db.lastInsertedRowID
            try Self.insertEvent(db, execution: id, time: now, instance: nil, step: nil, kind: .executionStarted, message: "\(workflow.rawValue) started")
            // Read back: stored times have millisecond precision, and callers compare with what they read later.
            return try Self.execution(id, in: db)
        }
    }

    /// Records a run that had nothing to do (Cloudify's `scale` with delta 0) as an execution that
    /// succeeded at once, with `note` saying why, in one commit. Unlike a run of its workflow that
    /// does something, it leaves the deployment's status as it was: nothing was installed.
    @discardableResult
    public func recordExecutionWithNothingToDo(deployment: String, workflow: Workflow, parameters: JSONValue? = nil,
                                               note: String) throws(StateStoreError) -> Execution {
        try write("recording a \(workflow.rawValue) execution of deployment '\(deployment)'") { db in
            let now = StoredTime.now()
            try Self.touchDeployment(db, deployment, time: now)
            guard db.changesCount == 1 else { throw StateStoreError.unknownDeployment(name: deployment) }
            try db.execute(
                sql: "INSERT INTO execution (deployment, workflow, status, started_at, ended_at, parameters) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [deployment, workflow, ExecutionStatus.succeeded, now, now, parameters?.jsonText()])
            let id = db.lastInsertedRowID
            try Self.insertEvent(db, execution: id, time: now, instance: nil, step: nil, kind: .executionStarted, message: "\(workflow.rawValue) started")
            try Self.insertEvent(db, execution: id, time: now, instance: nil, step: nil, kind: .note, message: note)
            try Self.insertEvent(db, execution: id, time: now, instance: nil, step: nil, kind: .executionFinished,
                                 message: "\(workflow.rawValue) \(ExecutionStatus.succeeded.rawValue)")
            return try Self.execution(id, in: db)
        }
    }

    /// Ends an execution. The deployment becomes `installed` or `uninstalled` when it
    /// succeeded, `failed` otherwise.
    @discardableResult
    public func finishExecution(_ id: Int64, status: ExecutionStatus, error: String? = nil) throws(StateStoreError) -> Execution {
        try write("finishing execution \(id)") { db in
            let now = StoredTime.now()
            let execution = try Self.execution(id, in: db)
            try db.execute(
                sql: "UPDATE execution SET status = ?, ended_at = ?, error = ? WHERE id = ?",
                arguments: [status, now, error, id])
            if execution.workflow.changesDeploymentStatus {
                let deploymentStatus: DeploymentStatus = switch (execution.workflow.installsDeployment, status) {
                case (true, .succeeded): .installed
                case (false, .succeeded): .uninstalled
                case (true, .started): .installing
                case (false, .started): .uninstalling
                case (_, .failed), (_, .cancelled): .failed
                }
                try db.execute(
                    sql: "UPDATE deployment SET status = ?, updated_at = ? WHERE name = ?",
                    arguments: [deploymentStatus, now, execution.deployment])
            } else {
                try Self.touchDeployment(db, execution.deployment, time: now)
            }
            let message = error.map { "\(execution.workflow.rawValue) \(status.rawValue): \($0)" } ?? "\(execution.workflow.rawValue) \(status.rawValue)"
            try Self.insertEvent(db, execution: id, time: now, instance: nil, step: nil, kind: .executionFinished, message: message)
            return try Self.execution(id, in: db)
        }
    }

    /// Ends, as failed, the executions of `deployment` still marked `started`: runs that were
    /// killed or crashed. Call it right after taking the writer lock (no live run can then be
    /// in progress); `reason` becomes their error, e.g. the lock's `takeoverNote`, or "an
    /// earlier run ended without finishing" when there was no takeover.
    /// Returns the executions it ended, as they are now.
    @discardableResult
    public func closeInterruptedExecutions(deployment: String, reason: String) throws(StateStoreError) -> [Execution] {
        let open = try read("reading the open executions of deployment '\(deployment)'") { db in
            try db.fetchAll(Int64.self, sql: "SELECT id FROM execution WHERE deployment = ? AND status = ? ORDER BY id", arguments: [deployment, ExecutionStatus.started])
        }
        var closed: [Execution] = []
        for id in open {
            closed.append(try finishExecution(id, status: .failed, error: "interrupted: \(reason)"))
        }
        return closed
    }

    /// One execution by id; `StateStoreError.unknownExecution` if there is none.
    public func execution(_ id: Int64) throws(StateStoreError) -> Execution {
        try read("reading execution \(id)") { db in try Self.execution(id, in: db) }
    }

    /// The most recent execution of a deployment, if it had any.
    public func lastExecution(deployment: String) throws(StateStoreError) -> Execution? {
        try read("reading the last execution of deployment '\(deployment)'") { db in
            try db.fetchOne(sql: "SELECT * FROM execution WHERE deployment = ? ORDER BY id DESC LIMIT 1", arguments: [deployment])
                .map(Execution.init(row:))
        }
    }

    /// Every execution of a deployment, oldest first.
    public func executions(deployment: String) throws(StateStoreError) -> [Execution] {
        try read("reading the executions of deployment '\(deployment)'") { db in
            try db.fetchAll(sql: "SELECT * FROM execution WHERE deployment = ? ORDER BY id", arguments: [deployment])
                .map(Execution.init(row:))
        }
    }

    /// An execution's events in the order they were recorded.
    public func events(execution: Int64) throws(StateStoreError) -> [ExecutionEvent] {
        try read("reading the events of execution \(execution)") { db in
            try db.fetchAll(sql: "SELECT * FROM event WHERE execution = ? ORDER BY id", arguments: [execution])
                .map(ExecutionEvent.init(row:))
        }
    }

    /// Records an event that changes nothing else (a retry, a note, a warning).
    public func recordEvent(
        execution: Int64, kind: EventKind, message: String, instance: String? = nil, step: String? = nil
    ) throws(StateStoreError) {
        try write("recording an event of execution \(execution)") { db in
            try Self.insertEvent(db, execution: execution, time: StoredTime.now(), instance: instance, step: step, kind: kind, message: message)
        }
    }

    // MARK: Steps

    /// Records that `step` of `instance` started (see ``StepChange/started(instance:step:state:)``).
    public func recordStepStarted(
        execution: Int64, instance: String, step: String, state: NodeInstanceState? = nil
    ) throws(StateStoreError) {
        try recordSteps(execution: execution, [.started(instance: instance, step: step, state: state)])
    }

    /// Records, in one transaction, that `step` of `instance` finished: the step counts as done
    /// for `resumePoint`, the instance's runtime properties become `runtimeProperties` (the whole
    /// set after the step; nil keeps them), its state becomes `state` if given, and an event is
    /// added. When this returns the record is committed.
    public func recordStepFinished(
        execution: Int64, instance: String, step: String,
        state: NodeInstanceState? = nil, runtimeProperties: [String: JSONValue]? = nil, message: String? = nil
    ) throws(StateStoreError) {
        try recordStepsFinished(execution: execution, [
            FinishedStep(instance: instance, step: step, state: state, runtimeProperties: runtimeProperties, message: message),
        ])
    }

    /// Records several finished steps in one transaction: all or none.
    public func recordStepsFinished(execution: Int64, _ steps: [FinishedStep]) throws(StateStoreError) {
        try recordSteps(execution: execution, steps.map(StepChange.finished))
    }

    /// Records that `step` of `instance` failed (see ``StepChange/failed(instance:step:error:state:runtimeProperties:otherInstances:)``).
    public func recordStepFailed(execution: Int64, instance: String, step: String, error: String,
                                 state: NodeInstanceState? = .failed) throws(StateStoreError) {
        try recordSteps(execution: execution, [.failed(instance: instance, step: step, error: error, state: state)])
    }

    /// Records `changes` in order in one transaction, all or none: an executor passes the steps
    /// that finished together with the steps their ends let start (a group commit), and pays for
    /// one commit instead of one per change. When this returns the changes are committed.
    public func recordSteps(execution: Int64, _ changes: [StepChange]) throws(StateStoreError) {
        guard let first = changes.first else { return }
        let what = changes.count == 1 ? "\(first.verb) of step \(first.step)" : "\(changes.count) step changes"
        try write("recording the \(what)") { db in
            let now = StoredTime.now()
            let deployment = try Self.deployment(ofExecution: execution, in: db)
            var touched = false
            for change in changes {
                switch change {
                case .started(let instance, let step, let state):
                    if let state {
                        try Self.updateInstance(db, deployment: deployment, instance: instance, state: state, runtimeProperties: nil, time: now)
                        touched = true
                    }
                    try Self.insertEvent(db, execution: execution, time: now, instance: instance, step: step, kind: .stepStarted, message: "\(step) started")
                case .finished(let finished):
                    // A step that changed neither (a relationship's operation that set nothing)
                    // leaves the row alone: rewriting it was most of such a step's commit.
                    if finished.state != nil || finished.runtimeProperties != nil {
                        try Self.updateInstance(
                            db, deployment: deployment, instance: finished.instance, state: finished.state,
                            runtimeProperties: finished.runtimeProperties, time: now)
                    } else {
                        try Self.requireInstance(db, deployment: deployment, instance: finished.instance)
                    }
                    for (other, properties) in finished.otherInstances.sorted(by: { $0.key < $1.key }) {
                        try Self.updateInstance(db, deployment: deployment, instance: other, state: nil, runtimeProperties: properties, time: now)
                    }
                    if let defined = finished.definedDocument {
                        try Self.saveDocuments(db, deployment: deployment, instance: finished.instance, document: nil, defined: defined)
                    }
                    try db.cachedStatement(sql: "INSERT OR REPLACE INTO step_result (execution, step, instance_id, finished_at) VALUES (?, ?, ?, ?)")
                        .execute(arguments: [execution, finished.step, finished.instance, now])
                    try Self.insertEvent(
                        db, execution: execution, time: now, instance: finished.instance, step: finished.step,
                        kind: .stepFinished, message: finished.message ?? "\(finished.step) finished")
                    touched = true
                case .failed(let instance, let step, let error, let state, let runtimeProperties, let others):
                    try Self.updateInstance(db, deployment: deployment, instance: instance, state: state, runtimeProperties: runtimeProperties, time: now)
                    for (other, properties) in others.sorted(by: { $0.key < $1.key }) {
                        try Self.updateInstance(db, deployment: deployment, instance: other, state: nil, runtimeProperties: properties, time: now)
                    }
                    try Self.insertEvent(db, execution: execution, time: now, instance: instance, step: step, kind: .stepFailed, message: error)
                    touched = true
                }
            }
            if touched { try Self.touchDeployment(db, deployment, time: now) }
        }
    }

    /// The steps of `workflow` already finished for `deployment` (see `ResumePoint`); an install
    /// counts a scale's steps and a scale an install's. Only installs (and scales) and uninstalls
    /// end each other's resume point: a backup or heal run between two applies does not make a
    /// failed install start over.
    public func resumePoint(deployment: String, workflow: Workflow) throws(StateStoreError) -> ResumePoint {
        try read("reading the resume point of deployment '\(deployment)'") { db in
            let family: [(any SQLiteBindable)?] = workflow.resumesStepsOf
            let inFamily = "workflow IN (\(family.map { _ in "?" }.joined(separator: ", ")))"
            let lastOther = try db.fetchOne(Int64.self, sql: "SELECT MAX(id) FROM execution WHERE deployment = ? AND NOT \(inFamily) AND workflow IN (?, ?, ?)",
                arguments: [deployment] + family + [Workflow.install, Workflow.scale, Workflow.uninstall]) ?? 0
            let executions = try db.fetchAll(Int64.self, sql: "SELECT id FROM execution WHERE deployment = ? AND \(inFamily) AND id > ? ORDER BY id",
                arguments: [deployment] + family + [lastOther])
            let steps = try db.fetchAll(String.self, sql: """
                SELECT step FROM step_result WHERE execution IN
                    (SELECT id FROM execution WHERE deployment = ? AND \(inFamily) AND id > ?)
                """, arguments: [deployment] + family + [lastOther])
            return ResumePoint(deployment: deployment, workflow: workflow, executions: executions, finishedSteps: Set(steps))
        }
    }

    // MARK: Inspection

    private static func jsonText(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// SQLite's journal mode of the open database: `wal`.
    public func journalMode() throws(StateStoreError) -> String {
        try read("reading the journal mode") { db in try db.fetchOne(String.self, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// SQLite's `synchronous` setting of the connection that commits: 1 (NORMAL) or 2 (FULL), per
    /// `Durability`.
    public func synchronousSetting() throws(StateStoreError) -> Int {
        do {
            return try pool.writeWithoutTransaction { db in try db.fetchOne(Int.self, sql: "PRAGMA synchronous") ?? -1 }
        } catch {
            throw failure(error, "reading the synchronous setting")
        }
    }

    /// Commits from now on survive what `durability` says (a simulated run asks for
    /// `.processCrash`: see `DeploymentRunner`).
    public func useDurability(_ durability: Durability) throws(StateStoreError) {
        do {
            try Self.setSynchronous(durability, on: pool)
        } catch {
            throw failure(error, "setting the state's durability")
        }
    }

    private static func setSynchronous(_ durability: Durability, on pool: ConnectionPool) throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(durability.synchronousPragma)") }
    }

    // MARK: Helpers

    func write<T>(_ operation: String, _ body: (SQLiteConnection) throws -> T) throws(StateStoreError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw failure(error, operation)
        }
    }

    func read<T>(_ operation: String, _ body: (SQLiteConnection) throws -> T) throws(StateStoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw failure(error, operation)
        }
    }

    private func failure(_ error: any Error, _ operation: String) -> StateStoreError {
        Self.classify(error, path: location.databaseURL.path, operation: operation)
    }

    private static func deployment(named name: String, in db: SQLiteConnection) throws -> Deployment {
        guard let row = try db.fetchOne(sql: "SELECT * FROM deployment WHERE name = ?", arguments: [name]) else {
            throw StateStoreError.unknownDeployment(name: name)
        }
        return try Deployment(row: row)
    }

    // Statements on the path of every step are cached: preparing them costs more than running them.

    private static func execution(_ id: Int64, in db: SQLiteConnection) throws -> Execution {
        guard let row = try db.cachedStatement(sql: "SELECT * FROM execution WHERE id = ?").fetchOne(arguments: [id]) else {
            throw StateStoreError.unknownExecution(id: id)
        }
        return try Execution(row: row)
    }

    /// The deployment of execution `id` alone: a step's commit needs no more of it.
    private static func deployment(ofExecution id: Int64, in db: SQLiteConnection) throws -> String {
        guard let name = try db.cachedStatement(sql: "SELECT deployment FROM execution WHERE id = ?").fetchOne(String.self, arguments: [id]) else {
            throw StateStoreError.unknownExecution(id: id)
        }
        return name
    }

    private static func requireInstance(_ db: SQLiteConnection, deployment: String, instance: String) throws {
        let known = try db.cachedStatement(sql: "SELECT 1 FROM node_instance WHERE deployment = ? AND instance_id = ?")
            .fetchOne(Bool.self, arguments: [deployment, instance])
        guard known == true else { throw StateStoreError.unknownNodeInstance(deployment: deployment, instance: instance) }
    }

    private static func updateInstance(
        _ db: SQLiteConnection, deployment: String, instance: String, state: NodeInstanceState?,
        runtimeProperties: [String: JSONValue]?, time: StoredTime
    ) throws {
        try db.cachedStatement(sql: """
            UPDATE node_instance SET state = COALESCE(?, state), runtime_properties = COALESCE(?, runtime_properties),
                updated_at = ?
            WHERE deployment = ? AND instance_id = ?
            """).execute(arguments: [state, runtimeProperties.map { JSONValue.object($0).jsonText() }, time, deployment, instance])
        guard db.changesCount == 1 else {
            throw StateStoreError.unknownNodeInstance(deployment: deployment, instance: instance)
        }
    }

    private static func touchDeployment(_ db: SQLiteConnection, _ deployment: String, time: StoredTime) throws {
        try db.cachedStatement(sql: "UPDATE deployment SET updated_at = ? WHERE name = ?").execute(arguments: [time, deployment])
    }

    private static func insertEvent(
        _ db: SQLiteConnection, execution: Int64, time: StoredTime, instance: String?, step: String?, kind: EventKind, message: String
    ) throws {
        try db.cachedStatement(sql: "INSERT INTO event (execution, time, instance_id, step, kind, message) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [execution, time, instance, step, kind, message])
    }
}
