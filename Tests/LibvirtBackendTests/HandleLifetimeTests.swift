import CLibvirt
import Foundation
import Testing
@testable import LibvirtBackend

/// Every domain, network, pool and volume handle holds a reference on its connection. Keeping
/// one extra reference and closing it after everything else is gone tells exactly whether all
/// handles were freed: virConnectClose returns 0 only when it dropped the last reference. A
/// handle freed twice would drop the connection early and crash or fail that close.
@Suite struct HandleLifetimeTests {
    /// Runs `body` on a new connection and returns what the final close of the extra reference
    /// returned once `body` and all it made are gone: 0 when every handle was freed.
    private func closeResultAfter(
        uri: String, _ body: (LibvirtConnection) async throws -> Void
    ) async throws -> Int32 {
        let raw: OpaquePointer
        do {
            let connection = try await LibvirtConnection.open(uri)
            raw = connection.pointer
            #expect(virConnectRef(raw) == 0)
            try await body(connection)
        }
        await LibvirtWorker.waitForPendingCalls()
        return virConnectClose(raw)
    }

    @Test func theProbeSeesAHandleThatIsStillAlive() async throws {
        final class Keeper: @unchecked Sendable { var domain: LibvirtDomain? }
        let keeper = Keeper()
        let result = try await closeResultAfter(uri: TestWorld.defaultURI) { connection in
            keeper.domain = try await connection.domain(named: "test")
        }
        #expect(result == 1)
        keeper.domain = nil
    }

    @Test func thousandsOfHandlesAreEachFreedExactlyOnce() async throws {
        let world = try HundredDomainWorld()
        defer { world.remove() }
        let result = try await closeResultAfter(uri: world.uri) { connection in
            var seen = 0
            for _ in 0..<200 {
                seen += try await connection.allDomains().count
                seen += try await connection.allNetworks().count + connection.allStoragePools().count
            }
            #expect(seen == 200 * 102)
            for index in 0..<200 {
                let domain = try await connection.domain(named: "guest-\(index % 100)")
                _ = try await domain.interfaceAddresses()
                let pool = try await connection.storagePool(named: "world-pool")
                let volume = try await pool.createVolume(xml: TestWorld.volumeXML(name: "v\(index).qcow2"))
                _ = try await pool.volume(named: volume.name).path()
                try await volume.delete()
            }
        }
        #expect(result == 0)
    }

    @Test func fiftyTasksShareOneConnectionWithoutLeaksOrDoubleFrees() async throws {
        let result = try await closeResultAfter(uri: TestWorld.defaultURI) { connection in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<50 {
                    group.addTask {
                        let name = TestWorld.uniqueName("task\(task)")
                        let mac = String(format: "52:54:00:00:%02x:%02x", task / 256, task % 256)
                        let domain = try await connection.defineDomain(xml: TestWorld.domainXML(name: name, mac: mac))
                        try await domain.start()
                        let addresses = try await connection.domain(named: name).interfaceAddresses()
                        #expect(addresses.first?.hardwareAddress == mac)
                        _ = try await connection.domain(named: "test").state()
                        _ = try await connection.allDomains()
                        try await domain.destroy()
                        try await domain.undefine()
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(result == 0)
    }
}

/// A test-driver world of 100 running domains on one network and a pool, in a temporary file.
private struct HundredDomainWorld {
    let file: URL
    var uri: String { "test://" + file.path }

    init() throws {
        let domains = (0..<100).map { index in
            TestWorld.domainXML(
                name: "guest-\(index)", mac: String(format: "52:54:00:01:00:%02x", index), network: "world-net")
        }
        let document = """
            <node>
            \(domains.joined(separator: "\n"))
            \(TestWorld.networkXML(name: "world-net", bridge: "worldbr0", subnet: 95).replacingOccurrences(of: "10.95.0.99", with: "10.95.0.250"))
            \(TestWorld.poolXML(name: "world-pool"))
            </node>
            """
        file = FileManager.default.temporaryDirectory
            .appendingPathComponent("bluevirt-world-\(UUID().uuidString).xml")
        try document.write(to: file, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: file)
        // The simulated DHCP's leases of the world (SimulatedLeaseTable).
        try? FileManager.default.removeItem(atPath: file.path + ".leases")
    }
}
