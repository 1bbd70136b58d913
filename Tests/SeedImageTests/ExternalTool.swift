import Foundation

/// Runs the independent readers the tests check images with: isoinfo (Debian genisoimage),
/// python3 with PyYAML, mount.
enum ExternalTool {
    struct Output {
        var status: Int32
        var standardOutput: [UInt8]
        var standardError: String

        var text: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `arguments[0]` (looked up on PATH) with the rest as its arguments. Input and
    /// outputs go through files, so no pipe can fill up and stall the tool.
    static func run(_ arguments: [String], input: [UInt8] = []) throws -> Output {
        try withTemporaryDirectory { directory in
            try run(arguments, input: input, filesIn: directory)
        }
    }

    private static func run(_ arguments: [String], input: [UInt8], filesIn directory: URL) throws -> Output {
        let inputFile = directory.appendingPathComponent("stdin")
        let outputFile = directory.appendingPathComponent("stdout")
        let errorFile = directory.appendingPathComponent("stderr")
        try Data(input).write(to: inputFile)
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      standardOutput: Array(try Data(contentsOf: outputFile)),
                      standardError: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self))
    }

    /// Runs a command that must succeed.
    static func output(_ arguments: [String], input: [UInt8] = []) throws -> Output {
        let result = try run(arguments, input: input)
        guard result.status == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")) exited with \(result.status): \(result.standardError)")
        }
        return result
    }

    static func isAvailable(_ tool: String) -> Bool {
        (try? run(["sh", "-c", "command -v \(tool)"]).status) == 0
    }
}

/// Runs `body` with a new directory under the system's temporary directory, removed afterwards.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = try TemporaryDirectory()
    return try withExtendedLifetime(directory) { try body(directory.url) }
}

/// A directory under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("bluevirt-seedimage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
