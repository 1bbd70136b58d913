import Testing
@testable import Rendering

/// Host interface names (a network's bridge, a NIC's tap device, a forward's device) follow one
/// rule, libvirt's and Linux's: 1 to 15 ASCII letters, digits, '-', '_' or '.'.
@Suite struct InterfaceNameTests {
    @Test(arguments: ["vnet0", "virbr10", "br-lan.5", "a", "TAP_0", "abcdefghijklmno"])
    func accepted(name: String) {
        #expect(ValueChecks.isInterfaceName(name))
    }

    @Test(arguments: ["", "abcdefghijklmnop", "vnet 0", "eth0:1", "caf\u{E9}0", "br/0", "@br", "tap\u{0}"])
    func refused(name: String) {
        #expect(!ValueChecks.isInterfaceName(name))
    }

    @Test("a domain's NIC and a network say so at the name, by the same rule")
    func domainAndNetworkAgree() {
        for name in ["vnet0", "caf\u{E9}0", "sixteen-chars-xx"] {
            let domain = TemplateRenderer.render(kind: .domain, driver: .qemu, parameters: parameters([
                "networks": [["network": "lan", "dev": .string(name)]],
            ]))
            let network = TemplateRenderer.render(kind: .network, parameters: parameters(["dev": .string(name)]))
            let refusedByDomain = domain.diagnostics.contains { $0.code == .invalidObjectName && $0.message.contains("host interface name") }
            let refusedByNetwork = network.diagnostics.contains { $0.code == .invalidObjectName && $0.message.contains("bridge name") }
            #expect(refusedByDomain == !ValueChecks.isInterfaceName(name), "\(name)")
            #expect(refusedByNetwork == refusedByDomain, "\(name)")
        }
    }
}
