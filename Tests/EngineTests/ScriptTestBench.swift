import Engine
import Foundation
import StateStore
import Synchronization
import TestSupport

/// A temporary blueprint folder with scripts, an OperationContext for it, and the log lines the
/// script produced. The `ctx` command is the built bluevirt binary.
final class ScriptTestBench: Sendable {
    let directory: URL
    let store: StateStore
    private let lines = ScriptLogLines()

    /// True when the built bluevirt binary (which acts as `ctx`) is there.
    static var hasBinary: Bool { FileManager.default.isExecutableFile(atPath: BluevirtProcess.binary.path) }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-scripts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try StateStore(location: .init(directory: directory.appendingPathComponent(".state"), source: .option))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes `text` to `name` in the blueprint folder, executable or not.
    @discardableResult
    func script(_ name: String, _ text: String, executable: Bool = true) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: url.path)
        return url
    }

    func context(inputs: [String: JSONValue] = [:], properties: [String: JSONValue] = [:],
                 runtimeProperties: [String: JSONValue] = [:], timeout: Duration? = nil) -> OperationContext {
        OperationContext(deployment: "shop", blueprintDirectory: directory, nodeName: "web", nodeType: "cloudify.nodes.WebServer",
                         instanceID: "web-2", operation: "cloudify.interfaces.lifecycle.configure",
                         nodeProperties: properties, inputs: inputs, runtimeProperties: runtimeProperties,
                         timeout: timeout, store: store, log: { [lines] line in lines.append(line) })
    }

    var runner: ScriptRunner { ScriptRunner(ctxExecutable: BluevirtProcess.binary) }

    /// Every line logged so far.
    var log: [String] { lines.all }

    /// The process id written by a script into `file`, once it is there.
    func processID(in file: String) async throws -> pid_t {
        let url = directory.appendingPathComponent(file)
        for _ in 0..<600 {
            if let text = try? String(contentsOf: url, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ScriptContextProblem("the script never wrote \(file)")
    }

    /// True while `pid` is a live process (a zombie waiting for its parent counts as gone).
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }
}

/// Lines an operation logged, collected from whichever thread logs them.
final class ScriptLogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
