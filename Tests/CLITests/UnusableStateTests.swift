import Foundation
import Testing
import TestSupport

/// The state directory as a user may find it: read-only (a backup, another user's), with an
/// emptied database, or not there yet (issue 11). Runs the real binary on the test driver.
@Suite("A state directory that is read-only, emptied or absent")
struct UnusableStateTests {
    static let blueprint = BluevirtProcess.repositoryRoot.appendingPathComponent("blueprints/two-vms-one-network.yaml").path

    /// A world-traversable temporary folder (the read-only test runs bluevirt as `nobody` when root).
    final class Folder {
        let url: URL
        var path: String { url.path }
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-state-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        deinit {
            _ = try? BluevirtProcess.runTool("/bin/chmod", ["-R", "u+rwX", url.path])
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// The files under `directory` with their sizes, to show nothing was created or changed.
    static func listing(_ directory: String) -> [String] {
        let entries = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
        return entries.sorted().map { entry in
            let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + entry)[.size] as? Int) ?? -1
            return "\(entry) \(size)"
        }
    }

    /// Makes `state` read-only for whoever runs bluevirt with the launcher returned: as root,
    /// permissions do not bind, so bluevirt runs as `nobody` on a state that nobody owns and
    /// may not write.
    static func makeReadOnly(_ state: String) throws -> [String] {
        let launcher: [String]
        if getuid() == 0 {
            _ = try BluevirtProcess.runTool("/bin/chown", ["-R", "65534:65534", state])
            launcher = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        } else {
            launcher = []
        }
        _ = try BluevirtProcess.runTool("/bin/chmod", ["-R", "a-w", state])
        return launcher
    }

    @Test func readingCommandsWorkOnAReadOnlyStateAndChangingOnesSaySo() throws {
        let folder = try Folder()
        let state = folder.path + "/state"
        let applied = try BluevirtProcess.run(["apply", Self.blueprint, "--simulate", "-d", "lab", "--state-dir", state])
        try #require(applied.status == 0, "\(applied.standardError)")

        let launcher = try Self.makeReadOnly(state)
        let before = Self.listing(state)

        for command in [["status", "-d", "lab"], ["list"], ["outputs", "-d", "lab"], ["status", "-d", "lab", "--json"]] {
            let result = try BluevirtProcess.run(command + ["--state-dir", state], launcher: launcher)
            #expect(result.status == 0, "\(command): \(result.standardError)")
            #expect(result.standardOutput.contains("lab") || command[0] == "outputs", "\(command): \(result.standardOutput)")
        }
        let outputs = try BluevirtProcess.run(["outputs", "-d", "lab", "--json", "--state-dir", state], launcher: launcher)
        #expect(outputs.standardOutput.contains("web"), "\(outputs.standardOutput)")

        let reapplied = try BluevirtProcess.run(["apply", Self.blueprint, "--simulate", "-d", "lab", "--state-dir", state], launcher: launcher)
        #expect(reapplied.status == 1)
        #expect(reapplied.standardError.contains("cannot record changes in the state directory \(state)"), "\(reapplied.standardError)")
        #expect(!reapplied.standardError.contains("SQLite error"), "\(reapplied.standardError)")
        #expect(Self.listing(state) == before, "the read-only state changed")
    }

    @Test func anEmptiedDatabaseIsRefusedAndKeptAsItIs() throws {
        let folder = try Folder()
        let state = folder.path + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: state + "/state.sqlite", contents: Data()))
        for command in [["list"], ["status"], ["apply", Self.blueprint, "--simulate", "-d", "lab"], ["destroy", "-d", "lab"]] {
            let result = try BluevirtProcess.run(command + ["--state-dir", state])
            #expect(result.status == 1, "\(command)")
            #expect(result.standardError.contains("the state database \(state)/state.sqlite is empty (0 bytes)"), "\(command): \(result.standardError)")
        }
        #expect(Self.listing(state) == ["state.sqlite 0"])
    }

    @Test func aDamagedDatabaseIsReportedUnderItsOwnPathByEveryCommand() throws {
        let folder = try Folder()
        let state = folder.path + "/state"
        let applied = try BluevirtProcess.run(["apply", Self.blueprint, "--simulate", "-d", "lab", "--state-dir", state])
        try #require(applied.status == 0, "\(applied.standardError)")
        // Overwritten with bytes that are no database, its write-ahead log gone with it.
        var noise = SystemRandomNumberGenerator()
        try Data((0..<20_000).map { _ in UInt8.random(in: 0...255, using: &noise) }).write(to: URL(fileURLWithPath: state + "/state.sqlite"))
        for file in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: state + "/state.sqlite" + file) }
        let damaged = "the state database \(state)/state.sqlite is damaged or is not a bluevirt state database"

        func expectDamagedReported(_ commands: [[String]], launcher: [String] = []) throws {
            for command in commands {
                let result = try BluevirtProcess.run(command + ["--state-dir", state], launcher: launcher)
                #expect(result.status == 1, "\(command)")
                #expect(result.standardError.contains(damaged), "\(command): \(result.standardError)")
                #expect(result.standardError.contains("restore") || result.standardError.contains("backup"), "\(command): \(result.standardError)")
                #expect(!result.standardError.contains("writable"), "\(command): \(result.standardError)")
            }
        }
        try expectDamagedReported([
            ["list"], ["status"], ["outputs", "-d", "lab"], ["history", "-d", "lab"],
            ["plan", Self.blueprint, "--simulate", "-d", "lab"], ["apply", Self.blueprint, "--simulate", "-d", "lab"],
            ["destroy", "-d", "lab"], ["secret", "list"],
        ])
        // Read-only, the reading commands open a private copy: still the real file is named.
        let launcher = try Self.makeReadOnly(state)
        try expectDamagedReported([["list"], ["status"], ["outputs", "-d", "lab"]], launcher: launcher)
    }

    @Test func readingANewStateCreatesNothingAndApplyMakesACompleteDatabase() throws {
        let folder = try Folder()
        let state = folder.path + "/new"
        // The default place, before the first apply: nothing to show, and nothing to fix.
        let firstRun = try BluevirtProcess.run(["list"], environment: ["HOME": folder.path, "XDG_STATE_HOME": "", "BLUEVIRT_STATE_DIR": ""])
        #expect(firstRun.status == 0, "\(firstRun.standardError)")
        #expect(firstRun.standardOutput == "no deployments\n", "\(firstRun.standardOutput)")
        #expect(Self.listing(folder.path).isEmpty, "list created \(Self.listing(folder.path))")
        // A directory the user names that is not there is more likely a wrong path than an
        // empty state: the reading commands, ssh and destroy without a blueprint say so (those
        // two made it, empty, and left it); plan (before a first apply) notes it.
        for command in [["list"], ["status"], ["outputs", "-d", "lab"], ["history", "-d", "lab"], ["ssh", "vm", "-d", "lab"], ["destroy", "-d", "lab"]] {
            for (arguments, environment) in [(["--state-dir", state], [:]), ([], ["BLUEVIRT_STATE_DIR": state])] {
                let result = try BluevirtProcess.run(command + arguments, environment: environment)
                #expect(result.status == 1, "\(command) \(environment)")
                #expect(result.standardError.contains("there is no state directory '\(state)'"), "\(command): \(result.standardError)")
                #expect(result.standardError.contains("nothing has been applied with it"), "\(command): \(result.standardError)")
            }
        }
        let planned = try BluevirtProcess.run(["plan", Self.blueprint, "--simulate", "-d", "lab", "--state-dir", state])
        #expect(planned.status == 0, "\(planned.standardError)")
        #expect(planned.standardError.contains("note: there is no state directory '\(state)' (from --state-dir) yet"), "\(planned.standardError)")
        #expect(!FileManager.default.fileExists(atPath: state), "a reading command created the state directory")

        let applied = try BluevirtProcess.run(["apply", Self.blueprint, "--simulate", "-d", "lab", "--state-dir", state])
        #expect(applied.status == 0, "\(applied.standardError)")
        let files = Self.listing(state)
        #expect(!files.contains { $0.contains(".new-") }, "\(files)")
        #expect(files.contains { $0.hasPrefix("state.sqlite ") && $0 != "state.sqlite 0" }, "\(files)")
    }

    @Test func aStateDirectoryThatIsAFileIsAUsageErrorOfEveryCommand() throws {
        let folder = try Folder()
        let file = folder.path + "/file"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        let commands = [
            ["list"], ["status"], ["outputs", "-d", "lab"], ["history", "-d", "lab"], ["secret", "list"],
            ["validate", Self.blueprint], ["dry-run", Self.blueprint], ["plan", Self.blueprint, "--simulate"], ["apply", Self.blueprint, "--simulate"],
            ["destroy", "-d", "lab"], ["run", "install", "-d", "lab"],
        ]
        for command in commands {
            for (arguments, environment) in [(["--state-dir", file], [:]), ([], ["BLUEVIRT_STATE_DIR": file + "/below"])] {
                let result = try BluevirtProcess.run(command + arguments, environment: environment)
                #expect(result.status == 2, "\(command) \(environment): \(result.standardError)")
                #expect(result.standardError.contains(arguments.isEmpty ? "cannot be a directory: '\(file)' is a file" : "'\(file)' (from --state-dir) is a file, not a directory"),
                        "\(command): \(result.standardError)")
                #expect(result.standardError.contains("give the directory bluevirt keeps its state in with --state-dir DIR"), "\(command): \(result.standardError)")
            }
        }
        #expect(Self.listing(folder.path) == ["file 1"])
    }
}
