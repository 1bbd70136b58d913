import Foundation
import GRDB
import Testing
@testable import StateStore

/// Schema v6: executions of any workflow (`bluevirt run`), with their parameters; a state
/// written before keeps its executions, steps and events.
@Suite("Executions of any workflow (schema v6)")
struct WorkflowExecutionTests {
    @Test func aStateWrittenBeforeV6KeepsItsExecutionsStepsAndEvents() throws {
        let older = try OlderState(upTo: "v4: secret store", rows: """
            INSERT INTO deployment (name, blueprint_path, blueprint_digest, inputs_digest, status, created_at, updated_at)
            VALUES ('old', '/b.yaml', 'd', 'i', 'installed', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000');
            INSERT INTO execution (id, deployment, workflow, status, started_at, ended_at)
            VALUES (7, 'old', 'install', 'succeeded', '2026-01-01 00:00:00.000', '2026-01-01 00:00:01.500');
            INSERT INTO step_result (execution, step, instance_id, finished_at) VALUES (7, 'web-1/create', 'web-1', '2026-01-01 00:00:01.000');
            INSERT INTO event (execution, time, instance_id, step, kind, message)
            VALUES (7, '2026-01-01 00:00:01.000', 'web-1', 'web-1/create', 'step_finished', 'web-1/create finished');
            """)
        let location = older.location

        let store = try StateStore(location: location)
        let executions = try store.executions(deployment: "old")
        #expect(executions.map(\.id) == [7])
        #expect(executions.first?.workflow == .install)
        #expect(executions.first?.parameters == nil)
        #expect(try store.events(execution: 7).map(\.step) == ["web-1/create"])
        #expect(try store.resumePoint(deployment: "old", workflow: .install).finishedSteps == ["web-1/create"])
        // The table made again keeps its foreign key: a deployment's executions go with it.
        try store.deleteDeployment(named: "old")
        #expect(try store.executions(deployment: "old").isEmpty)
    }

    @Test func anyWorkflowIsRecordedWithItsParametersAndLeavesTheDeploymentStatusAlone() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        let install = try store.startExecution(deployment: StoreFixture.deployment, workflow: .install)
        try store.recordStepFinished(execution: install.id, instance: "vm-1", step: "vm-1/create", state: .created)
        try store.finishExecution(install.id, status: .failed, error: "vm-1/start failed")
        #expect(try store.deployment(named: StoreFixture.deployment)?.status == .failed)

        let parameters = JSONValue.object(["snapshot_name": .string("nightly"), "snapshot_incremental": .bool(true)])
        let backup = try store.startExecution(deployment: StoreFixture.deployment, workflow: Workflow(rawValue: "backup"), parameters: parameters)
        try store.recordStepFailed(execution: backup.id, instance: "vm-1", step: "vm-1/cloudify.interfaces.snapshot.create",
                                   error: "Snapshot vm-1-nightly already exists.", state: nil)
        try store.finishExecution(backup.id, status: .failed, error: "one backup failed")
        #expect(try store.execution(backup.id).workflow.rawValue == "backup")
        #expect(try store.execution(backup.id).parameters == parameters)
        // A failed backup neither marks the instance failed nor changes the deployment's status.
        #expect(try store.nodeInstance(deployment: StoreFixture.deployment, instanceID: "vm-1")?.state == .created)
        #expect(try store.deployment(named: StoreFixture.deployment)?.status == .failed)
        // Nor does it make the failed install start over.
        #expect(try store.resumePoint(deployment: StoreFixture.deployment, workflow: .install).finishedSteps == ["vm-1/create"])
    }
}
