import Foundation
import Testing
import TestSupport

/// On a machine without libsqlite3 the commands that keep state say what to install, and validate
/// and dry-run, which never load it, still work. The library is hidden from one bluevirt by
/// mounting an empty file over it in a private mount namespace.
@Suite("bluevirt without libsqlite3", .enabled(if: HiddenSQLite.isPossible,
                                                "hiding libsqlite3 needs root and unshare (a private mount namespace); CI runs the tests as root"))
struct MissingSQLiteTests {

    @Test func stateCommandsSayWhatToInstallAndValidateStillWorks() throws {
        let folder = try UnusableStateTests.Folder()
        let empty = folder.path + "/empty"
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let launcher = ["/usr/bin/unshare", "-m", "/bin/sh", "-c", "mount --bind \"$HIDE_WITH\" \"$HIDE\" && exec \"$0\" \"$@\""]
        let environment = ["HIDE_WITH": empty, "HIDE": try #require(HiddenSQLite.library)]
        func run(_ arguments: [String]) throws -> BluevirtProcess.Result {
            try BluevirtProcess.run(arguments, environment: environment, launcher: launcher)
        }

        // A state directory that exists: one that does not is reported before SQLite is needed.
        try FileManager.default.createDirectory(atPath: folder.path + "/state", withIntermediateDirectories: true)
        let listed = try run(["list", "--state-dir", folder.path + "/state"])
        #expect(listed.status == 1)
        #expect(listed.standardError.contains("cannot load SQLite, which bluevirt keeps its state with"), "\(listed.standardError)")
        #expect(listed.standardError.contains("apt-get install libsqlite3-0"), "\(listed.standardError)")

        let blueprint = BluevirtProcess.repositoryRoot.appendingPathComponent("blueprints/two-vms-one-network.yaml").path
        let validated = try run(["validate", blueprint])
        #expect(validated.status == 0, "\(validated.standardError)")
    }
}

enum HiddenSQLite {
    static let library = ["/usr/lib/x86_64-linux-gnu/libsqlite3.so.0", "/lib/x86_64-linux-gnu/libsqlite3.so.0",
                          "/usr/lib/aarch64-linux-gnu/libsqlite3.so.0"].first { FileManager.default.fileExists(atPath: $0) }
    static var isPossible: Bool {
        getuid() == 0 && library != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
    }
}
