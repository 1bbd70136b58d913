import CSQLite

/// Migrations applied in order, each once, recorded by identifier in the table
/// `grdb_migrations`: the table and rules of GRDB's `DatabaseMigrator`, which made every state
/// database before bluevirt spoke to SQLite itself, so those open here and the other way round.
struct SchemaMigrator {
    private var migrations: [(identifier: String, body: (SQLiteConnection) throws -> Void)] = []

    /// The identifiers of the migrations, in order.
    var identifiers: [String] { migrations.map(\.identifier) }

    mutating func registerMigration(_ identifier: String, _ body: @escaping (SQLiteConnection) throws -> Void) {
        migrations.append((identifier, body))
    }

    /// The identifiers applied to the database of `db`.
    func appliedIdentifiers(_ db: SQLiteConnection) throws -> Set<String> {
        let exists = try db.fetchOne(Bool.self, sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'grdb_migrations'") ?? false
        guard exists else { return [] }
        return Set(try db.fetchAll(String.self, sql: "SELECT identifier FROM grdb_migrations"))
    }

    /// Whether the database holds a migration this version does not know: a newer bluevirt
    /// wrote it.
    func hasBeenSuperseded(_ db: SQLiteConnection) throws -> Bool {
        let known = Set(identifiers)
        return try !appliedIdentifiers(db).isSubset(of: known)
    }

    /// Applies the migrations not applied yet, up to `last` (all by default), each in its own
    /// transaction with foreign keys checked at its end rather than at each statement (a table
    /// made again keeps the rows that refer to it), as GRDB did.
    func migrate(_ pool: ConnectionPool, upTo last: String? = nil) throws {
        let end = last.flatMap { last in migrations.firstIndex { $0.identifier == last } }.map { $0 + 1 } ?? migrations.count
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let applied = try appliedIdentifiers(db)
            for migration in migrations[..<end] where !applied.contains(migration.identifier) {
                // PRAGMA foreign_keys does nothing inside a transaction: set it around one.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction(immediate: true) { db in
                    try migration.body(db)
                    if let violation = try db.fetchOne(sql: "PRAGMA foreign_key_check") {
                        let table: String = (try? violation.value(at: 0)) ?? "?"
                        throw SQLiteError(
                            extendedCode: SQLITE_CONSTRAINT,
                            message: "migration '\(migration.identifier)' left a row of table \(table) that refers to nothing")
                    }
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
                }
            }
        }
    }
}
