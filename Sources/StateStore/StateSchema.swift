
/// The database schema as a sequence of migrations. A migration, once released, is never
/// edited: later versions of bluevirt append new ones, and opening an older state file runs
/// the missing ones in order.
enum StateSchema {
    static var migrator: SchemaMigrator {
        var migrator = SchemaMigrator()
        migrator.registerMigration("v1: deployments, node instances, executions, steps, events") { db in
            try db.execute(sql: """
                CREATE TABLE deployment (
                    name TEXT PRIMARY KEY NOT NULL,
                    blueprint_path TEXT NOT NULL,
                    blueprint_digest TEXT NOT NULL,
                    inputs_digest TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN (\(v1DeploymentStatuses))),
                    outputs_json TEXT,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                CREATE TABLE node_instance (
                    deployment TEXT NOT NULL REFERENCES deployment(name) ON DELETE CASCADE,
                    instance_id TEXT NOT NULL,
                    node_name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    connection_uri TEXT,
                    object_kind TEXT,
                    object_name TEXT,
                    state TEXT NOT NULL CHECK (state IN (\(v1InstanceStates))),
                    adopted BOOLEAN NOT NULL DEFAULT 0,
                    runtime_properties TEXT NOT NULL DEFAULT '{}',
                    updated_at DATETIME NOT NULL,
                    PRIMARY KEY (deployment, instance_id)
                );
                CREATE TABLE execution (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    deployment TEXT NOT NULL REFERENCES deployment(name) ON DELETE CASCADE,
                    workflow TEXT NOT NULL CHECK (workflow IN ('install', 'uninstall')),
                    status TEXT NOT NULL CHECK (status IN (\(v1ExecutionStatuses))),
                    started_at DATETIME NOT NULL,
                    ended_at DATETIME,
                    error TEXT
                );
                CREATE INDEX execution_by_deployment ON execution(deployment, id);
                CREATE TABLE step_result (
                    execution INTEGER NOT NULL REFERENCES execution(id) ON DELETE CASCADE,
                    step TEXT NOT NULL,
                    instance_id TEXT,
                    finished_at DATETIME NOT NULL,
                    PRIMARY KEY (execution, step)
                );
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    execution INTEGER NOT NULL REFERENCES execution(id) ON DELETE CASCADE,
                    time DATETIME NOT NULL,
                    instance_id TEXT,
                    step TEXT,
                    kind TEXT NOT NULL,
                    message TEXT NOT NULL
                );
                CREATE INDEX event_by_execution ON event(execution, id);
                """)
        }
        migrator.registerMigration("v2: secrets") { db in
            // What an operation keeps out of runtime properties (an ssh private key): status and
            // outputs never read this table, and its rows go with their deployment.
            try db.execute(sql: """
                CREATE TABLE secret (
                    deployment TEXT NOT NULL REFERENCES deployment(name) ON DELETE CASCADE,
                    instance_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (deployment, instance_id, name)
                );
                """)
        }
        migrator.registerMigration("v3: recorded uninstall order") { db in
            // What destroy needs to run the uninstall plan that dry-run printed, from the state
            // alone: each instance's relationship targets (its dependencies) and its uninstall
            // steps, both JSON. NULL in rows written before v3: destroy then falls back to the
            // order by object kind.
            try db.execute(sql: """
                ALTER TABLE node_instance ADD COLUMN depends_on TEXT;
                ALTER TABLE node_instance ADD COLUMN uninstall_steps TEXT;
                """)
        }
        migrator.registerMigration("v4: secret store") { db in
            // The user's secrets (`bluevirt secret set`), read by get_secret: one value per name,
            // shared by every deployment of this state directory.
            try db.execute(sql: """
                CREATE TABLE stored_secret (
                    name TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                """)
        }
        migrator.registerMigration("v5: documents and scaled counts") { db in
            // What updates and drift compare with: each instance's document as planned at its
            // last apply, and the document actually sent to libvirt (a domain's is rendered at
            // configure from its runtime params); and the instance counts a scale set, with the
            // counts the blueprint declared then (JSON). NULL in rows written before v5.
            try db.execute(sql: """
                ALTER TABLE node_instance ADD COLUMN document TEXT;
                ALTER TABLE node_instance ADD COLUMN defined_document TEXT;
                ALTER TABLE deployment ADD COLUMN scaled_counts TEXT;
                """)
        }
        migrator.registerMigration("v6: any workflow, with its parameters") { db in
            // `bluevirt run` records executions of any workflow (heal, backup, a blueprint's own),
            // so the CHECK on the workflow's name goes; SQLite changes a constraint only by
            // making the table again. migrations run with foreign keys off and checked
            // after (SchemaMigrator), so the steps and events that refer to executions keep their rows.
            try db.execute(sql: """
                CREATE TABLE execution_v6 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    deployment TEXT NOT NULL REFERENCES deployment(name) ON DELETE CASCADE,
                    workflow TEXT NOT NULL CHECK (workflow <> ''),
                    status TEXT NOT NULL CHECK (status IN (\(v1ExecutionStatuses))),
                    started_at DATETIME NOT NULL,
                    ended_at DATETIME,
                    error TEXT,
                    parameters TEXT
                );
                INSERT INTO execution_v6 (id, deployment, workflow, status, started_at, ended_at, error)
                    SELECT id, deployment, workflow, status, started_at, ended_at, error FROM execution;
                DROP TABLE execution;
                ALTER TABLE execution_v6 RENAME TO execution;
                CREATE INDEX execution_by_deployment ON execution(deployment, id);
                """)
        }
        migrator.registerMigration("v7: stopped state") { db in
            // A stop that finished leaves its instance `stopped` (Cloudify's name), no longer
            // `stopping`; the CHECK on the state lists the states, so the table is made again
            // as v6 made the execution table, every row and column kept.
            let columns = "deployment, instance_id, node_name, type, connection_uri, object_kind, object_name, state, adopted, " +
                "runtime_properties, updated_at, depends_on, uninstall_steps, document, defined_document"
            try db.execute(sql: """
                CREATE TABLE node_instance_v7 (
                    deployment TEXT NOT NULL REFERENCES deployment(name) ON DELETE CASCADE,
                    instance_id TEXT NOT NULL,
                    node_name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    connection_uri TEXT,
                    object_kind TEXT,
                    object_name TEXT,
                    state TEXT NOT NULL CHECK (state IN (\(v7InstanceStates))),
                    adopted BOOLEAN NOT NULL DEFAULT 0,
                    runtime_properties TEXT NOT NULL DEFAULT '{}',
                    updated_at DATETIME NOT NULL,
                    depends_on TEXT,
                    uninstall_steps TEXT,
                    document TEXT,
                    defined_document TEXT,
                    PRIMARY KEY (deployment, instance_id)
                );
                INSERT INTO node_instance_v7 (\(columns)) SELECT \(columns) FROM node_instance;
                DROP TABLE node_instance;
                ALTER TABLE node_instance_v7 RENAME TO node_instance;
                """)
        }
        migrator.registerMigration("v8: documents apart, state check without a list") { db in
            // Each step rewrites its instance's row (state, runtime properties): the two
            // documents (about 1 KB each for a domain) move to a table of their own, written at
            // register and at start only. The CHECK on the state becomes a chain of comparisons:
            // SQLite builds a temporary index for an IN list of more than two values each time
            // the check runs, a fifth of a step's commit. The table is made again as in v7.
            let columns = "deployment, instance_id, node_name, type, connection_uri, object_kind, object_name, state, adopted, " +
                "runtime_properties, updated_at, depends_on, uninstall_steps"
            // The states written out, as for v1: a released migration must not change with the enum.
            let states = ["uninitialized", "creating", "created", "configured", "started", "stopping", "stopped", "deleted", "failed"]
                .map { "state = '\($0)'" }.joined(separator: " OR ")
            try db.execute(sql: """
                CREATE TABLE node_instance_v8 (
                    deployment TEXT NOT NULL REFERENCES deployment(name) ON DELETE CASCADE,
                    instance_id TEXT NOT NULL,
                    node_name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    connection_uri TEXT,
                    object_kind TEXT,
                    object_name TEXT,
                    state TEXT NOT NULL CHECK (\(states)),
                    adopted BOOLEAN NOT NULL DEFAULT 0,
                    runtime_properties TEXT NOT NULL DEFAULT '{}',
                    updated_at DATETIME NOT NULL,
                    depends_on TEXT,
                    uninstall_steps TEXT,
                    PRIMARY KEY (deployment, instance_id)
                );
                INSERT INTO node_instance_v8 (\(columns)) SELECT \(columns) FROM node_instance;
                CREATE TABLE node_instance_document (
                    deployment TEXT NOT NULL,
                    instance_id TEXT NOT NULL,
                    document TEXT,
                    defined_document TEXT,
                    PRIMARY KEY (deployment, instance_id),
                    FOREIGN KEY (deployment, instance_id) REFERENCES node_instance(deployment, instance_id) ON DELETE CASCADE
                );
                INSERT INTO node_instance_document (deployment, instance_id, document, defined_document)
                    SELECT deployment, instance_id, document, defined_document FROM node_instance
                    WHERE document IS NOT NULL OR defined_document IS NOT NULL;
                DROP TABLE node_instance;
                ALTER TABLE node_instance_v8 RENAME TO node_instance;
                """)
        }
        migrator.registerMigration("v9: applied inputs") { db in
            // The values the inputs given to apply were bound to (JSON object, name → value), so
            // that `bluevirt run` needs them no more. NULL in rows written before v9: such a
            // deployment is run with its inputs given again, as before.
            try db.execute(sql: "ALTER TABLE deployment ADD COLUMN applied_inputs TEXT;")
        }
        migrator.registerMigration("v10: deleting state") { db in
            // A delete that began and did not finish leaves its instance `deleting` (Cloudify's
            // name), no longer the state before it; the CHECK gains the state, so the table is
            // made again as in v8, every row kept (the documents' table refers to it by name).
            let columns = "deployment, instance_id, node_name, type, connection_uri, object_kind, object_name, state, adopted, " +
                "runtime_properties, updated_at, depends_on, uninstall_steps"
            let states = ["uninitialized", "creating", "created", "configured", "started", "stopping", "stopped", "deleting", "deleted", "failed"]
                .map { "state = '\($0)'" }.joined(separator: " OR ")
            try db.execute(sql: """
                CREATE TABLE node_instance_v10 (
                    deployment TEXT NOT NULL REFERENCES deployment(name) ON DELETE CASCADE,
                    instance_id TEXT NOT NULL,
                    node_name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    connection_uri TEXT,
                    object_kind TEXT,
                    object_name TEXT,
                    state TEXT NOT NULL CHECK (\(states)),
                    adopted BOOLEAN NOT NULL DEFAULT 0,
                    runtime_properties TEXT NOT NULL DEFAULT '{}',
                    updated_at DATETIME NOT NULL,
                    depends_on TEXT,
                    uninstall_steps TEXT,
                    PRIMARY KEY (deployment, instance_id)
                );
                INSERT INTO node_instance_v10 (\(columns)) SELECT \(columns) FROM node_instance;
                DROP TABLE node_instance;
                ALTER TABLE node_instance_v10 RENAME TO node_instance;
                """)
        }
        return migrator
    }

    // What the CHECKs of released migrations allow, written out: a released migration must not
    // change when an enum gains a case, or a state migrated later would get another table.
    /// The states v1's CHECK allowed (v7 added `stopped`).
    private static let v1InstanceStates = "'uninitialized', 'creating', 'created', 'configured', 'started', 'stopping', 'deleted', 'failed'"
    /// The states v7's CHECK allowed (v8 writes the same as comparisons).
    private static let v7InstanceStates =
        "'uninitialized', 'creating', 'created', 'configured', 'started', 'stopping', 'stopped', 'deleted', 'failed'"
    /// The deployment statuses v1's CHECK allowed.
    private static let v1DeploymentStatuses = "'installing', 'installed', 'failed', 'uninstalling', 'uninstalled'"
    /// The execution statuses v1's CHECK allowed, and v6's again.
    private static let v1ExecutionStatuses = "'started', 'succeeded', 'failed', 'cancelled'"
}
