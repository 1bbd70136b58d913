import Foundation
import Testing
@testable import StateStore

/// A released migration makes the same tables whenever it runs: a state file an older bluevirt
/// wrote is migrated later, by a bluevirt whose enums may have gained cases since. So the CHECKs
/// each migration writes are compared with what it wrote when it was released, written out here;
/// one built from an enum's current cases fails this as soon as the enum grows.
@Suite("Released migrations do not change")
struct ReleasedMigrationTests {
    /// Each migration that writes a CHECK, with the CHECKs of the tables it makes, as released.
    static let released: [(migration: String, table: String, checks: [String])] = [
        ("v1: deployments, node instances, executions, steps, events", "deployment",
         ["status IN ('installing', 'installed', 'failed', 'uninstalling', 'uninstalled')"]),
        ("v1: deployments, node instances, executions, steps, events", "node_instance",
         ["state IN ('uninitialized', 'creating', 'created', 'configured', 'started', 'stopping', 'deleted', 'failed')"]),
        ("v1: deployments, node instances, executions, steps, events", "execution",
         ["workflow IN ('install', 'uninstall')", "status IN ('started', 'succeeded', 'failed', 'cancelled')"]),
        ("v6: any workflow, with its parameters", "execution",
         ["workflow <> ''", "status IN ('started', 'succeeded', 'failed', 'cancelled')"]),
        ("v7: stopped state", "node_instance",
         ["state IN ('uninitialized', 'creating', 'created', 'configured', 'started', 'stopping', 'stopped', 'deleted', 'failed')"]),
        ("v8: documents apart, state check without a list", "node_instance",
         ["state = 'uninitialized' OR state = 'creating' OR state = 'created' OR state = 'configured' OR state = 'started' OR "
          + "state = 'stopping' OR state = 'stopped' OR state = 'deleted' OR state = 'failed'"]),
        ("v10: deleting state", "node_instance",
         ["state = 'uninitialized' OR state = 'creating' OR state = 'created' OR state = 'configured' OR state = 'started' OR "
          + "state = 'stopping' OR state = 'stopped' OR state = 'deleting' OR state = 'deleted' OR state = 'failed'"]),
    ]

    @Test(arguments: released.indices)
    func aMigrationWritesTheChecksItWasReleasedWith(index: Int) throws {
        let (migration, table, checks) = Self.released[index]
        #expect(try Self.checksByTable(upTo: migration)[table] == checks, "\(migration), table \(table)")
    }

    /// A migration not listed above changes no CHECK: one that does is listed when released.
    @Test func everyMigrationThatWritesACheckIsListed() throws {
        let identifiers = StateSchema.migrator.identifiers
        let listed = Set(Self.released.map(\.migration))
        for (index, migration) in identifiers.enumerated() where index > 0 && !listed.contains(migration) {
            let before = try Self.checksByTable(upTo: identifiers[index - 1])
            #expect(try Self.checksByTable(upTo: migration) == before, "\(migration) changes a CHECK: list it in ReleasedMigrationTests.released")
        }
    }

    /// The CHECKs of each table that has any, of a new database migrated up to `migration` only.
    private static func checksByTable(upTo migration: String) throws -> [String: [String]] {
        let directory = try TemporaryDirectory()
        let pool = try OlderState.migratedPool(path: directory.url.appendingPathComponent("state.db").path, upTo: migration)
        defer { pool.close() }
        let rows = try pool.read { db in
            try db.fetchAll(sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
        }
        return Dictionary(uniqueKeysWithValues: try rows.map { row in
            (try row.value(at: 0, as: String.self), checks(in: try row.value(at: 1, as: String.self)))
        }).filter { !$0.value.isEmpty }
    }

    /// What each `CHECK (...)` in `sql` says, in order, without its outer parentheses.
    static func checks(in sql: String) -> [String] {
        var found: [String] = []
        var rest = Substring(sql)
        while let start = rest.range(of: "CHECK (") {
            var depth = 1
            var index = start.upperBound
            while index < rest.endIndex, depth > 0 {
                if rest[index] == "(" { depth += 1 } else if rest[index] == ")" { depth -= 1 }
                index = rest.index(after: index)
            }
            found.append(String(rest[start.upperBound..<rest.index(before: index)]))
            rest = rest[index...]
        }
        return found
    }
}
