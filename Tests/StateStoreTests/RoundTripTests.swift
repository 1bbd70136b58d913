import Foundation
import Testing
@testable import StateStore

@Suite("Recording and reading back")
struct RoundTripTests {
    let deployment = StoreFixture.deployment

    @Test func deploymentIsCreatedInstallingAndUpdatedInPlace() throws {
        let fixture = try StoreFixture.withDeployment()
        let created = try #require(try fixture.store.deployment(named: deployment))
        #expect(created.blueprintPath == "/blueprints/web.yaml")
        #expect(created.blueprintDigest == "sha256:b1")
        #expect(created.status == .installing)

        let updated = try fixture.store.saveDeployment(name: deployment, blueprintPath: "/b/web.yaml", blueprintDigest: "sha256:b2", inputsDigest: "sha256:i2")
        #expect(updated.blueprintDigest == "sha256:b2")
        #expect(updated.inputsDigest == "sha256:i2")
        #expect(updated.createdAt == created.createdAt)
        #expect(try fixture.store.nodeInstances(deployment: deployment).count == 2)
    }

    /// Schema v9: the values of the inputs apply was given, read back as written; a deployment
    /// saved without them (as an older bluevirt left it) has none.
    @Test func appliedInputsReadBackAndAreAbsentWhenNotRecorded() throws {
        let fixture = try StoreFixture.withDeployment()
        #expect(try fixture.store.deployment(named: deployment)?.appliedInputs == nil)
        let inputs: [String: JSONValue] = ["memory_size": .integer(1_048_576), "version": .string("1.10"), "tags": .array([.string("a")])]
        try fixture.store.saveDeployment(name: deployment, blueprintPath: "/b/web.yaml", blueprintDigest: "d", inputsDigest: "i", appliedInputs: inputs)
        #expect(try fixture.store.deployment(named: deployment)?.appliedInputs == inputs)
        try fixture.store.saveDeployment(name: deployment, blueprintPath: "/b/web.yaml", blueprintDigest: "d", inputsDigest: "i", appliedInputs: [:])
        #expect(try fixture.store.deployment(named: deployment)?.appliedInputs == [:])
    }

    @Test func listsDeploymentsByNameWithTheirStatus() throws {
        let fixture = try StoreFixture.withDeployment()
        try fixture.store.saveDeployment(name: "alpha", blueprintPath: "/a.yaml", blueprintDigest: "d", inputsDigest: "i")
        let execution = try fixture.store.startExecution(deployment: "alpha", workflow: .install)
        try fixture.store.finishExecution(execution.id, status: .succeeded)
        let listed = try fixture.store.deployments().map { "\($0.name):\($0.status.rawValue)" }
        #expect(listed == ["alpha:installed", "web:installing"])
    }

    @Test func connectionURIsIntoTheStateDirectoryFollowACopyOfIt() throws {
        let fixture = try StoreFixture.withDeployment()
        let directory = fixture.store.location.directory
        let world = "test://\(directory.path)/simulated/web/qemu~3A~2F~2F~2Fsystem.xml"
        let elsewhere = "test:///var/lib/worlds/\(directory.lastPathComponent)/simulated/web/x.xml"
        try fixture.store.registerNodeInstances([
            NodeInstanceRecord(deployment: deployment, instanceID: "a-1", nodeName: "a", type: "t", connectionURI: world),
            NodeInstanceRecord(deployment: deployment, instanceID: "b-1", nodeName: "b", type: "t", connectionURI: elsewhere),
        ])
        #expect(try fixture.store.nodeInstance(deployment: deployment, instanceID: "a-1")?.connectionURI == world)

        let copy = fixture.directory.url.appendingPathComponent("copied state")
        try FileManager.default.copyItem(at: directory, to: copy)
        let copied = try StateStore(location: StateLocation(directory: copy, source: .option))
        let uris = Dictionary(uniqueKeysWithValues: try copied.nodeInstances(deployment: deployment).map { ($0.instanceID, $0.connectionURI) })
        #expect(uris["a-1"] == "test://\(copy.path)/simulated/web/qemu~3A~2F~2F~2Fsystem.xml")
        #expect(uris["b-1"] == elsewhere)
        #expect(uris["vm-1"] == "qemu+ssh://root@host2/system")
    }

    @Test func nodeInstancesKeepEveryField() throws {
        let fixture = try StoreFixture.withDeployment()
        let adopted = NodeInstanceRecord(
            deployment: deployment, instanceID: "pool-1", nodeName: "pool", type: "cloudify.libvirt.pool",
            connectionURI: "qemu:///system", objectKind: "pool", objectName: "default", adopted: true,
            runtimeProperties: ["resource_id": .string("default")])
        try fixture.store.registerNodeInstances([adopted])
        let read = try #require(try fixture.store.nodeInstance(deployment: deployment, instanceID: "pool-1"))
        #expect(read.adopted)
        #expect(read.objectKind == "pool")
        #expect(read.objectName == "default")
        #expect(read.connectionURI == "qemu:///system")
        #expect(read.runtimeProperties == ["resource_id": .string("default")])
        #expect(read.state == .uninitialized)
        let vm = try #require(try fixture.store.nodeInstance(deployment: deployment, instanceID: "vm-1"))
        #expect(vm.connectionURI == "qemu+ssh://root@host2/system")
        #expect(!vm.adopted)
    }

    @Test func reRegisteringKeepsStateAndRuntimeProperties() throws {
        let fixture = try StoreFixture.withDeployment()
        let execution = try fixture.store.startExecution(deployment: deployment, workflow: .install)
        try fixture.store.recordStepFinished(execution: execution.id, instance: "vm-1", step: "vm-1/create", state: .created, runtimeProperties: ["resource_id": .string("web-vm-1")])
        try fixture.store.registerNodeInstances([
            NodeInstanceRecord(deployment: deployment, instanceID: "vm-1", nodeName: "vm", type: "cloudify.libvirt.domain", objectKind: "domain", objectName: "renamed"),
        ])
        let vm = try #require(try fixture.store.nodeInstance(deployment: deployment, instanceID: "vm-1"))
        #expect(vm.objectName == "renamed")
        #expect(vm.state == .created)
        #expect(vm.runtimeProperties == ["resource_id": .string("web-vm-1")])
    }

    @Test func runtimePropertiesRoundTripAsJSON() throws {
        let fixture = try StoreFixture.withDeployment()
        let properties: [String: JSONValue] = [
            "resource_id": .string("web-vm-1"),
            "ip": .string("192.168.122.10"),
            "vcpus": .integer(2),
            "load": .number(0.25),
            "autostart": .bool(true),
            "nothing": .null,
            "interfaces": .array([.object(["mac": .string("52:54:00:aa:bb:cc"), "addrs": .array([.string("192.168.122.10/24")])])]),
            "quote \"and\" unicode": .string("ünïcødé / slash"),
        ]
        let execution = try fixture.store.startExecution(deployment: deployment, workflow: .install)
        try fixture.store.recordStepFinished(execution: execution.id, instance: "vm-1", step: "vm-1/start", state: .started, runtimeProperties: properties)
        let vm = try #require(try fixture.store.nodeInstance(deployment: deployment, instanceID: "vm-1"))
        #expect(vm.runtimeProperties == properties)
        #expect(vm.state == .started)
    }

    @Test func outputsAreStoredPerDeployment() throws {
        let fixture = try StoreFixture.withDeployment()
        #expect(try fixture.store.outputs(deployment: deployment) == nil)
        let outputs = JSONValue.object(["addresses": .array([.string("10.0.0.2"), .string("10.0.0.3")])])
        try fixture.store.saveOutputs(outputs, deployment: deployment)
        #expect(try fixture.store.outputs(deployment: deployment) == outputs)
        #expect(throws: StateStoreError.unknownDeployment(name: "nope")) {
            try fixture.store.saveOutputs(outputs, deployment: "nope")
        }
    }

    @Test func executionLifecycleDrivesTheDeploymentStatus() throws {
        let fixture = try StoreFixture.withDeployment()
        let install = try fixture.store.startExecution(deployment: deployment, workflow: .install)
        #expect(try fixture.store.deployment(named: deployment)?.status == .installing)
        try fixture.store.recordStepStarted(execution: install.id, instance: "net-1", step: "net-1/create", state: .creating)
        #expect(try fixture.store.nodeInstance(deployment: deployment, instanceID: "net-1")?.state == .creating)
        try fixture.store.recordStepFailed(execution: install.id, instance: "net-1", step: "net-1/create", error: "virNetworkDefineXML: network 'web-net' already exists")
        let failed = try fixture.store.finishExecution(install.id, status: .failed, error: "net-1/create failed")
        #expect(failed.status == .failed)
        #expect(failed.endedAt != nil)
        #expect(try fixture.store.deployment(named: deployment)?.status == .failed)
        #expect(try fixture.store.nodeInstance(deployment: deployment, instanceID: "net-1")?.state == .failed)

        let last = try #require(try fixture.store.lastExecution(deployment: deployment))
        #expect(last == failed)
        let events = try fixture.store.events(execution: install.id)
        #expect(events.map(\.kind) == [.executionStarted, .stepStarted, .stepFailed, .executionFinished])
        #expect(events[2].message.contains("already exists"))
        #expect(events[2].step == "net-1/create")
        #expect(events[2].instanceID == "net-1")

        let uninstall = try fixture.store.startExecution(deployment: deployment, workflow: .uninstall)
        #expect(try fixture.store.deployment(named: deployment)?.status == .uninstalling)
        try fixture.store.finishExecution(uninstall.id, status: .succeeded)
        #expect(try fixture.store.deployment(named: deployment)?.status == .uninstalled)
        #expect(try fixture.store.executions(deployment: deployment).map(\.workflow) == [.install, .uninstall])
    }

    @Test func aStepOfAnUnknownInstanceChangesNothing() throws {
        let fixture = try StoreFixture.withDeployment()
        let execution = try fixture.store.startExecution(deployment: deployment, workflow: .install)
        #expect(throws: StateStoreError.unknownNodeInstance(deployment: deployment, instance: "ghost-1")) {
            try fixture.store.recordStepFinished(execution: execution.id, instance: "ghost-1", step: "ghost-1/create")
        }
        #expect(try fixture.store.resumePoint(deployment: deployment, workflow: .install).finishedSteps.isEmpty)
        #expect(try fixture.store.events(execution: execution.id).map(\.kind) == [.executionStarted])
        #expect(throws: StateStoreError.unknownExecution(id: 999)) {
            try fixture.store.recordStepFinished(execution: 999, instance: "vm-1", step: "vm-1/create")
        }
    }

    @Test func aBatchOfFinishedStepsIsRecordedWholeOrNotAtAll() throws {
        let fixture = try StoreFixture.withDeployment()
        let execution = try fixture.store.startExecution(deployment: deployment, workflow: .install)
        #expect(throws: StateStoreError.unknownNodeInstance(deployment: deployment, instance: "ghost-1")) {
            try fixture.store.recordStepsFinished(execution: execution.id, [
                FinishedStep(instance: "net-1", step: "net-1/create", state: .created),
                FinishedStep(instance: "ghost-1", step: "ghost-1/create"),
            ])
        }
        #expect(try fixture.store.resumePoint(deployment: deployment, workflow: .install).finishedSteps.isEmpty)
        #expect(try fixture.store.nodeInstance(deployment: deployment, instanceID: "net-1")?.state == .uninitialized)

        try fixture.store.recordStepsFinished(execution: execution.id, [
            FinishedStep(instance: "net-1", step: "net-1/create", state: .created),
            FinishedStep(instance: "vm-1", step: "vm-1/create", state: .created, runtimeProperties: ["resource_id": .string("web-vm-1")], message: "defined web-vm-1"),
        ])
        #expect(try fixture.store.resumePoint(deployment: deployment, workflow: .install).finishedSteps == ["net-1/create", "vm-1/create"])
        let messages = try fixture.store.events(execution: execution.id).filter { $0.kind == .stepFinished }.map(\.message)
        #expect(messages == ["net-1/create finished", "defined web-vm-1"])
    }

    @Test func deletingADeploymentForgetsEverythingAboutIt() throws {
        let fixture = try StoreFixture.withDeployment()
        let execution = try fixture.store.startExecution(deployment: deployment, workflow: .install)
        try fixture.store.recordStepFinished(execution: execution.id, instance: "vm-1", step: "vm-1/create")
        try fixture.store.deleteDeployment(named: deployment)
        #expect(try fixture.store.deployments().isEmpty)
        #expect(try fixture.store.nodeInstances(deployment: deployment).isEmpty)
        #expect(try fixture.store.events(execution: execution.id).isEmpty)
        #expect(throws: StateStoreError.unknownDeployment(name: deployment)) {
            try fixture.store.deleteDeployment(named: deployment)
        }
    }
}
