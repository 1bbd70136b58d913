import Foundation
import GRDB
import Testing
@testable import StateStore

/// Schema v3: each instance's dependencies and uninstall steps, recorded at apply; older states
/// stay readable (without them); forgetting instances whose objects are gone.
@Suite("Recorded uninstall order (schema v3)")
struct UninstallOrderRecordTests {
    @Test func aStateWrittenBeforeV3OpensWithoutARecordedOrder() throws {
        // A state file as bluevirt wrote it before v3.
        let older = try OlderState(upTo: "v2: secrets", rows: """
            INSERT INTO deployment (name, blueprint_path, blueprint_digest, inputs_digest, status, created_at, updated_at)
            VALUES ('old', '/b.yaml', 'd', 'i', 'installed', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000');
            INSERT INTO node_instance (deployment, instance_id, node_name, type, connection_uri, object_kind, object_name,
                state, adopted, runtime_properties, updated_at)
            VALUES ('old', 'web-1', 'web', 'cloudify.libvirt.domain', 'test:///default', 'domain', 'old-web-1',
                'started', 0, '{"ip":"10.0.0.2"}', '2026-01-01 00:00:00.000');
            """)
        let location = older.location

        let store = try StateStore(location: location)
        let record = try #require(try store.nodeInstance(deployment: "old", instanceID: "web-1"))
        #expect(record.state == .started)
        #expect(record.runtimeProperties["ip"] == .string("10.0.0.2"))
        #expect(record.dependsOn == nil)
        #expect(record.uninstallSteps == nil)
    }

    @Test func dependenciesAndUninstallStepsRoundTripAndSurviveARegistrationWithout() throws {
        let fixture = try StoreFixture.withDeployment()
        let steps = [UninstallStepRecord(key: "vm-1/stop", operation: "stop", description: "stop vm-1"),
                     UninstallStepRecord(key: "vm-1/unlink/source/0", operation: "relationship:unlink", description: "unlink vm-1 → net-1 (source)"),
                     UninstallStepRecord(key: "vm-1/delete", operation: "delete", description: "delete vm-1")]
        var vm = try #require(try fixture.store.nodeInstance(deployment: StoreFixture.deployment, instanceID: "vm-1"))
        vm.dependsOn = ["net-1"]
        vm.uninstallSteps = steps
        try fixture.store.registerNodeInstances([vm])
        let read = try #require(try fixture.store.nodeInstance(deployment: StoreFixture.deployment, instanceID: "vm-1"))
        #expect(read.dependsOn == ["net-1"])
        #expect(read.uninstallSteps == steps)

        // A registration that knows no order (an older caller) keeps the recorded one.
        vm.dependsOn = nil
        vm.uninstallSteps = nil
        try fixture.store.registerNodeInstances([vm])
        let kept = try #require(try fixture.store.nodeInstance(deployment: StoreFixture.deployment, instanceID: "vm-1"))
        #expect(kept.dependsOn == ["net-1"] && kept.uninstallSteps == steps)
    }

    @Test func anOrderWrittenByFoundationsEncoderStillReadsAndAWrongShapeIsRefused() throws {
        let fixture = try StoreFixture.withDeployment()
        let path = fixture.store.location.databaseURL.path
        // Before 2026-12-03 the order was written by JSONEncoder (.sortedKeys), which escapes `/`.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        struct OldStep: Encodable { var key, operation, description: String }
        let oldSteps = String(decoding: try encoder.encode([OldStep(key: "vm-1/stop", operation: "stop", description: "stop vm-1")]), as: UTF8.self)
        #expect(oldSteps.contains("\\/"))
        let oldNames = String(decoding: try encoder.encode(["net/1"]), as: UTF8.self)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE node_instance SET depends_on = ?, uninstall_steps = ? WHERE instance_id = 'vm-1'", arguments: [oldNames, oldSteps])
        }
        let read = try #require(try fixture.store.nodeInstance(deployment: StoreFixture.deployment, instanceID: "vm-1"))
        #expect(read.dependsOn == ["net/1"])
        #expect(read.uninstallSteps == [UninstallStepRecord(key: "vm-1/stop", operation: "stop", description: "stop vm-1")])
        // The text written now is JSONValue's (no escaped slash), and reads back the same.
        #expect(RecordedOrderJSON.text(of: ["net/1"]) == #"["net/1"]"#)
        #expect(try RecordedOrderJSON.steps(from: RecordedOrderJSON.text(of: read.uninstallSteps ?? [])) == read.uninstallSteps)

        for wrong in [#"{"key":"x"}"#, #"[{"key":"x","operation":"stop"}]"#, #"[1]"#] {
            try queue.write { db in
                try db.execute(sql: "UPDATE node_instance SET uninstall_steps = ? WHERE instance_id = 'vm-1'", arguments: [wrong])
            }
            #expect(throws: (any Error).self, "\(wrong)") { try fixture.store.nodeInstance(deployment: StoreFixture.deployment, instanceID: "vm-1") }
        }
        try queue.close()
    }

    @Test func forgettingAnInstanceDropsItsFinishedStepsAndState() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        let execution = try store.startExecution(deployment: StoreFixture.deployment, workflow: .install)
        try store.recordStepFinished(execution: execution.id, instance: "net-1", step: "net-1/create", state: .created)
        try store.recordStepFinished(execution: execution.id, instance: "vm-1", step: "vm-1/create", state: .created)
        try store.recordStepFinished(execution: execution.id, instance: "vm-1", step: "vm-1/start", state: .started)
        try store.finishExecution(execution.id, status: .succeeded)

        try store.forgetInstances(deployment: StoreFixture.deployment, instances: ["vm-1"])
        let resume = try store.resumePoint(deployment: StoreFixture.deployment, workflow: .install)
        #expect(resume.finishedSteps == ["net-1/create"])
        #expect(try store.nodeInstance(deployment: StoreFixture.deployment, instanceID: "vm-1")?.state == .uninitialized)
        #expect(try store.nodeInstance(deployment: StoreFixture.deployment, instanceID: "net-1")?.state == .created)
        #expect(throws: StateStoreError.self) { try store.forgetInstances(deployment: StoreFixture.deployment, instances: ["nobody-1"]) }
    }
}
