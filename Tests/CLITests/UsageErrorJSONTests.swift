import Foundation
import Testing
import TestSupport

/// With --json, a usage error (an unknown option, a missing argument, an unknown command or
/// diagnostic code) is also a JSON error event on standard output, exit 2; standard output was
/// empty, so a script parsing it failed on the empty text instead of reading the error.
@Suite struct UsageErrorJSONTests {
    static let cases: [[String]] = [
        ["validate", "--json"],
        ["validate", "blueprints/two-vms-one-network.yaml", "--json", "--bogus"],
        ["dry-run", "blueprints/two-vms-one-network.yaml", "--json", "--graph", "svg"],
        ["status", "--json", "--parallelism", "3"],
        ["explain", "BV9999", "--json"],
        ["validat", "blueprints/two-vms-one-network.yaml", "--json"],
    ]

    @Test(arguments: cases)
    func aUsageErrorWithJSONPrintsAnErrorEvent(arguments: [String]) throws {
        let result = try BluevirtProcess.run(arguments)
        #expect(result.status == 2)
        #expect(!result.standardError.isEmpty)
        let lines = result.standardOutput.split(separator: "\n")
        try #require(lines.count == 1, "stdout: \(result.standardOutput)")
        let event = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(event?["event"] as? String == "error")
        #expect(event?["kind"] as? String == "usage")
        let message = try #require(event?["message"] as? String)
        #expect(!message.isEmpty && !message.hasPrefix("Error:") && !message.hasPrefix("error:"))
    }

    @Test func withoutJSONStandardOutputStaysEmpty() throws {
        let result = try BluevirtProcess.run(["validate", "blueprints/two-vms-one-network.yaml", "--bogus"])
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("Error: Unknown option '--bogus'"))
    }
}
