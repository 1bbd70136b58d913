import Foundation

/// What the test binary does when the lock and crash tests re-run it as a child process
/// (see `ChildProcessRoleTests`): a real second process, without a helper executable target.
enum ChildRole: String {
    /// Takes the writer lock of deployment `web` and holds it until killed.
    case holdLock = "hold-lock"
    /// Records one finished step after another, noting each committed one, until killed.
    case recordUntilKilled = "record-until-killed"

    static let roleVariable = "BLUEVIRT_STATE_TEST_ROLE"
    static let directoryVariable = "BLUEVIRT_STATE_TEST_DIR"
    static let parentVariable = "BLUEVIRT_STATE_TEST_PARENT"
    /// The command line the holding child writes into the lock.
    static let holderCommand = "bluevirt apply web.yaml (state store test child)"

    /// The role of this process, if it was started as a child.
    static var current: ChildRole? {
        ProcessInfo.processInfo.environment[roleVariable].flatMap(ChildRole.init(rawValue:))
    }

    static var directory: URL? {
        ProcessInfo.processInfo.environment[directoryVariable].map { URL(fileURLWithPath: $0) }
    }

    /// Whether the test process that started this child still lives (a child whose parent died
    /// is given to another: `getppid` changes). A child that must be killed keeps going while it
    /// does, however long a loaded machine keeps the parent from killing it; the parent's
    /// death ends it, so that no orphan lingers.
    static var parentLives: Bool { parent == getppid() }
    private static let parent = ProcessInfo.processInfo.environment[parentVariable].flatMap(Int32.init)

    /// The file the child creates when it holds the lock or has begun recording.
    static func readyFile(in directory: URL) -> URL { directory.appendingPathComponent("child-ready") }
    /// One line per step whose recording had returned (so was committed) when it was written.
    static func progressFile(in directory: URL) -> URL { directory.appendingPathComponent("child-progress") }
}

/// A child process running this test binary in one `ChildRole`.
final class ChildProcess {
    let process = Process()
    var pid: Int32 { process.processIdentifier }

    init(role: ChildRole, directory: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--testing-library", "swift-testing", "--filter", "ChildProcessRoleTests"]
        var environment = ProcessInfo.processInfo.environment
        environment[ChildRole.roleVariable] = role.rawValue
        environment[ChildRole.directoryVariable] = directory.path
        environment[ChildRole.parentVariable] = String(getpid())
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Kills the child with SIGKILL, as a crash or `kill -9` would, and reaps it.
    func killHard() {
        guard process.isRunning else { return }
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        killHard()
    }
}

/// Polls `condition` every 20 ms until it holds or `limit` passes; a readiness wait, not a
/// timing assertion (the limit is generous for a loaded 2-core machine).
func waitUntil(limit: Duration = .seconds(120), _ condition: () throws -> Bool) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while clock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try condition()
}
