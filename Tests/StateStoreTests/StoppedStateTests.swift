import Foundation
import Testing
@testable import StateStore

/// Schema v7: a stop that finished leaves its instance `stopped`. A state written before v7
/// keeps its node instances, every column of them, and can then record the new state.
@Suite("The stopped state (schema v7)")
struct StoppedStateTests {
    @Test func aStateWrittenBeforeV7KeepsItsInstancesAndTakesTheStoppedState() throws {
        let directory = try TemporaryDirectory()
        let location = StateLocation(directory: directory.url, source: .option)
        let pool = try OlderState.migratedPool(path: location.databaseURL.path, upTo: "v6: any workflow, with its parameters")
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO deployment (name, blueprint_path, blueprint_digest, inputs_digest, status, created_at, updated_at)
                VALUES ('old', '/b.yaml', 'd', 'i', 'installed', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000');
                INSERT INTO node_instance (deployment, instance_id, node_name, type, connection_uri, object_kind, object_name, state,
                    adopted, runtime_properties, updated_at, depends_on, document, defined_document)
                VALUES ('old', 'vm-1', 'vm', 'cloudify.libvirt.domain', 'qemu:///system', 'domain', 'old-vm-1', 'stopping',
                    0, '{"ip":"10.0.0.5"}', '2026-01-01 00:00:00.000', '["lan-1"]', '<domain/>', '<domain><name>old-vm-1</name></domain>');
                """)
            // v1's CHECK does not know the new state: the migration must make the table again.
            #expect(throws: SQLiteError.self) { try db.execute(sql: "UPDATE node_instance SET state = 'stopped'") }
        }
        pool.close()

        let store = try StateStore(location: location)
        let record = try #require(try store.nodeInstance(deployment: "old", instanceID: "vm-1"))
        #expect(record.state == .stopping)
        #expect(record.objectName == "old-vm-1" && record.connectionURI == "qemu:///system")
        #expect(record.runtimeProperties["ip"] == .string("10.0.0.5"))
        #expect(record.dependsOn == ["lan-1"])
        #expect(record.document == "<domain/>")
        #expect(record.definedDocument == "<domain><name>old-vm-1</name></domain>")

        let stop = try store.startExecution(deployment: "old", workflow: Workflow(rawValue: "stop"))
        try store.recordStepFinished(execution: stop.id, instance: "vm-1", step: "vm-1/stop", state: .stopped)
        #expect(try store.nodeInstance(deployment: "old", instanceID: "vm-1")?.state == .stopped)
        // The table made again keeps its foreign key: a deployment's instances go with it.
        try store.deleteDeployment(named: "old")
        #expect(try store.nodeInstances(deployment: "old").isEmpty)
    }
}
