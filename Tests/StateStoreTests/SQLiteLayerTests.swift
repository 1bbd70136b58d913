import Foundation
import GRDB
import Testing
@testable import StateStore

/// The state store's own few hundred lines over SQLite's C API (which replaced GRDB in the
/// product): values, transactions, statements, readers beside the writer, and what a file edited
/// by hand makes of them. GRDB, still a dependency of these tests, is the independent client.
@Suite("SQLite connections of the state store")
struct SQLiteLayerTests {
    /// A pool on a new database with two tables; the folder goes when the fixture does, so tests
    /// reach the pool through it.
    private struct PoolFixture {
        let directory: TemporaryDirectory
        let pool: ConnectionPool
    }

    private func newPool() throws -> PoolFixture {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("test.sqlite").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let pool = try ConnectionPool(path: path, busyTimeoutSeconds: 5)
        try pool.write { db in
            try db.execute(sql: """
                CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, size INTEGER, ratio REAL, flag BOOLEAN);
                CREATE TABLE part (item INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE, label TEXT);
                """)
        }
        return PoolFixture(directory: directory, pool: pool)
    }

    @Test func valuesOfEveryKindReadBackAsWritten() throws {
        let fixture = try newPool()
        let name = "ünïcode ✓ 'quoted' \"and\" a\nnewline"
        try fixture.pool.write { db in
            try db.execute(sql: "INSERT INTO item (id, name, size, ratio, flag) VALUES (?, ?, ?, 0.25, ?)",
                           arguments: [Int64.max, name, Int64.min, true])
            try db.execute(sql: "INSERT INTO item (id, name, size, ratio, flag) VALUES (?, ?, ?, 3.0, ?)",
                           arguments: [2, "", nil, false])
        }
        let rows = try fixture.pool.read { db in try db.fetchAll(sql: "SELECT * FROM item ORDER BY id") }
        #expect(rows.count == 2)
        #expect(try rows[1].value("ID") == Int64.max)
        #expect(try rows[1].value("name") == name)
        #expect(try rows[1].value("size") == Int64.min)
        #expect(throws: UnexpectedColumnValue.self) { try rows[1].value("ratio", as: Int64.self) }
        #expect(try rows[0].value("ratio", as: Int64.self) == 3)
        #expect(try rows[1].value("flag") == true)
        #expect(try rows[0].value("name") == "")
        #expect(try rows[0].value("size", as: Int64?.self) == nil)
        #expect(try rows[0].value("flag") == false)
        // GRDB, reading the same file, sees the same.
        let grdbName = try DatabaseQueue(path: fixture.pool.path).read { db in
            try String.fetchOne(db, sql: "SELECT name FROM item WHERE id = ?", arguments: [Int64.max])
        }
        #expect(grdbName == name)
    }

    @Test func aValueOfAnotherKindIsAnErrorNamingTheColumnNotACrash() throws {
        let fixture = try newPool()
        try fixture.pool.write { db in try db.execute(sql: "INSERT INTO item (id, name, size) VALUES (1, 'a', 'big')") }
        #expect {
            _ = try fixture.pool.read { db in try db.fetchOne(sql: "SELECT size FROM item")?.value("size", as: Int64.self) }
        } throws: { error in
            "\(error)" == "column 'size' holds the text 'big' where an integer was expected"
        }
        #expect(throws: UnexpectedColumnValue.self) {
            _ = try fixture.pool.read { db in try db.fetchOne(sql: "SELECT NULL AS gone")?.value("gone", as: String.self) }
        }
    }

    @Test func aTransactionWhoseBodyFailsLeavesNothing() throws {
        let fixture = try newPool()
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try fixture.pool.write { db in
                try db.execute(sql: "INSERT INTO item (id, name) VALUES (1, 'a')")
                throw Stop()
            }
        }
        // A failing statement in the middle of a body: the statements before it are undone too.
        #expect(throws: SQLiteError.self) {
            try fixture.pool.write { db in
                try db.execute(sql: "INSERT INTO item (id, name) VALUES (2, 'b')")
                try db.execute(sql: "INSERT INTO item (id, name) VALUES (3, NULL)")
            }
        }
        #expect(try fixture.pool.read { db in try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM item") } == 0)
    }

    @Test func foreignKeysAreEnforcedAndCascade() throws {
        let fixture = try newPool()
        #expect {
            try fixture.pool.write { db in try db.execute(sql: "INSERT INTO part (item, label) VALUES (9, 'orphan')") }
        } throws: { error in
            (error as? SQLiteError)?.code == 19 && "\(error)".contains("FOREIGN KEY constraint failed")
        }
        try fixture.pool.write { db in
            try db.execute(sql: "INSERT INTO item (id, name) VALUES (1, 'a'); INSERT INTO part (item, label) VALUES (1, 'p')")
            try db.execute(sql: "DELETE FROM item")
        }
        #expect(try fixture.pool.read { db in try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM part") } == 0)
    }

    @Test func severalStatementsRunInOrderAndAFailureNamesTheStatement() throws {
        let fixture = try newPool()
        try fixture.pool.write { db in
            try db.execute(sql: "INSERT INTO item (id, name) VALUES (1, 'a'); UPDATE item SET name = 'b' WHERE id = 1; -- done\n")
        }
        #expect(try fixture.pool.read { db in try db.fetchOne(String.self, sql: "SELECT name FROM item") } == "b")
        #expect {
            try fixture.pool.write { db in try db.execute(sql: "UPDATE item SET name = 'c'; SELECT * FROM nowhere") }
        } throws: { error in
            "\(error)".hasPrefix("SQLite error 1: no such table: nowhere")
        }
        #expect(try fixture.pool.read { db in try db.fetchOne(String.self, sql: "SELECT name FROM item") } == "b")
    }

    @Test func aReadSeesOneSnapshotWhileTheWriterCommits() throws {
        let fixture = try newPool()
        let (before, during) = try fixture.pool.read { db in
            let before = try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM item")
            try fixture.pool.write { db in try db.execute(sql: "INSERT INTO item (id, name) VALUES (1, 'a')") }
            return (before, try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM item"))
        }
        #expect(before == 0 && during == 0)
        #expect(try fixture.pool.read { db in try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM item") } == 1)
    }

    @Test func commitsFromManyThreadsAtOnceAllLand() throws {
        let fixture = try newPool()
        let failures = ThreadLock()
        nonisolated(unsafe) var failed: [String] = []
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            do {
                let statement = "INSERT INTO item (id, name) VALUES (?, ?)"
                try fixture.pool.write { db in try db.cachedStatement(sql: statement).execute(arguments: [index, "item \(index)"]) }
                _ = try fixture.pool.read { db in try db.fetchAll(String.self, sql: "SELECT name FROM item") }
            } catch {
                failures.withLock { failed.append("\(error)") }
            }
        }
        #expect(failed.isEmpty, "\(failed.prefix(3))")
        #expect(try fixture.pool.read { db in try db.fetchOne(Int.self, sql: "SELECT COUNT(DISTINCT name) FROM item") } == 64)
    }
}

@Suite("The state store and a file edited by hand")
struct HandEditedStateTests {
    @Test func aTimeThatIsNoTimeIsReportedWithTheColumnAndTheFile() throws {
        let fixture = try StoreFixture.withDeployment()
        let path = fixture.store.location.databaseURL.path
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE deployment SET created_at = 'yesterday'") }
        #expect {
            _ = try fixture.store.deployments()
        } throws: { error in
            guard case .databaseFailure(let reported, let operation, let reason) = error as? StateStoreError else { return false }
            return reported == path && operation == "listing deployments" && reason.contains("column 'created_at' holds the text 'yesterday'")
        }
    }
}
