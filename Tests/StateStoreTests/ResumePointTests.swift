import Testing
@testable import StateStore

@Suite("Resume point")
struct ResumePointTests {
    let deployment = StoreFixture.deployment

    @Test func aFailedInstallResumesWithTheStepsItFinished() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        let first = try store.startExecution(deployment: deployment, workflow: .install)
        try store.recordStepFinished(execution: first.id, instance: "net-1", step: "net-1/create", state: .created)
        try store.recordStepFinished(execution: first.id, instance: "net-1", step: "net-1/start", state: .started)
        try store.recordStepFailed(execution: first.id, instance: "vm-1", step: "vm-1/create", error: "rejected")
        try store.finishExecution(first.id, status: .failed, error: "vm-1/create failed")

        let second = try store.startExecution(deployment: deployment, workflow: .install)
        let resume = try store.resumePoint(deployment: deployment, workflow: .install)
        #expect(resume.finishedSteps == ["net-1/create", "net-1/start"])
        #expect(resume.executions == [first.id, second.id])
        #expect(resume.isFinished("net-1/create"))
        #expect(!resume.isFinished("vm-1/create"))

        try store.recordStepFinished(execution: second.id, instance: "vm-1", step: "vm-1/create", state: .created)
        try store.finishExecution(second.id, status: .succeeded)
        let afterSuccess = try store.resumePoint(deployment: deployment, workflow: .install)
        #expect(afterSuccess.finishedSteps == ["net-1/create", "net-1/start", "vm-1/create"])
    }

    @Test func anUninstallStartsFromNothingAndResetsTheInstallResumePoint() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        let install = try store.startExecution(deployment: deployment, workflow: .install)
        try store.recordStepFinished(execution: install.id, instance: "net-1", step: "net-1/create")
        try store.finishExecution(install.id, status: .succeeded)

        #expect(try store.resumePoint(deployment: deployment, workflow: .uninstall).finishedSteps.isEmpty)
        let uninstall = try store.startExecution(deployment: deployment, workflow: .uninstall)
        try store.recordStepFinished(execution: uninstall.id, instance: "net-1", step: "net-1/delete", state: .deleted)
        try store.finishExecution(uninstall.id, status: .succeeded)

        let nextInstall = try store.resumePoint(deployment: deployment, workflow: .install)
        #expect(nextInstall.finishedSteps.isEmpty)
        #expect(nextInstall.executions.isEmpty)
        #expect(try store.resumePoint(deployment: deployment, workflow: .uninstall).finishedSteps == ["net-1/delete"])
    }

    /// A scale is an install with other counts: each resumes the steps the other finished, it
    /// sets the deployment's status as an install does, and an uninstall ends its resume point.
    @Test func aScaleAndAnInstallResumeEachOthersSteps() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        let install = try store.startExecution(deployment: deployment, workflow: .install)
        try store.recordStepFinished(execution: install.id, instance: "net-1", step: "net-1/create")
        try store.finishExecution(install.id, status: .succeeded)

        let scale = try store.startExecution(deployment: deployment, workflow: .scale, parameters: .object(["delta": .integer(1)]))
        #expect(try store.deployment(named: deployment)?.status == .installing)
        #expect(try store.resumePoint(deployment: deployment, workflow: .scale).finishedSteps == ["net-1/create"])
        try store.recordStepFinished(execution: scale.id, instance: "vm-1", step: "vm-1/create")
        try store.finishExecution(scale.id, status: .cancelled, error: "stopped by the user")
        #expect(try store.deployment(named: deployment)?.status == .failed)

        let resumed = try store.resumePoint(deployment: deployment, workflow: .install)
        #expect(resumed.finishedSteps == ["net-1/create", "vm-1/create"])
        #expect(resumed.executions == [install.id, scale.id])

        let uninstall = try store.startExecution(deployment: deployment, workflow: .uninstall)
        try store.finishExecution(uninstall.id, status: .succeeded)
        #expect(try store.resumePoint(deployment: deployment, workflow: .scale).finishedSteps.isEmpty)
        #expect(try store.resumePoint(deployment: deployment, workflow: .uninstall).executions == [uninstall.id])
    }

    @Test func anInterruptedExecutionIsClosedAsFailedAndItsStepsStillCount() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        let killed = try store.startExecution(deployment: deployment, workflow: .install)
        try store.recordStepFinished(execution: killed.id, instance: "net-1", step: "net-1/create")
        let closed = try store.closeInterruptedExecutions(deployment: deployment, reason: "pid 4242 is no longer running")
        #expect(closed.map(\.id) == [killed.id])
        #expect(closed.first?.status == .failed)
        #expect(closed.first?.error == "interrupted: pid 4242 is no longer running")
        #expect(try store.deployment(named: deployment)?.status == .failed)
        #expect(try store.closeInterruptedExecutions(deployment: deployment, reason: "again").isEmpty)
        #expect(try store.resumePoint(deployment: deployment, workflow: .install).finishedSteps == ["net-1/create"])
    }

    @Test func otherDeploymentsDoNotCount() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        try store.saveDeployment(name: "other", blueprintPath: "/o.yaml", blueprintDigest: "d", inputsDigest: "i")
        try store.registerNodeInstances([NodeInstanceRecord(deployment: "other", instanceID: "net-1", nodeName: "net", type: "cloudify.libvirt.network")])
        let other = try store.startExecution(deployment: "other", workflow: .install)
        try store.recordStepFinished(execution: other.id, instance: "net-1", step: "net-1/create")
        #expect(try store.resumePoint(deployment: deployment, workflow: .install).finishedSteps.isEmpty)
    }
}
