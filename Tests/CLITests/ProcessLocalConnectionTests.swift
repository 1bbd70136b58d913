import Foundation
import Testing
import TestSupport

/// test:///default is libvirt's test driver world of one process: validate and dry-run warn,
/// apply refuses it (its objects would be gone when apply ends), and --simulate (a world kept
/// in the state directory) or a test:///PATH.xml world file are the persistent ones.
@Suite struct ProcessLocalConnectionTests {
    @Test func validateWarnsAndApplyRefusesTestDefault() throws {
        let path = try ConnectionDriverCommandTests.blueprint()
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("state").path
        let validated = try BluevirtProcess.run(["validate", path, "--connect", "test:///default"])
        #expect(validated.status == 0)
        #expect(validated.standardError.contains("c.yaml:5:18: warning: node template 'vm' is on test:///default"), "\(validated.standardError)")
        #expect(validated.standardError.contains("[BV0883]"))

        let refused = try BluevirtProcess.run(["apply", path, "--connect", "test:///default", "--state-dir", state])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("error: node template 'vm' is on test:///default"), "\(refused.standardError)")
        #expect(refused.standardError.contains("apply with --simulate"))
        #expect(!FileManager.default.fileExists(atPath: state), "apply recorded a deployment it refused")

        let simulated = try BluevirtProcess.run(["apply", path, "--connect", "test:///default", "--simulate", "--state-dir", state])
        #expect(simulated.status == 0, "\(simulated.standardError)")
        #expect(!simulated.standardError.contains("BV0883"), "\(simulated.standardError)")
    }

    @Test func aNodesOwnTestDefaultIsRefusedWhereItIsWritten() throws {
        let path = try ConnectionDriverCommandTests.blueprint("{libvirt_auth: 'test:///default', params: {}}")
        let refused = try BluevirtProcess.run(["apply", path, "--state-dir", URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("state").path])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("c.yaml:5:81: error: node template 'vm' is on test:///default"), "\(refused.standardError)")
    }

    /// A world file is loaded by the driver and written back by bluevirt after the run, so a
    /// later command finds what apply made: no warning for it.
    @Test func aTestWorldFileIsKeptAndNotWarnedAbout() throws {
        let path = try ConnectionDriverCommandTests.blueprint()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let world = folder.appendingPathComponent("world.xml").path
        try """
            <node><network><name>default</name><bridge name='virbr0'/><ip address='192.168.122.1' netmask='255.255.255.0'/></network></node>
            """.write(toFile: world, atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("state").path
        let applied = try BluevirtProcess.run(["apply", path, "--connect", "test://" + world, "--state-dir", state])
        #expect(applied.status == 0, "\(applied.standardError)")
        #expect(!applied.standardError.contains("BV0883"))
        let status = try BluevirtProcess.run(["status", "-d", "c", "--state-dir", state])
        #expect(status.standardOutput.contains("started"), "\(status.standardOutput)\(status.standardError)")
        #expect(!status.standardOutput.contains("DRIFT"))
    }
}
