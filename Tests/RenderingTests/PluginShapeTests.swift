import Rendering
import Testing

/// The shapes the libvirt plugin's users write `params` in (its examples' disks and networks,
/// its `devices` list) render documents libvirt's schemas accept, with the built-in template and
/// with a Jinja2 template in the shape of the plugin's own.
@Suite struct PluginShapeTests {
    static let disks: RenderValue = [
        ["bus": "scsi", "dev": "sda", "file": "/var/lib/libvirt/images/vm.qcow2", "type": "qcow2"],
        ["bus": "scsi", "dev": "sdb", "file": "/var/lib/libvirt/images/vm_seed.qcow2", "type": "qcow2", "readonly": true],
        ["bus": "ide", "dev": "hdc", "file": "/var/lib/libvirt/images/seed.iso", "type": "raw"],
        ["bus": "virtio", "dev": "vdb", "file": "/var/lib/libvirt/images/data.raw", "type": "raw"],
    ]
    static let networks: RenderValue = [
        ["network": "manager_network", "dev": "vnet0", "mac": "52:54:00:c0:67:81", "type": "virtio"],
        ["network": "public_network", "dev": "vnet0", "mac": "52:54:00:c0:67:82"],
    ]
    static let devices: RenderValue = [
        ["type": "serial", "source_path": "/dev/ttyS1", "target_port": 1],
        ["type": "usb", "vendor_id": 0x1d6b, "product_id": "0x0002"],
        ["type": "pci", "bus": 0x01, "slot": 0x00, "function": 0x1],
        ["type": "tpm", "path": "/dev/tpm0"],
    ]

    @Test func theBuiltInTemplateTakesThePluginsDisksNetworksAndDevices() throws {
        let xml = renderXML(.domain, ["domain_type": "kvm", "vcpu": 2, "memory_size": 1_048_576,
                                      "disks": Self.disks, "networks": Self.networks, "devices": Self.devices])
        try expectSchemaValid(xml, .domain)
        // A disk on ide chooses the plugin's machine, pc (q35 has no IDE controller).
        #expect(xml.contains(#"machine="pc""#) && xml.contains(#"<target dev="hdc" bus="ide"/>"#))
        #expect(xml.contains(#"<vendor id="0x1d6b"/>"#) && xml.contains(#"<product id="0x0002"/>"#))
        #expect(xml.contains(#"<address domain="0x0000" bus="0x01" slot="0x00" function="0x1"/>"#))
        #expect(xml.contains(#"<source path="/dev/ttyS1"/>"#) && xml.contains(#"<target port="1"/>"#))
        #expect(xml.contains(#"<device path="/dev/tpm0"/>"#))
    }

    @Test func aJinjaTemplateInThePluginsShapeSeesTheDeviceLists() throws {
        let template = """
            <domain type="{{ domain_type }}">
              <name>{{ name }}</name>
              <memory unit="KiB">{{ memory_maxsize }}</memory>
              <os><type machine="pc" arch="x86_64">hvm</type></os>
              <devices>
                {% for disk in disks %}
                <disk device="disk" type="file">
                  <target dev="{{ disk.dev }}" bus="{{ disk.bus }}"/>
                  <source file="{{ disk.file }}"/>
                  <driver type="{{ disk.type }}"/>
                  {% if disk.readonly %}<readonly/>{% endif %}
                </disk>
                {% endfor %}
                {% for usb_device in usb_devices %}
                <hostdev mode='subsystem' type='usb' managed='yes'>
                  <source><vendor id='{{ usb_device.vendor_id }}'/><product id='{{ usb_device.product_id }}'/></source>
                </hostdev>
                {% endfor %}
                {% for tpm_device in tpm_devices %}
                <tpm model='tpm-tis'><backend type='passthrough'><device path='{{ tpm_device.path }}'/></backend></tpm>
                {% endfor %}
              </devices>
            </domain>
            """
        let xml = renderXML(.domain, ["disks": Self.disks, "devices": Self.devices],
                            userTemplate: .inline(template, at: blueprintRange))
        try expectSchemaValid(xml, .domain)
        #expect(xml.contains("<vendor id='0x1d6b'/>") && xml.contains("<device path='/dev/tpm0'/>"))
    }

    @Test func aDeviceOfUnknownTypeOrWithoutItsFieldsIsADiagnostic() {
        let result = TemplateRenderer.render(kind: .domain, parameters: parameters(["devices": [["type": "gpu"], ["type": "usb", "vendor_id": 1]]]))
        let messages = result.diagnostics.map(\.message)
        #expect(messages.contains { $0.hasPrefix("unknown passthrough device type 'gpu'") }, "\(messages)")
        #expect(messages.contains("a usb device needs 'product_id' (its fields: vendor_id, product_id)"), "\(messages)")
        #expect(result.xml == nil)
    }
}
