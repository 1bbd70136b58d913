import Testing
@testable import Rendering

/// The IPv4 reading every network's address, netmask and DHCP range goes through.
@Suite struct AddressCheckTests {
    @Test(arguments: [
        ("0.0.0.0", UInt32(0)), ("192.168.142.1", 0xC0A8_8E01), ("255.255.255.255", 0xFFFF_FFFF), ("10.0.0.10", 0x0A00_000A),
    ])
    func addressesReadAsTheirNumber(text: String, number: UInt32) {
        #expect(ValueChecks.ipv4Number(text) == number)
        #expect(ValueChecks.isIPv4(text))
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "256.1.1.1", "1.2.3.1000", "01.2.3.4", "1.2.3.04",
        "1.2.3.-4", "1.2.3.a", " 1.2.3.4", "1.2.3.4 ", "١.٢.٣.٤", "１.2.3.4", "1.2.3.4\n", "::1",
    ])
    func otherTextsAreNoAddress(text: String) {
        #expect(ValueChecks.ipv4Number(text) == nil)
        #expect(!ValueChecks.isIPv4(text))
    }

    @Test func netmasksGiveTheirPrefixWhenTheirOnesAreContiguous() {
        #expect(ValueChecks.prefixLength(ofNetmask: "255.255.255.0") == 24)
        #expect(ValueChecks.prefixLength(ofNetmask: "255.255.128.0") == 17)
        #expect(ValueChecks.prefixLength(ofNetmask: "0.0.0.0") == 0)
        #expect(ValueChecks.prefixLength(ofNetmask: "255.255.255.255") == 32)
        #expect(ValueChecks.prefixLength(ofNetmask: "255.0.255.0") == nil)
        #expect(ValueChecks.prefixLength(ofNetmask: "255.255.255") == nil)
    }
}
