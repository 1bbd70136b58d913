import Foundation
import GRDB
import Testing
@testable import StateStore

@Suite("State schema and SQLite settings")
struct SchemaTests {
    @Test func migratesAnEmptyDirectoryToTheCurrentSchema() throws {
        let fixture = try StoreFixture()
        let queue = try DatabaseQueue(path: fixture.store.location.databaseURL.path)
        let tables = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(tables == ["deployment", "event", "execution", "grdb_migrations", "node_instance", "node_instance_document", "secret", "step_result", "stored_secret"])
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(Set(applied) == Set(StateSchema.migrator.identifiers))
    }

    /// Every state before this store spoke to SQLite itself was migrated by GRDB's
    /// DatabaseMigrator: one migrated here must look current to it (an older bluevirt opens it
    /// without migrating again), and one it left half-way must be finished here.
    @Test func grdbsMigratorAndThisOneAgreeOnWhatIsApplied() throws {
        var grdbMigrator = DatabaseMigrator()
        for identifier in StateSchema.migrator.identifiers {
            grdbMigrator.registerMigration(identifier) { _ in }
        }
        let fixture = try StoreFixture()
        let queue = try DatabaseQueue(path: fixture.store.location.databaseURL.path)
        let (completed, superseded) = try queue.read { db in
            (try grdbMigrator.hasCompletedMigrations(db), try grdbMigrator.hasBeenSuperseded(db))
        }
        #expect(completed && !superseded)

        let older = try OlderState(upTo: "v4: secret store", rows: "")
        let olderQueue = try DatabaseQueue(path: older.location.databaseURL.path)
        let appliedBefore = try olderQueue.read { db in try grdbMigrator.appliedIdentifiers(db) }
        #expect(appliedBefore == Set(StateSchema.migrator.identifiers.prefix(4)))
        try olderQueue.close()
        _ = try StateStore(location: older.location)
        let completedAfter = try DatabaseQueue(path: older.location.databaseURL.path).read { db in
            try grdbMigrator.hasCompletedMigrations(db)
        }
        #expect(completedAfter)
    }

    /// Two bluevirts opening a new state at once once both applied a migration: "duplicate
    /// column name" instead of the writer lock's message (issue 11).
    @Test func storesOpenedAtOnceOnANewDirectoryMigrateItOnce() async throws {
        for _ in 0..<10 {
            let directory = try TemporaryDirectory()
            let location = StateLocation(directory: directory.url.appendingPathComponent("state"), source: .option)
            let failures = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        do { _ = try StateStore(location: location); return nil } catch { return "\(error)" }
                    }
                }
                var found: [String] = []
                for await failure in group { if let failure { found.append(failure) } }
                return found
            }
            #expect(failures.isEmpty, "\(failures)")
        }
    }

    @Test func reopeningKeepsTheData() throws {
        let fixture = try StoreFixture.withDeployment()
        let reopened = try StateStore(location: fixture.store.location)
        #expect(try reopened.deployments().map(\.name) == [StoreFixture.deployment])
        #expect(try reopened.nodeInstances(deployment: StoreFixture.deployment).count == 2)
    }

    @Test func journalModeIsWAL() throws {
        let fixture = try StoreFixture.withDeployment()
        #expect(try fixture.store.journalMode() == "wal")
        // WAL is a property of the file: a plain connection that did not ask for it sees it too.
        let queue = try DatabaseQueue(path: fixture.store.location.databaseURL.path)
        #expect(try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test(arguments: [(Durability.powerLoss, 2), (Durability.processCrash, 1)])
    func durabilityChoosesTheSynchronousSetting(durability: Durability, expected: Int) throws {
        let fixture = try StoreFixture(durability: durability)
        #expect(try fixture.store.synchronousSetting() == expected)
    }

    @Test func durabilityCanBeRelaxedForLaterCommits() throws {
        let fixture = try StoreFixture.withDeployment()
        try fixture.store.useDurability(.processCrash)
        #expect(try fixture.store.synchronousSetting() == 1)
        try fixture.store.useDurability(.powerLoss)
        #expect(try fixture.store.synchronousSetting() == 2)
    }

    @Test func databaseFileIsPrivate() throws {
        let fixture = try StoreFixture()
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.store.location.databaseURL.path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
    }

    @Test func aStateWrittenByANewerVersionIsRefused() throws {
        let fixture = try StoreFixture.withDeployment()
        let path = fixture.store.location.databaseURL.path
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2: from the future')")
        }
        #expect {
            _ = try StateStore(location: fixture.store.location)
        } throws: { error in
            guard case .cannotOpenDatabase(let reportedPath, let reason) = error as? StateStoreError else { return false }
            return reportedPath == path && reason.contains("newer version of bluevirt")
        }
    }

    @Test func aFileThatIsNotADatabaseIsReportedWithItsPath() throws {
        let directory = try TemporaryDirectory()
        let location = StateLocation(directory: directory.url, source: .option)
        try Data("not a database, just text that is long enough to fill a page header".utf8).write(to: location.databaseURL)
        #expect {
            _ = try StateStore(location: location)
        } throws: { error in
            guard case .damagedDatabase(let path, _) = error as? StateStoreError else { return false }
            return path == location.databaseURL.path
        }
        // A reading command, too, names the file itself and not a copy of it.
        #expect {
            _ = try StateStore(location: location, access: .look)
        } throws: { error in
            guard case .damagedDatabase(let path, _) = error as? StateStoreError else { return false }
            return path == location.databaseURL.path
        }
    }
}
