import Foundation
@testable import StateStore

/// A state file as an older bluevirt wrote it: the schema migrated up to `migration` only, then
/// `rows` (SQL) written into it. Opening a `StateStore` at `location` then runs the later
/// migrations.
struct OlderState {
    let directory: TemporaryDirectory
    let location: StateLocation

    init(upTo migration: String, rows: String) throws {
        directory = try TemporaryDirectory()
        location = StateLocation(directory: directory.url, source: .option)
        let pool = try Self.migratedPool(path: location.databaseURL.path, upTo: migration)
        try pool.write { db in try db.execute(sql: rows) }
        pool.close()
    }

    /// A new database at `path` with the schema migrated up to `migration` only.
    static func migratedPool(path: String, upTo migration: String) throws -> ConnectionPool {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let pool = try ConnectionPool(path: path, busyTimeoutSeconds: 5)
        try StateSchema.migrator.migrate(pool, upTo: migration)
        return pool
    }
}
