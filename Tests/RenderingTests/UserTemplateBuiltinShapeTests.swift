import Rendering
import Testing

/// The lists of disk buses and formats, the ESX datastore path and an LXC domain's want of disks
/// say what bluevirt's built-in templates write. A user's template writes such values as it likes
/// and libvirt judges the result, so they are not checked for it; the built-in templates still are.
@Suite("Built-in template shapes and user templates")
struct UserTemplateBuiltinShapeTests {
    /// A template writing each disk's file, bus and format as given.
    static let disks = """
        <domain type='{{ domain_type }}'><name>{{ name }}</name><memory>{{ memory_size }}</memory><os><type>hvm</type></os>
        <devices>{% for d in disks %}<disk type='file'><driver type='{{ d.type }}'/><source file='{{ d.file }}'/>\
        <target dev='{{ d.dev }}' bus='{{ d.bus }}'/></disk>{% endfor %}</devices></domain>
        """

    private static func render(driver: Driver, _ values: [String: RenderValue], template: String? = Self.disks) -> RenderResult {
        TemplateRenderer.render(kind: .domain, driver: driver, parameters: parameters(values),
                                userTemplate: template.map { .inline($0, at: blueprintRange) } ?? .none)
    }

    @Test("a disk bus or format outside the built-in lists is written as given")
    func busAndFormat() {
        let result = Self.render(driver: .qemu, ["disks": [["file": "/img/web.img", "bus": "nvme", "type": "luks"]]])
        #expect(result.diagnostics.isEmpty, "\(describe(result.diagnostics))")
        #expect(result.xml?.contains("bus='nvme'") == true)
        #expect(result.xml?.contains("<driver type='luks'/>") == true)
    }

    @Test("an ESX disk file that is no datastore path is the template's business")
    func esxFile() {
        let result = Self.render(driver: .esx, ["disks": [["file": "web/web.vmdk"]]])
        #expect(result.diagnostics.isEmpty, "\(describe(result.diagnostics))")
        #expect(result.xml?.contains("<source file='web/web.vmdk'/>") == true)
    }

    @Test("an LXC template may take disks")
    func lxcDisks() {
        let result = Self.render(driver: .lxc, ["root": "/srv/web", "disks": [["file": "/srv/data.img", "bus": "virtio"]]])
        #expect(result.diagnostics.isEmpty, "\(describe(result.diagnostics))")
        #expect(result.xml?.contains("<source file='/srv/data.img'/>") == true)
    }

    /// An aarch64 template writing the machine and each disk's device, as the plugin's arm64 example does.
    static let devices = """
        <domain type='{{ domain_type }}'><name>{{ name }}</name><memory>{{ memory_size }}</memory>
        <os><type arch='aarch64' machine='{{ machine }}'>hvm</type></os>
        <devices>{% for d in disks %}<disk type='file' device='{{ d.device }}'>{% if d.file %}<source file='{{ d.file }}'/>{% endif %}\
        <target dev='{{ d.dev }}' bus='{{ d.bus }}'/></disk>{% endfor %}</devices></domain>
        """

    @Test("a disk device other than disk or cdrom, and a machine of another architecture, are written as given")
    func deviceAndMachine() {
        let result = Self.render(driver: .qemu, ["machine": "virt", "disks": [
            ["device": "floppy"], ["device": "lun", "file": "/dev/sdb", "bus": "scsi"],
        ]], template: Self.devices)
        #expect(result.diagnostics.isEmpty, "\(describe(result.diagnostics))")
        #expect(result.xml?.contains("machine='virt'") == true)
        #expect(result.xml?.contains("<disk type='file' device='floppy'><target dev='fda' bus='fdc'/>") == true, "\(result.xml ?? "")")
        #expect(result.xml?.contains("<disk type='file' device='lun'><source file='/dev/sdb'/><target dev='sda' bus='scsi'/>") == true)
    }

    @Test("a lun without a source is still missing one, when the template reads it")
    func lunNeedsSource() {
        let result = Self.render(driver: .qemu, ["machine": "virt", "disks": [["device": "lun", "bus": "scsi"]]], template: Self.devices)
        #expect(result.diagnostics.map(\.code) == [.missingParameter], "\(describe(result.diagnostics))")
    }

    @Test("the built-in templates still refuse what they cannot write")
    func builtinStillChecked() {
        #expect(Self.render(driver: .qemu, ["machine": "virt"], template: nil).diagnostics.map(\.code) == [.unknownChoice])
        #expect(Self.render(driver: .qemu, ["disks": [["device": "floppy", "file": "/img/f.img"]]], template: nil).diagnostics.map(\.code) == [.unknownChoice])
        #expect(Self.render(driver: .qemu, ["disks": [["file": "/img/web.img", "bus": "nvme"]]], template: nil).diagnostics.map(\.code) == [.unknownChoice])
        #expect(Self.render(driver: .esx, ["disks": [["file": "web/web.vmdk"]]], template: nil).diagnostics.map(\.code) == [.pathNotAbsolute])
        #expect(Self.render(driver: .lxc, ["root": "/srv/web", "disks": [["file": "/srv/data.img"]]], template: nil).diagnostics.map(\.code) == [.conflictingParameters])
    }

    @Test("protective checks stay: a disk file elsewhere than ESX must be absolute")
    func protectiveChecksStay() {
        let result = Self.render(driver: .qemu, ["disks": [["file": "img/web.img", "bus": "nvme"]]])
        #expect(result.diagnostics.map(\.code) == [.pathNotAbsolute], "\(describe(result.diagnostics))")
    }
}
