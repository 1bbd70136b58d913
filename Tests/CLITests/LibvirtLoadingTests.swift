import Foundation
import Testing
import TestSupport

/// bluevirt opens libvirt.so.0 only when a command first talks to libvirt (CLibvirt), and libcurl
/// only when it downloads an image (CCurl), so that commands which do neither start without
/// loading libvirt's ~55 libraries or libcurl's ~30. glibc's loader names every library it loads
/// when LD_DEBUG=files is set.
@Suite struct LibvirtLoadingTests {
    static func loadsLibvirt(_ arguments: [String]) throws -> (loaded: Bool, result: BluevirtProcess.Result) {
        let result = try BluevirtProcess.run(arguments, environment: ["LD_DEBUG": "files"])
        return (result.standardError.contains("file=libvirt.so.0"), result)
    }

    #if os(Linux)
    @Test(arguments: [
        ["--version"],
        ["--help"],
        ["validate", "blueprints/two-vms-one-network.yaml"],
        ["dry-run", "blueprints/two-vms-one-network.yaml"],
    ])
    func commandsThatNeedNoLibvirtDoNotLoadIt(arguments: [String]) throws {
        let (loaded, result) = try Self.loadsLibvirt(arguments)
        #expect(result.status == 0, "\(result.standardError.suffix(2000))")
        #expect(!loaded, "bluevirt \(arguments.joined(separator: " ")) loaded libvirt.so.0")
        #expect(!result.standardError.contains("file=libcurl"), "bluevirt \(arguments.joined(separator: " ")) loaded libcurl")
    }

    @Test func aCommandThatTalksToLibvirtLoadsIt() throws {
        let (loaded, result) = try Self.loadsLibvirt(["dry-run", "--validate", "blueprints/two-vms-one-network.yaml"])
        #expect(result.status == 0, "\(result.standardError.suffix(2000))")
        #expect(loaded, "the check above would pass whatever bluevirt did if LD_DEBUG reported nothing")
    }
    #endif
}
