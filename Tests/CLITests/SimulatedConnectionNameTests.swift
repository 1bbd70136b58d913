import Foundation
@testable import Engine
import Testing
import TestSupport

/// On `--simulate`, messages named each object's connection by the test driver world standing
/// for it (`network 'x' on test:///…/simulated/c/qemu~3A~2F~2F~2Fsystem.xml`), a URI the user
/// never wrote; they name the connection the blueprint says, marked simulated.
@Suite struct SimulatedConnectionNameTests {
    @Test func aSimulatedApplysFailureNamesTheConnectionTheBlueprintSays() throws {
        let path = try ConnectionDriverCommandTests.blueprint("{use_external_resource: true, resource_id: nosuchvm}")
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("state").path
        let result = try BluevirtProcess.run(["apply", path, "--simulate", "--state-dir", state, "--connect", "lxc:///"])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("but there is no domain 'nosuchvm' on lxc:/// (simulated);"), "\(result.standardError)")
        #expect(!result.standardError.contains("~3A"), "\(result.standardError)")
    }

    @Test(arguments: ["qemu:///system", "qemu+ssh://root@h1/system?keyfile=/k", "esx://host/?no_verify=1", ""])
    func aWorldsNameReadsBackAsItsConnection(uri: String) {
        let worlds = SimulatedWorlds(stateDirectory: URL(fileURLWithPath: "/var/state"), deployment: "d e")
        #expect(SimulatedWorlds.displayName(of: worlds.testURI(for: uri)) == "\(uri) (simulated)")
    }

    @Test func aWorldFileOfTheUsersOwnKeepsItsURI() {
        #expect(SimulatedWorlds.displayName(of: "test:///srv/worlds/lab.xml") == "test:///srv/worlds/lab.xml")
        #expect(SimulatedWorlds.displayName(of: "qemu:///system") == "qemu:///system")
    }
}
