import Foundation

/// Runs the built `bluevirt` binary as a user would, capturing its output and exit status.
/// The binary sits beside the test bundle in SwiftPM's products folder.
public enum BluevirtProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The repository root, for fixtures and examples.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var binary: URL {
        let products = Bundle.main.bundleURL
        let candidates = [products.appendingPathComponent("bluevirt"),
                          products.deletingLastPathComponent().appendingPathComponent("bluevirt")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `bluevirt ARGUMENTS` in `directory` (the repository root by default) with the given
    /// extra environment; through `launcher` (`setpriv --reuid=…`, say) when one is given.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL = repositoryRoot, launcher: [String] = []
    ) throws -> Result {
        let command = launcher + [binary.path] + arguments
        return try runTool(command[0], Array(command.dropFirst()), environment: environment, in: directory)
    }

    /// Runs any program as `run` runs bluevirt.
    public static func runTool(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], in directory: URL = repositoryRoot
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Output goes to files, not pipes: reading pipes from many concurrent tests can be
        // interrupted (EINTR), and a full pipe would block the child.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-run-\(UUID().uuidString).out")
        let err = out.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        defer { try? outHandle.close(); try? errHandle.close() }
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      standardError: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
