@testable import Engine
import Foundation
import LibvirtBackend
import Testing

/// After a restart a domain keeps its MAC, and so the network's lease table still holds the
/// old guest's lease: the address wait takes a lease only once it was granted or renewed
/// after the start (its expiry time moved on).
@Suite struct LeaseBaselineTests {
    @Test func aLeaseCountsOnlyWhenItIsNewOrRenewedAfterTheStart() {
        // No lease before the start: whatever lease there is now is the new guest's.
        #expect(!LeaseBaseline.isStale(before: nil, current: [1_700_003_600]))
        // The same lease as before the start: the old guest's, the new one has not asked yet.
        #expect(LeaseBaseline.isStale(before: 1_700_003_600, current: [1_700_003_600]))
        // Renewed after the start: its expiry moved on.
        #expect(!LeaseBaseline.isStale(before: 1_700_003_600, current: [1_700_003_600, 1_700_007_300]))
        #expect(!LeaseBaseline.isStale(before: 1_700_003_600, current: [1_700_007_300]))
        // Gone from the table since the start: nothing fresh to take.
        #expect(LeaseBaseline.isStale(before: 1_700_003_600, current: []))
        // A lease that never expires has no time to compare: waiting for it to move would never end.
        #expect(!LeaseBaseline.isStale(before: 0, current: [0]))
    }

    @Test func anEmptyBaselineKeepsWhatTheLeaseSourceReported() async {
        let found = [DomainInterface(name: "vnet0", hardwareAddress: "52:54:00:aa:bb:cc",
                                     addresses: [InterfaceAddress(address: "192.168.122.5", prefix: 24, family: .ipv4)])]
        #expect(await LeaseBaseline().fresh(found) == found)
    }

    /// The baseline is keyed by the MAC libvirt wrote into the defined domain.
    @Test func theMACsOfADefinedDomainAreReadWithTheirNetworks() async throws {
        let connection = try await LibvirtConnection.open("test:///default")
        let name = "lease-\(UUID().uuidString.prefix(8))"
        let domain = try await connection.defineDomain(xml: """
            <domain type='test'><name>\(name)</name><memory>65536</memory><os><type>hvm</type></os><devices>
            <interface type='network'><source network='default'/></interface>
            <interface type='network'><mac address='52:54:00:AB:CD:EF'/><source network='default'/></interface>
            <interface type='bridge'><source bridge='br0'/></interface>
            </devices></domain>
            """)
        let interfaces = DomainNetworks.networkInterfaces(in: try await domain.xmlDescription())
        #expect(interfaces.map(\.network) == ["default", "default"])
        #expect(interfaces.last?.mac == "52:54:00:ab:cd:ef")
        // libvirt gave the first interface a MAC of its own when the domain was defined.
        #expect(interfaces.first?.mac?.count == 17)
        // The test driver has no lease table: nothing is recorded, so nothing is filtered.
        let baseline = await LeaseBaseline.taken(domainXML: try await domain.xmlDescription(), on: connection)
        #expect(baseline.expiries.isEmpty)
        try await domain.undefine()
    }
}
