import Foundation
import Testing
@testable import StateStore

/// Measures `recordStepFinished` commits per second for docs/state-store.md. Skipped unless
/// BLUEVIRT_STATE_BENCH=1; it prints the rates and asserts only that every step was recorded.
@Suite("Throughput report")
struct ThroughputReport {
    @Test(
        .enabled(if: ProcessInfo.processInfo.environment["BLUEVIRT_STATE_BENCH"] == "1", "set BLUEVIRT_STATE_BENCH=1 to measure"),
        arguments: [Durability.powerLoss, Durability.processCrash])
    func recordStepFinishedPerSecond(durability: Durability) throws {
        let fixture = try StoreFixture.withDeployment(durability: durability)
        let execution = try fixture.store.startExecution(deployment: StoreFixture.deployment, workflow: .install)
        let count = 2_000
        let properties: [String: JSONValue] = [
            "resource_id": .string("web-vm-1"), "ip": .string("192.168.122.10"),
            "interfaces": .array([.object(["mac": .string("52:54:00:aa:bb:cc"), "addrs": .array([.string("192.168.122.10/24")])])]),
        ]
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for index in 0..<count {
                try fixture.store.recordStepFinished(
                    execution: execution.id, instance: "vm-1", step: "vm-1/op-\(index)",
                    state: .started, runtimeProperties: properties)
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("recordStepFinished, durability \(durability): \(count) commits in \(String(format: "%.3f", seconds)) s = \(Int(Double(count) / seconds)) per second")
        #expect(try fixture.store.resumePoint(deployment: StoreFixture.deployment, workflow: .install).finishedSteps.count == count)

        let batchSize = 50
        let batched = try clock.measure {
            for batch in 0..<(count / batchSize) {
                try fixture.store.recordStepsFinished(execution: execution.id, (0..<batchSize).map { index in
                    FinishedStep(instance: "vm-1", step: "vm-1/batched-\(batch * batchSize + index)", state: .started, runtimeProperties: properties)
                })
            }
        }
        let batchedSeconds = Double(batched.components.seconds) + Double(batched.components.attoseconds) / 1e18
        print("recordStepsFinished in batches of \(batchSize), durability \(durability): \(count) steps in \(String(format: "%.3f", batchedSeconds)) s = \(Int(Double(count) / batchedSeconds)) steps per second")
        #expect(try fixture.store.resumePoint(deployment: StoreFixture.deployment, workflow: .install).finishedSteps.count == 2 * count)
    }
}
