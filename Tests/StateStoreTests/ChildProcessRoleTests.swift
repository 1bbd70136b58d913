import Foundation
import Testing
@testable import StateStore

/// Runs only in a child process started by `ChildProcess` (it is skipped in a normal run).
@Suite("Child process roles")
struct ChildProcessRoleTests {
    @Test(.enabled(if: ChildRole.current != nil, "runs only as the child process of the lock and crash tests"))
    func actAsChild() throws {
        let role = try #require(ChildRole.current)
        let directory = try #require(ChildRole.directory)
        let store = try StateStore(location: StateLocation(directory: directory.appendingPathComponent("state"), source: .environment))
        switch role {
        case .holdLock:
            let lock = try store.acquireWriterLock(deployment: StoreFixture.deployment, command: ChildRole.holderCommand)
            #expect(FileManager.default.createFile(atPath: ChildRole.readyFile(in: directory).path, contents: Data()))
            // Held until the parent kills this process; the limit only keeps an orphan from lingering.
            Thread.sleep(forTimeInterval: 300)
            lock.release()
        case .recordUntilKilled:
            try recordUntilKilled(store: store, directory: directory)
        }
    }

    private func recordUntilKilled(store: StateStore, directory: URL) throws {
        let lock = try store.acquireWriterLock(deployment: StoreFixture.deployment, command: ChildRole.holderCommand)
        let execution = try store.startExecution(deployment: StoreFixture.deployment, workflow: .install)
        let progress = open(ChildRole.progressFile(in: directory).path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        #expect(progress >= 0)
        #expect(FileManager.default.createFile(atPath: ChildRole.readyFile(in: directory).path, contents: Data()))
        // Never done on its own: a child that stopped after a fixed number of steps exited
        // normally when the parent, starved on a loaded machine, polled too late to kill it.
        var index = 0
        while ChildRole.parentLives {
            let instance = CrashSafetyTests.instance(ofStep: index)
            try store.recordStepFinished(
                execution: execution.id, instance: instance, step: CrashSafetyTests.step(index),
                state: .configured, runtimeProperties: ["last_step": .integer(Int64(index))])
            // Written only after the commit returned: every number here must be in the database.
            let line = Array("\(index)\n".utf8)
            _ = line.withUnsafeBytes { write(progress, $0.baseAddress, $0.count) }
            index += 1
        }
        lock.release()
    }
}
