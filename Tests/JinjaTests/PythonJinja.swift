import Foundation

/// Renders cases with Python's jinja2 through `Fixtures/render_with_jinja2.py`, in one process
/// for the whole corpus (starting Python per case would dominate the test's time).
enum PythonJinja {
    struct Result: Decodable {
        var output: String?
        var error: String?
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static func render(_ cases: [RenderCase]) throws -> [Result] {
        let input = try JSONSerialization.data(withJSONObject: cases.map {
            ["template": $0.template, "context": $0.context, "autoescape": $0.autoescape, "files": $0.files] as [String: Any]
        })
        return try JSONDecoder().decode([Result].self, from: run("render_with_jinja2.py", input: input))
    }

    /// What a script of `Fixtures/` writes for `input`, given on its standard input.
    static func run(_ fixture: String, input: Data) throws -> Data {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(fixture)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw Unavailable(description: "cannot run python3 (\(error)); run scripts/setup.sh, which installs python3 and jinja2")
        }
        // Write and read on separate threads so neither pipe fills up and blocks the other.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { Thread.sleep(forTimeInterval: 0.01) }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData.get(), as: UTF8.self)
            if message.contains("No module named 'jinja2'") || message.contains("No module named jinja2") {
                throw Unavailable(description: "python3 has no jinja2 module; run scripts/setup.sh (pip install jinja2, or apt-get install python3-jinja2)")
            }
            throw Unavailable(description: "python3 failed (status \(process.terminationStatus)): \(message)")
        }
        return output
    }
}

/// Data written by one thread and read by another.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data ?? Data() } }
    var isSet: Bool { lock.withLock { data != nil } }
}
