import Foundation
import GRDB
import Testing
@testable import StateStore

/// Schema v10: a delete that began and did not finish leaves its instance `deleting`. A state
/// written before v10 keeps its instances, every column, and their documents, and can then
/// record the new state.
@Suite("The deleting state (schema v10)")
struct DeletingStateTests {
    @Test func aStateWrittenBeforeV10KeepsItsInstancesAndTakesTheDeletingState() throws {
        let older = try OlderState(upTo: "v9: applied inputs", rows: """
            INSERT INTO deployment (name, blueprint_path, blueprint_digest, inputs_digest, status, created_at, updated_at, applied_inputs)
            VALUES ('old', '/b.yaml', 'd', 'i', 'installed', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000', '{"size":2}');
            INSERT INTO node_instance (deployment, instance_id, node_name, type, connection_uri, object_kind, object_name, state,
                adopted, runtime_properties, updated_at, depends_on, uninstall_steps)
            VALUES ('old', 'vm-1', 'vm', 'cloudify.libvirt.domain', 'qemu:///system', 'domain', 'old-vm-1', 'started',
                0, '{"ip":"10.0.0.5"}', '2026-01-01 00:00:00.000', '["lan-1"]', '[]');
            INSERT INTO node_instance_document (deployment, instance_id, document, defined_document)
            VALUES ('old', 'vm-1', '<domain/>', '<domain><name>old-vm-1</name></domain>');
            """)
        let direct = try DatabaseQueue(path: older.location.databaseURL.path)
        try direct.write { db in
            // v8's CHECK does not know the new state: the migration must make the table again.
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE node_instance SET state = 'deleting'") }
        }
        try direct.close()

        let store = try StateStore(location: older.location)
        let vm = try #require(try store.nodeInstance(deployment: "old", instanceID: "vm-1"))
        #expect(vm.state == .started && vm.objectName == "old-vm-1" && vm.connectionURI == "qemu:///system")
        #expect(vm.runtimeProperties["ip"] == .string("10.0.0.5"))
        #expect(vm.dependsOn == ["lan-1"] && vm.uninstallSteps == [])
        #expect(vm.document == "<domain/>" && vm.definedDocument == "<domain><name>old-vm-1</name></domain>")

        let destroy = try store.startExecution(deployment: "old", workflow: .uninstall)
        try store.recordStepStarted(execution: destroy.id, instance: "vm-1", step: "vm-1/delete", state: .deleting)
        #expect(try store.nodeInstance(deployment: "old", instanceID: "vm-1")?.state == .deleting)
        // The table made again keeps its foreign keys: documents go with their instance, and
        // instances with their deployment.
        try store.deleteDeployment(named: "old")
        #expect(try store.nodeInstances(deployment: "old").isEmpty)
        let left = try DatabaseQueue(path: older.location.databaseURL.path)
        #expect(try left.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM node_instance_document") } == 0)
    }
}
