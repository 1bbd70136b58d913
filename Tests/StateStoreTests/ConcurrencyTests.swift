import Foundation
import Testing
@testable import StateStore

@Suite("Concurrent recording")
struct ConcurrencyTests {
    @Test func manyTasksRecordingAtOnceLoseNothing() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let instances = (0..<16).map { "vm-\($0)" }
        let stepsPerInstance = 40
        try store.saveDeployment(name: "web", blueprintPath: "/b/web.yaml", blueprintDigest: "d", inputsDigest: "i")
        try store.registerNodeInstances(instances.map {
            NodeInstanceRecord(deployment: "web", instanceID: $0, nodeName: "vm", type: "cloudify.libvirt.domain")
        })
        let execution = try store.startExecution(deployment: "web", workflow: .install)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for instance in instances {
                group.addTask {
                    for step in 0..<stepsPerInstance {
                        try store.recordStepFinished(
                            execution: execution.id, instance: instance, step: "\(instance)/op-\(step)",
                            state: .configured, runtimeProperties: ["done": .integer(Int64(step))])
                    }
                }
                // Readers run at the same time as the writers (WAL lets them).
                group.addTask {
                    for _ in 0..<10 {
                        _ = try store.nodeInstances(deployment: "web")
                    }
                }
            }
            try await group.waitForAll()
        }

        let resume = try store.resumePoint(deployment: "web", workflow: .install)
        #expect(resume.finishedSteps.count == instances.count * stepsPerInstance)
        let finishedEvents = try store.events(execution: execution.id).filter { $0.kind == .stepFinished }
        #expect(finishedEvents.count == instances.count * stepsPerInstance)
        for record in try store.nodeInstances(deployment: "web") {
            #expect(record.runtimeProperties["done"] == .integer(Int64(stepsPerInstance - 1)))
        }
    }

    @Test func twoStoresOnOneFileWriteInTurn() async throws {
        let fixture = try StoreFixture.withDeployment()
        let other = try StateStore(location: fixture.store.location)
        let execution = try fixture.store.startExecution(deployment: StoreFixture.deployment, workflow: .install)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [fixture.store, other].enumerated() {
                group.addTask {
                    for step in 0..<50 {
                        try store.recordStepFinished(execution: execution.id, instance: "vm-1", step: "vm-1/s\(index)-\(step)")
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try other.resumePoint(deployment: StoreFixture.deployment, workflow: .install).finishedSteps.count == 100)
    }
}
