import Foundation
import Rendering
import Testing
import YAMLSource

/// User templates written in Jinja2, as Cloudify libvirt plugin users write them.
@Suite("Jinja2 user templates")
struct JinjaUserTemplateTests {
    /// A plugin-style domain template (not the plugin's own file).
    static let pluginStyle = """
        <domain type="{{ domain_type }}">
          <name>{{ resource_id }}</name>
          <uuid>{{ instance_uuid }}</uuid>
          <memory unit="KiB">{{ memory_maxsize }}</memory>
          <currentMemory unit="KiB">{{ memory_size }}</currentMemory>
          <vcpu placement="static">{% if vcpu is defined %}{{ vcpu }}{% else %}1{% endif %}</vcpu>
          <description>{{ custom_label }} on {{ ctx.instance.id }}</description>
          <os>
            <type arch="x86_64" machine="q35">hvm</type>
          </os>
          <devices>
            {%- for disk in disks %}
            <disk type="file" device="disk">
              <driver name="qemu" type="{{ disk.type }}"/>
              <source file="{{ disk.file }}"/>
              <target dev="{{ disk.dev }}" bus="{{ disk.bus }}"/>
            </disk>
            {%- endfor %}
            {%- for network in networks %}
            <interface type="network">
              <source network="{{ network.network }}"/>
              {%- if network.mac %}
              <mac address="{{ network.mac }}"/>
              {%- endif %}
            </interface>
            {%- endfor %}
          </devices>
        </domain>
        """

    @Test("a plugin-style Jinja2 template renders with bluevirt's defaults, escaped, schema-valid")
    func pluginStyle() throws {
        let xml = renderXML(.domain, [
            "name": "web-1", "memory_size": 262_144, "custom_label": "a & <b>",
            "disks": [["file": "/img/web.qcow2"]], "networks": [["network": "lan"]],
        ], userTemplate: .inline(Self.pluginStyle, at: blueprintRange))
        try expectSchemaValid(xml, .domain)
        #expect(xml.contains(#"<domain type="qemu">"#))
        #expect(xml.contains("<name>web-1</name>"))
        #expect(xml.contains(#"<memory unit="KiB">524288</memory>"#))
        #expect(xml.contains(#"<vcpu placement="static">1</vcpu>"#))
        #expect(xml.contains("<description>a &amp; &lt;b&gt; on web-1</description>"))
        #expect(xml.contains(#"<target dev="vda" bus="virtio"/>"#))
        #expect(xml.contains(#"<driver name="qemu" type="qcow2"/>"#))
        // No mac given: bluevirt's `false` placeholder stays undefined, so no <mac> at all.
        #expect(!xml.contains("<mac"))
        #expect(!xml.contains("{%") && !xml.contains("{{"))
    }

    @Test("keys bluevirt fills with false for Mustache stay undefined; a false the user gave stays false")
    func absentKeysAreUndefined() {
        let xml = renderXML(.domain, ["name": "web-1", "graphics": false, "networks": [["network": "lan"]]], userTemplate: .inline(
            "<domain type='qemu'><name>{{ name }}</name><memory>1</memory><os><type>hvm</type></os><!-- [{{ networks[0].mac }}] {{ kernel is defined }} {{ graphics }} --></domain>",
            at: blueprintRange))
        #expect(xml.contains("<!-- [] False False -->"))
    }

    @Test("an unsupported construct is BV0617 at its line and column")
    func unsupported() throws {
        let result = TemplateRenderer.render(kind: .domain, parameters: parameters(["name": "web-1"]), userTemplate: .inline(
            "<domain>\n  {% extends 'disks.xml' %}\n  {{ name|wordwrap }}\n</domain>", at: blueprintRange))
        #expect(result.xml == nil)
        #expect(result.diagnostics.map(\.code) == [.userTemplateJinjaUnsupported, .userTemplateJinjaUnsupported])
        let first = try #require(result.diagnostics.first)
        #expect(first.message.contains("extends"))
        #expect(first.notes.map(\.message).contains("at line 2, column 3 of template_content"))
    }

    @Test("a Jinja2 syntax error is BV0618 and says why the text was read as Jinja2")
    func syntax() throws {
        let result = TemplateRenderer.render(kind: .domain, parameters: parameters(["name": "web-1"]), userTemplate: .inline(
            "<domain>{% if vcpu %}<vcpu/></domain>", at: blueprintRange))
        #expect(result.xml == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .userTemplateJinjaSyntax)
        #expect(diagnostic.notes.map(\.message).contains { $0.contains("read as Jinja2 because it uses '{%'") })
    }

    @Test("an attribute of an undefined value is BV0619, not an empty string")
    func renderFailure() throws {
        let result = TemplateRenderer.render(kind: .domain, parameters: parameters(["name": "web-1"]), userTemplate: .inline(
            "<domain>{{ settings.cpu|default(1) }}</domain>", at: blueprintRange))
        #expect(result.xml == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .userTemplateJinjaRender)
        #expect(diagnostic.message == "'settings' is undefined")
    }

    @Test("a template file ending in .j2 is Jinja2 even with only plain names; positions are in the file")
    func fileByExtension() throws {
        try UserTemplateTests.withBlueprintDirectory([
            "vm.xml.j2": "<domain type='{{ domain_type }}'><name>{{ name }}</name><memory>{{ memory_size }}</memory><os><type>hvm</type></os>{{ guest_agent }}</domain>",
            "bad.xml.j2": "<domain>\n{% filter upper %}{% endfilter %}</domain>",
        ]) { directory in
            let renderer = TemplateRenderer(blueprintDirectory: directory.path)
            let result = renderer.render(kind: .domain, driver: .qemu, parameters: parameters(["name": "web-1", "guest_agent": true]),
                                         userTemplate: .file("vm.xml.j2", at: blueprintRange))
            // `True` is Python's text for a boolean: the template ran as Jinja2, not Mustache.
            #expect(result.xml?.hasSuffix("True</domain>") == true, "\(describe(result.diagnostics))")
            let bad = renderer.render(kind: .domain, driver: .qemu, parameters: parameters(["name": "web-1"]),
                                      userTemplate: .file("bad.xml.j2", at: blueprintRange)).diagnostics
            let diagnostic = try #require(bad.first)
            #expect(diagnostic.code == .userTemplateJinjaUnsupported)
            #expect(diagnostic.range.start == SourceLocation(line: 2, column: 1))
            #expect(diagnostic.range.file.hasSuffix("bad.xml.j2"))
        }
    }

    /// The tester's templates crashed (1 TB asked of the allocator), hung, or took 805 MB.
    @Test("a template that would build too much or loop too long is BV0621 at its place in the file")
    func limits() throws {
        try UserTemplateTests.withBlueprintDirectory([
            "repeat.xml.j2": "<domain>\n  {% set x = (\"a\" * 1000000) * 1000000 %}</domain>",
            "range.xml.j2": "<domain>\n{% for i in range(9000000000000000000) %}{% endfor %}</domain>",
        ]) { directory in
            let renderer = TemplateRenderer(blueprintDirectory: directory.path)
            for (file, column, message) in [("repeat.xml.j2", 30, "repeating a text 1000000 times would make a text of 1000000000000 bytes"),
                                            ("range.xml.j2", 18, "range(0, 9000000000000000000) has 9000000000000000000 numbers")] {
                let result = renderer.render(kind: .domain, driver: .qemu, parameters: parameters(["name": "web-1"]),
                                             userTemplate: .file(file, at: blueprintRange))
                #expect(result.xml == nil)
                let diagnostic = try #require(result.diagnostics.first)
                #expect(diagnostic.code == .userTemplateJinjaLimit)
                #expect(diagnostic.severity == .error)
                #expect(diagnostic.message.hasPrefix(message), "\(diagnostic.message)")
                #expect(diagnostic.range.file.hasSuffix(file))
                #expect(diagnostic.range.start == SourceLocation(line: 2, column: column))
            }
        }
    }

    @Test("a template valid in both languages stays Mustache, as before")
    func plainNamesStayMustache() {
        let xml = renderXML(.domain, ["name": "web-1", "guest_agent": true], userTemplate: .inline(
            "<domain type='qemu'><name>{{ name }}</name><memory>1</memory><os><type>hvm</type></os><!-- {{ guest_agent }} --></domain>",
            at: blueprintRange))
        #expect(xml.contains("<!-- true -->"))
    }

    @Test("unsupported constructs and syntax errors are found before rendering, in both languages")
    func checkBeforeRendering() {
        let renderer = TemplateRenderer(blueprintDirectory: "/")
        func codes(_ template: String) -> [DiagnosticCode] {
            renderer.render(kind: .domain, driver: .qemu, parameters: parameters(["name": "web-1"]),
                            userTemplate: .inline(template, at: blueprintRange)).diagnostics.map(\.code)
        }
        // Supported syntax that fails only on its values is a render error, not a check error.
        #expect(codes("{{ a.b.c }}{% for x in y %}{% endfor %}") == [.userTemplateJinjaRender])
        #expect(codes("{% extends 'x' %}") == [.userTemplateJinjaUnsupported])
        #expect(codes("{{#disks}}") == [.userTemplateSyntax])
    }

    @Test("a plugin-style network template reads the parameters as given: forwards, ips, dhcp only when given")
    func network() throws {
        let template = """
            <network>
              <name>{{ resource_id }}</name>
              <uuid>{{ instance_uuid }}</uuid>
              <bridge name="{{ dev }}"/>
              {%- for forward in forwards %}
              <forward mode="{{ forward.mode }}"/>
              {%- endfor %}
              {%- for ip in ips %}
              <ip address="{{ ip.address }}" netmask="{{ ip.netmask }}">
                {%- if ip.dhcp is defined %}
                <dhcp><range start="{{ ip.dhcp.start }}" end="{{ ip.dhcp.end }}"/></dhcp>
                {%- endif %}
              </ip>
              {%- endfor %}
            </network>
            """
        let xml = renderXML(.network, [
            "name": "lan", "dev": "virbr10", "forwards": [["mode": "nat"]],
            "ips": [["address": "192.168.142.1", "dhcp": ["start": "192.168.142.2", "end": "192.168.142.254"]],
                    ["address": "10.0.0.1", "netmask": "255.0.0.0"]],
        ], userTemplate: .inline(template, at: blueprintRange))
        try expectSchemaValid(xml, .network)
        #expect(xml.contains(#"<forward mode="nat"/>"#))
        // bluevirt's default netmask applies; the second address has no DHCP range.
        #expect(xml.contains(#"<ip address="192.168.142.1" netmask="255.255.255.0">"#))
        #expect(xml.contains(#"<dhcp><range start="192.168.142.2" end="192.168.142.254"/></dhcp>"#))
        #expect(xml.contains(#"<ip address="10.0.0.1" netmask="255.0.0.0">"#))
        #expect(xml.components(separatedBy: "<dhcp>").count == 2)
    }
}
