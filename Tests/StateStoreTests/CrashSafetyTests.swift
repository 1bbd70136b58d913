import Foundation
import GRDB
import Testing
@testable import StateStore

@Suite("Crash safety")
struct CrashSafetyTests {
    static let instances = ["vm-0", "vm-1", "vm-2", "vm-3"]
    static func instance(ofStep index: Int) -> String { instances[index % instances.count] }
    static func step(_ index: Int) -> String { "\(instance(ofStep: index))/step-\(index)" }

    @Test func aProcessKilledMidRunLeavesEveryCommittedStepReadable() async throws {
        let directory = try TemporaryDirectory()
        let location = StateLocation(directory: directory.url.appendingPathComponent("state"), source: .option)
        let store = try StateStore(location: location)
        try store.saveDeployment(name: StoreFixture.deployment, blueprintPath: "/b/web.yaml", blueprintDigest: "d", inputsDigest: "i")
        try store.registerNodeInstances(Self.instances.map {
            NodeInstanceRecord(deployment: StoreFixture.deployment, instanceID: $0, nodeName: "vm", type: "cloudify.libvirt.domain")
        })

        let child = try ChildProcess(role: .recordUntilKilled, directory: directory.url)
        let progressFile = ChildRole.progressFile(in: directory.url)
        let progressed = await waitUntil {
            let text = (try? String(contentsOf: progressFile, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").count >= 300
        }
        #expect(progressed, "the child recorded fewer than 300 steps")
        child.killHard()
        #expect(child.process.terminationReason == .uncaughtSignal)
        #expect(child.process.terminationStatus == SIGKILL)

        // Only complete lines count: the kill may have cut the last write short.
        let text = try String(contentsOf: progressFile, encoding: .utf8)
        let reported = text.split(separator: "\n", omittingEmptySubsequences: true)
            .dropLast(text.hasSuffix("\n") ? 0 : 1).compactMap { Int($0) }
        let lastReported = try #require(reported.last)
        #expect(reported == Array(0...lastReported))

        let reopened = try StateStore(location: location)
        let resume = try reopened.resumePoint(deployment: StoreFixture.deployment, workflow: .install)
        let missing = (0...lastReported).map(Self.step).filter { !resume.isFinished($0) }
        #expect(missing.isEmpty, "committed steps missing after the kill: \(missing.prefix(5))")
        // At most the one step whose commit returned but whose line was not yet written.
        #expect(resume.finishedSteps.count - (lastReported + 1) <= 1)

        for instance in try reopened.nodeInstances(deployment: StoreFixture.deployment) {
            let lastOfInstance = (0...lastReported).filter { Self.instance(ofStep: $0) == instance.instanceID }.last
            guard let lastOfInstance, case .integer(let recorded)? = instance.runtimeProperties["last_step"] else {
                Issue.record("instance \(instance.instanceID) has no last_step")
                continue
            }
            #expect(recorded >= Int64(lastOfInstance))
            #expect(instance.state == .configured)
        }
        let interrupted = try #require(try reopened.lastExecution(deployment: StoreFixture.deployment))
        #expect(interrupted.status == .started)

        let integrity = try await DatabaseQueue(path: location.databaseURL.path).read { db in
            try String.fetchOne(db, sql: "PRAGMA integrity_check")
        }
        #expect(integrity == "ok")

        // The dead writer's lock is free, and taking it says whose run was interrupted.
        let lock = try reopened.acquireWriterLock(deployment: StoreFixture.deployment, command: "bluevirt apply web.yaml")
        #expect(lock.tookOverFrom?.pid == child.pid)
    }
}
