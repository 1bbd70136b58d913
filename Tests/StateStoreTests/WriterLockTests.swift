import Foundation
import Testing
@testable import StateStore

@Suite("Writer lock")
struct WriterLockTests {
    @Test func aSecondWriterInTheSameProcessIsRefused() throws {
        let fixture = try StoreFixture()
        let first = try fixture.store.acquireWriterLock(deployment: "web", command: "bluevirt apply web.yaml")
        #expect(first.tookOverFrom == nil)
        #expect {
            _ = try fixture.store.acquireWriterLock(deployment: "web", command: "bluevirt destroy -d web")
        } throws: { error in
            guard case .writerLockHeld(let deployment, let holder?, _) = error as? StateStoreError else { return false }
            return deployment == "web" && holder.pid == getpid() && holder.command == "bluevirt apply web.yaml"
        }
        first.release()
        let second = try fixture.store.acquireWriterLock(deployment: "web", command: "bluevirt destroy -d web")
        #expect(second.tookOverFrom == nil, "a lock released normally is not a takeover")
    }

    /// On a full file system the lock file is made but its holder cannot be written: that is
    /// said as a full disk, not as permissions to check (which it said before).
    @Test(.enabled(if: getuid() == 0, "needs root: mounts a small tmpfs and fills it"))
    func aFullFileSystemIsSaidToBeFull() throws {
        let directory = try TemporaryDirectory()
        let mountPoint = directory.url.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        try Self.runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.path])
        defer { try? Self.runTool("/bin/umount", [mountPoint.path]) }
        let location = StateLocation(directory: mountPoint.appendingPathComponent("state"), source: .option)
        let store = try StateStore(location: location)
        // Fills what is left (dd stops, failing, when nothing is).
        try? Self.runTool("/bin/dd", ["if=/dev/zero", "of=\(mountPoint.path)/fill", "bs=4k"])

        #expect {
            _ = try store.acquireWriterLock(deployment: "web", command: "bluevirt apply web.yaml")
        } throws: { error in
            (error as? StateStoreError) == .diskFull(directory: location.directory.path,
                                                     operation: "taking the writer lock of deployment 'web'")
        }
    }

    private static func runTool(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    @Test func differentDeploymentsHaveDifferentLocks() throws {
        let fixture = try StoreFixture()
        let web = try fixture.store.acquireWriterLock(deployment: "web", command: "a")
        let db = try fixture.store.acquireWriterLock(deployment: "db", command: "b")
        #expect(web.lockFile != db.lockFile)
    }

    @Test func aLockIsReleasedWhenItsValueIsFreed() throws {
        let fixture = try StoreFixture()
        do {
            let lock = try fixture.store.acquireWriterLock(deployment: "web", command: "a")
            #expect(lock.holder.pid == getpid())
        }
        _ = try fixture.store.acquireWriterLock(deployment: "web", command: "b")
    }

    @Test(arguments: ["../escape", "with space", "a/b", ".hidden", "ünï"])
    func lockFilesStayInTheLocksDirectory(deployment: String) throws {
        let fixture = try StoreFixture()
        let url = fixture.store.lockFileURL(deployment: deployment)
        #expect(url.deletingLastPathComponent().path == fixture.store.location.directory.appendingPathComponent("locks").path)
        #expect(!url.lastPathComponent.hasPrefix("."))
        _ = try fixture.store.acquireWriterLock(deployment: deployment, command: "a")
    }

    @Test func aLiveWriterInAnotherProcessIsNamedAndADeadOneTakenOver() async throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(location: StateLocation(directory: directory.url.appendingPathComponent("state"), source: .option))
        let child = try ChildProcess(role: .holdLock, directory: directory.url)
        let ready = await waitUntil { FileManager.default.fileExists(atPath: ChildRole.readyFile(in: directory.url).path) }
        try #require(ready, "the child did not take the lock")

        var refusal: StateStoreError?
        do {
            _ = try store.acquireWriterLock(deployment: StoreFixture.deployment, command: "bluevirt destroy -d web")
        } catch {
            refusal = error
        }
        guard case .writerLockHeld(let deployment, let holder?, _) = refusal else {
            Issue.record("expected a refusal naming the holder, got \(String(describing: refusal))")
            return
        }
        #expect(deployment == StoreFixture.deployment)
        #expect(holder.pid == child.pid)
        #expect(holder.command == ChildRole.holderCommand)
        #expect(holder.isAlive)
        let message = refusal?.description ?? ""
        #expect(message.contains("pid \(child.pid)"))
        #expect(message.contains(ChildRole.holderCommand))
        #expect(message.contains("since \(holder.sinceDescription)"))

        child.killHard()
        let lock = try store.acquireWriterLock(deployment: StoreFixture.deployment, command: "bluevirt destroy -d web")
        let previous = try #require(lock.tookOverFrom)
        #expect(previous.pid == child.pid)
        #expect(!previous.isAlive)
        #expect(lock.takeoverNote?.contains("pid \(child.pid)") == true)
        #expect(lock.takeoverNote?.contains("is no longer running") == true)
    }
}
