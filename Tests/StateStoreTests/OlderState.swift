import GRDB
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
        let queue = try DatabaseQueue(path: location.databaseURL.path)
        try StateSchema.migrator.migrate(queue, upTo: migration)
        try queue.write { db in try db.execute(sql: rows) }
        try queue.close()
    }
}
