import Rendering
import Testing

/// The Cloudify libvirt plugin's units and defaults hold, so plugin blueprints mean what they meant.
@Suite("Plugin defaults and derived values")
struct PluginDefaultsTests {
    @Test("memory_size is KiB; memory_maxsize defaults to twice it; vcpu to 1; domain_type to qemu")
    func domainDefaults() {
        let xml = renderXML(.domain, driver: .qemu, ["memory_size": 1_048_576])
        #expect(xml.contains(#"<currentMemory unit="KiB">1048576</currentMemory>"#))
        #expect(xml.contains(#"<memory unit="KiB">2097152</memory>"#))
        #expect(xml.contains(#"<vcpu placement="static">1</vcpu>"#))
        #expect(xml.contains(#"<domain type="qemu">"#))
        #expect(!xml.contains("<cpu"))
    }

    @Test("given values win; numbers written as strings are read as the plugin reads them")
    func givenValues() {
        let xml = renderXML(.domain, driver: .qemu, ["memory_size": "262144", "memory_maxsize": 300_000, "vcpu": "2", "domain_type": "kvm"])
        #expect(xml.contains(#"<currentMemory unit="KiB">262144</currentMemory>"#))
        #expect(xml.contains(#"<memory unit="KiB">300000</memory>"#))
        #expect(xml.contains(#"<vcpu placement="static">2</vcpu>"#))
        #expect(xml.contains(#"<domain type="kvm">"#))
        #expect(xml.contains(#"<cpu mode="host-passthrough"/>"#))
    }

    @Test("only memory_maxsize: the guest starts with all of it; neither: 512 MiB")
    func memoryFallbacks() {
        let onlyMax = renderXML(.domain, driver: .test, ["memory_maxsize": 409_600])
        #expect(onlyMax.contains(#"<currentMemory unit="KiB">409600</currentMemory>"#))
        #expect(onlyMax.contains(#"<memory unit="KiB">409600</memory>"#))
        let neither = renderXML(.domain, driver: .test, [:])
        #expect(neither.contains(#"<currentMemory unit="KiB">524288</currentMemory>"#))
        #expect(neither.contains(#"<memory unit="KiB">1048576</memory>"#))
    }

    @Test("names: params.name, else resource_id, else DEPLOYMENT-INSTANCE")
    func names() {
        #expect(renderXML(.domain, driver: .test, [:]).contains("<name>demo-web-1</name>"))
        #expect(renderXML(.domain, driver: .test, ["resource_id": "legacy"]).contains("<name>legacy</name>"))
        #expect(renderXML(.domain, driver: .test, ["name": "given", "resource_id": "legacy"]).contains("<name>given</name>"))
        #expect(renderXML(.volume, ["capacity": 1]).contains("<name>demo-web-1.qcow2</name>"))
        #expect(renderXML(.volume, ["capacity": 1, "format": "raw"]).contains("<name>demo-web-1.raw</name>"))
    }

    @Test("bluevirt metadata carries deployment, node and instance")
    func metadata() {
        let xml = renderXML(.network, ["ips": [["address": "10.9.0.1"]]])
        #expect(xml.contains(#"<bluevirt:instance xmlns:bluevirt="https://bluevirt.dev/xmlns/instance/1" deployment="demo" node="web" instance="web-1"/>"#))
        #expect(!renderXML(.network, ["name": "plain"], identity: nil).contains("metadata"))
    }

    @Test("the UUID is stable for a name and differs between names")
    func stableUUID() throws {
        let first = renderXML(.domain, driver: .test, ["name": "a"])
        #expect(first == renderXML(.domain, driver: .test, ["name": "a"]))
        #expect(first != renderXML(.domain, driver: .test, ["name": "b"]))
        #expect(renderXML(.domain, driver: .test, ["instance_uuid": "4dea22b3-1d52-d8f3-2516-782e98ab3fa0"])
            .contains("<uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>"))
    }

    @Test("disk targets follow the bus, skip names the user took, and the plugin's keys work")
    func diskTargets() {
        let xml = renderXML(.domain, driver: .qemu, ["disks": [
            ["file": "/a.qcow2", "dev": "vdb"], ["file": "/b.qcow2"], ["file": "/c.img", "type": "raw", "bus": "sata"], ["file": "/d.qcow2"],
        ]])
        #expect(xml.contains(#"<target dev="vdb" bus="virtio"/>"#))
        #expect(xml.contains(#"<target dev="vda" bus="virtio"/>"#))
        #expect(xml.contains(#"<target dev="sda" bus="sata"/>"#))
        #expect(xml.contains(#"<target dev="vdc" bus="virtio"/>"#))
        #expect(xml.contains(#"<driver name="qemu" type="raw"/>"#))
        let xen = renderXML(.domain, driver: .xen, ["disks": [["file": "/x.img"]]])
        #expect(xen.contains(#"<target dev="xvda" bus="xen"/>"#))
    }

    @Test("network: the plugin's forwards list, the forward shorthand, and none for isolated")
    func forwards() {
        #expect(renderXML(.network, ["forwards": [["mode": "route", "dev": "eth1"]]]).contains(#"<forward mode="route" dev="eth1"/>"#))
        #expect(renderXML(.network, ["forward": "open"]).contains(#"<forward mode="open"/>"#))
        #expect(!renderXML(.network, ["forward": "none"]).contains("<forward"))
        #expect(!renderXML(.network, [:]).contains("<forward"))
        #expect(renderXML(.network, ["ips": [["address": "10.2.0.1"]]]).contains(#"<ip address="10.2.0.1" netmask="255.255.255.0">"#))
    }

    @Test("without a driver from the connection, domain_type chooses the template")
    func driverFromDomainType() {
        func rendered(_ values: [String: RenderValue]) -> String {
            TemplateRenderer.render(kind: .domain, parameters: parameters(values)).xml ?? ""
        }
        #expect(rendered([:]).contains(#"<domain type="qemu">"#))
        #expect(rendered(["domain_type": "kvm"]).contains(#"machine="q35""#))
        #expect(rendered(["domain_type": "lxc"]).contains("<type arch=\"x86_64\">exe</type>"))
        #expect(rendered(["domain_type": "vmware"]).contains(#"<domain type="vmware">"#))
        let unknown = TemplateRenderer.render(kind: .domain, parameters: parameters(["domain_type": "lcx"]))
        #expect(unknown.xml == nil)
        #expect(unknown.diagnostics.first?.notes.first?.message == "did you mean 'lxc'?")
        #expect(Driver(domainType: "vmware") == .esx)
        #expect(Driver(domainType: "kvm") == .qemu)
        #expect(Driver(domainType: "hyperv") == nil)
    }

    @Test("connection URIs name their driver")
    func driverFromURI() {
        #expect(Driver(connectionURI: "qemu:///system") == .qemu)
        #expect(Driver(connectionURI: "qemu+ssh://root@host/system") == .qemu)
        #expect(Driver(connectionURI: "lxc:///") == .lxc)
        #expect(Driver(connectionURI: "xen:///system") == .xen)
        #expect(Driver(connectionURI: "esx://vcenter.example/?no_verify=1") == .esx)
        #expect(Driver(connectionURI: "bhyve:///system") == .bhyve)
        #expect(Driver(connectionURI: "test:///default") == .test)
        #expect(Driver(connectionURI: "vbox:///session") == nil)
        #expect(Driver(connectionURI: "QEMU+TLS://host/system") == .qemu)
        #expect(Driver(connectionURI: "") == nil)
    }
}
