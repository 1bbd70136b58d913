import Rendering
import Testing

/// The checks that a value is given (BV0608) enforce what bluevirt's built-in templates read. The
/// plugin passes `params` to a user's template untouched, so such a template may take its values
/// under other names; it is checked only for the values it reads. The checks that protect any
/// document (names, MACs, characters XML cannot hold) apply whatever the template reads.
@Suite("Required values and user templates")
struct UserTemplateRequiredValueTests {
    /// An ESX template in the shape users write for the plugin: port groups under their own key.
    static let esxPortGroups = """
        <domain type='vmware'>
          <name>{{ name }}</name>
          <memory unit='KiB'>{{ memory_size }}</memory>
          <os><type>hvm</type></os>
          <devices>
            {%- for n in networks %}
            <interface type='bridge'><source bridge='{{ n.portgroup }}'/></interface>
            {%- endfor %}
          </devices>
        </domain>
        """

    private static func render(_ kind: DocumentKind, driver: Driver = .esx, _ values: [String: RenderValue], template: String) -> RenderResult {
        TemplateRenderer.render(kind: kind, driver: driver, parameters: parameters(values), userTemplate: .inline(template, at: blueprintRange))
    }

    @Test("an ESX template reading each network's portgroup renders networks without network or bridge")
    func esxPortGroup() {
        let xml = renderXML(.domain, driver: .esx, ["name": "esx-vm", "networks": [["portgroup": "VM Network"], ["portgroup": "Storage Net"]]],
                            userTemplate: .inline(Self.esxPortGroups, at: blueprintRange))
        #expect(xml.contains("<source bridge='VM Network'/>"))
        #expect(xml.contains("<source bridge='Storage Net'/>"))
    }

    @Test("a template that reads network or bridge still needs one of them")
    func readKeyStaysRequired() {
        let template = Self.esxPortGroups.replacingOccurrences(of: "n.portgroup", with: "n.network")
        let result = Self.render(.domain, ["networks": [["portgroup": "VM Network"]]], template: template)
        #expect(result.xml == nil)
        #expect(result.diagnostics.map(\.code) == [.missingParameter], "\(describe(result.diagnostics))")
    }

    @Test("a key the template tests with 'is defined' or gives a default is optional")
    func optionalKeys() {
        let template = Self.esxPortGroups.replacingOccurrences(
            of: "{{ n.portgroup }}", with: "{% if n.network is defined %}{{ n.network }}{% else %}{{ n.portgroup|default('VM Network') }}{% endif %}")
        let result = Self.render(.domain, ["networks": [["portgroup": "Storage Net"]]], template: template)
        #expect(result.diagnostics.isEmpty, "\(describe(result.diagnostics))")
        #expect(result.xml?.contains("<source bridge='Storage Net'/>") == true)
    }

    @Test("a disk, a network's ip entry and a volume are checked only for what the template reads")
    func otherRequiredValues() {
        let disk = Self.render(.domain, driver: .qemu, ["disks": [["image": "/img/web.qcow2"]]], template: """
            <domain type='qemu'><name>{{ name }}</name><memory>{{ memory_size }}</memory><os><type>hvm</type></os>
            <devices>{% for d in disks %}<disk type='file'><source file='{{ d.image }}'/><target dev='{{ d.dev }}'/></disk>{% endfor %}</devices></domain>
            """)
        #expect(disk.diagnostics.isEmpty, "\(describe(disk.diagnostics))")
        let network = Self.render(.network, ["ips": [["cidr": "192.168.9.1/24"]]], template: """
            <network><name>{{ name }}</name>{% for ip in ips %}<ip address='{{ ip.cidr.split('/')[0] }}' prefix='{{ ip.cidr.split('/')[1] }}'/>{% endfor %}</network>
            """)
        #expect(network.diagnostics.isEmpty, "\(describe(network.diagnostics))")
        #expect(network.xml?.contains("<ip address='192.168.9.1' prefix='24'/>") == true)
        let volume = Self.render(.volume, ["name": "web.qcow2"], template: "<volume><name>{{ name }}</name><capacity unit='G'>10</capacity></volume>")
        #expect(volume.diagnostics.isEmpty, "\(describe(volume.diagnostics))")
    }

    @Test("a Mustache template is checked for the names of its tags and of the built-in templates it inherits")
    func mustache() {
        let own = Self.render(.domain, ["networks": [["portgroup": "VM Network"]]], template: """
            <domain type='vmware'><name>{{name}}</name><memory>{{memory_size}}</memory><os><type>hvm</type></os>
            <devices>{{#networks}}<interface type='bridge'><source bridge='{{portgroup}}'/></interface>{{/networks}}</devices></domain>
            """)
        #expect(own.diagnostics.isEmpty, "\(describe(own.diagnostics))")
        let inherited = Self.render(.domain, ["networks": [["portgroup": "VM Network"]]], template: "{{<domain-esx}}{{$display}}{{/display}}{{/domain-esx}}")
        #expect(inherited.diagnostics.map(\.code).contains(.missingParameter), "\(describe(inherited.diagnostics))")
    }

    @Test("a template that includes another is checked as the built-in one, since what the other reads is not followed")
    func include() {
        let result = Self.render(.domain, ["networks": [["portgroup": "VM Network"]]], template: "{% include 'nics.j2' ignore missing %}<domain/>")
        #expect(result.diagnostics.map(\.code).contains(.missingParameter), "\(describe(result.diagnostics))")
    }

    @Test("checks that protect any document apply whatever the template reads")
    func protectiveChecksStay() {
        let result = Self.render(.domain, ["name": "a/b", "networks": [["portgroup": "VM Network", "mac": "01:00:5e:00:00:01"]]],
                                 template: Self.esxPortGroups)
        #expect(Set(result.diagnostics.map(\.code)) == [.invalidObjectName, .invalidMACAddress], "\(describe(result.diagnostics))")
        #expect(result.xml == nil)
    }
}
