import Foundation
@testable import LibvirtBackend

/// Documents and helpers shared by the tests. Every test uses names of its own, because all
/// connections of a process to test:///default share one world.
enum TestWorld {
    static let defaultURI = "test:///default"

    /// The fixture world file, for a test:///ABSOLUTE/PATH.xml URI.
    static var fixtureWorldURI: String {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        return "test://" + fixtures.appendingPathComponent("world.xml").path
    }

    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    static func domainXML(name: String, mac: String = "52:54:00:12:34:56", network: String = "default") -> String {
        """
        <domain type='test'>
          <name>\(name)</name>
          <memory unit='MiB'>64</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64'>hvm</type></os>
          <devices>
            <interface type='network'>
              <mac address='\(mac)'/>
              <source network='\(network)'/>
            </interface>
          </devices>
        </domain>
        """
    }

    /// A domain libvirt's schema rejects: an element it does not know.
    static func bogusDomainXML(name: String) -> String {
        """
        <domain type='kvm'>
          <name>\(name)</name>
          <memory unit='MiB'>64</memory>
          <os><type arch='x86_64'>hvm</type></os>
          <bogus/>
        </domain>
        """
    }

    static func networkXML(name: String, bridge: String, subnet: Int) -> String {
        """
        <network>
          <name>\(name)</name>
          <bridge name='\(bridge)'/>
          <ip address='10.\(subnet).0.1' netmask='255.255.255.0'>
            <dhcp><range start='10.\(subnet).0.10' end='10.\(subnet).0.99'/></dhcp>
          </ip>
        </network>
        """
    }

    static func poolXML(name: String) -> String {
        """
        <pool type='dir'>
          <name>\(name)</name>
          <target><path>/nonexistent/\(name)</path></target>
        </pool>
        """
    }

    static func volumeXML(name: String) -> String {
        """
        <volume>
          <name>\(name)</name>
          <capacity unit='MiB'>32</capacity>
          <allocation unit='MiB'>0</allocation>
          <target><format type='qcow2'/></target>
        </volume>
        """
    }
}
