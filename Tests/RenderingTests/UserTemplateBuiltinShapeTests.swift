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

    @Test("the built-in templates still refuse what they cannot write")
    func builtinStillChecked() {
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
