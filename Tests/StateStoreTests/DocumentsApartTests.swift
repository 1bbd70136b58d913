import Foundation
import GRDB
import Testing
@testable import StateStore

/// Schema v8: an instance's documents live in a table of their own, and the state's CHECK is a
/// chain of comparisons. A state written before v8 keeps every column; documents go with their
/// instance and their deployment.
@Suite("Documents apart from the instance row (schema v8)")
struct DocumentsApartTests {
    @Test func aStateWrittenBeforeV8KeepsItsDocumentsAndChecksItsStates() throws {
        let older = try OlderState(upTo: "v7: stopped state", rows: """
            INSERT INTO deployment (name, blueprint_path, blueprint_digest, inputs_digest, status, created_at, updated_at)
            VALUES ('old', '/b.yaml', 'd', 'i', 'installed', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000');
            INSERT INTO node_instance (deployment, instance_id, node_name, type, connection_uri, object_kind, object_name, state,
                adopted, runtime_properties, updated_at, depends_on, uninstall_steps, document, defined_document)
            VALUES ('old', 'vm-1', 'vm', 'cloudify.libvirt.domain', 'qemu:///system', 'domain', 'old-vm-1', 'started',
                0, '{"ip":"10.0.0.5"}', '2026-01-01 00:00:00.000', '["lan-1"]', '[]', '<domain/>', '<domain><name>old-vm-1</name></domain>'),
                ('old', 'lan-1', 'lan', 'cloudify.libvirt.network', 'qemu:///system', 'network', 'old-lan-1', 'created',
                0, '{}', '2026-01-01 00:00:00.000', NULL, NULL, NULL, NULL);
            """)
        let location = older.location

        let store = try StateStore(location: location)
        let vm = try #require(try store.nodeInstance(deployment: "old", instanceID: "vm-1"))
        #expect(vm.state == .started && vm.objectName == "old-vm-1" && vm.runtimeProperties["ip"] == .string("10.0.0.5"))
        #expect(vm.dependsOn == ["lan-1"] && vm.uninstallSteps == [])
        #expect(vm.document == "<domain/>")
        #expect(vm.definedDocument == "<domain><name>old-vm-1</name></domain>")
        let lan = try #require(try store.nodeInstance(deployment: "old", instanceID: "lan-1"))
        #expect(lan.document == nil && lan.definedDocument == nil && lan.state == .created)

        let execution = try store.startExecution(deployment: "old", workflow: .install)
        try store.recordStepsFinished(execution: execution.id, [
            FinishedStep(instance: "lan-1", step: "lan-1/start", definedDocument: "<network/>"),
            FinishedStep(instance: "vm-1", step: "vm-1/configure"),
        ])
        #expect(try store.nodeInstance(deployment: "old", instanceID: "lan-1")?.definedDocument == "<network/>")
        #expect(try store.nodeInstance(deployment: "old", instanceID: "vm-1")?.definedDocument == "<domain><name>old-vm-1</name></domain>")

        let direct = try DatabaseQueue(path: location.databaseURL.path)
        try direct.write { db in
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE node_instance SET state = 'sleeping'") }
            try db.execute(sql: "UPDATE node_instance SET state = 'stopped' WHERE instance_id = 'vm-1'")
        }
        try direct.close()

        try store.removeInstances(deployment: "old", instances: ["vm-1"])
        try store.deleteDeployment(named: "old")
        let left = try DatabaseQueue(path: location.databaseURL.path)
        #expect(try left.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM node_instance_document") } == 0)
    }

    @Test func registeringAgainKeepsTheDefinedDocumentUnlessGivenOne() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        var record = try #require(try store.nodeInstances(deployment: StoreFixture.deployment).first)
        let execution = try store.startExecution(deployment: StoreFixture.deployment, workflow: .install)
        try store.recordStepsFinished(execution: execution.id, [FinishedStep(instance: record.instanceID, step: "start", definedDocument: "<defined/>")])
        record.document = "<planned again/>"
        record.definedDocument = nil
        try store.registerNodeInstances([record])
        let read = try #require(try store.nodeInstance(deployment: record.deployment, instanceID: record.instanceID))
        #expect(read.document == "<planned again/>")
        #expect(read.definedDocument == "<defined/>")
    }
}
