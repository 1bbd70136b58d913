import Foundation
import Rendering
import Testing
import YAMLSource

/// template_resource (a file beside the blueprint), template_content (inline), and inheritance
/// that replaces one block of a built-in template.
@Suite("User templates")
struct UserTemplateTests {
    /// An aarch64 guest: a whole document the built-in templates do not cover.
    static let armDomain = """
        <domain type="{{domain_type}}">
          <name>{{name}}</name>
          <memory unit="KiB">{{memory_maxsize}}</memory>
          <currentMemory unit="KiB">{{memory_size}}</currentMemory>
          <vcpu>{{vcpu}}</vcpu>
          <description>{{custom_label}}</description>
          <os>
            <type arch="aarch64" machine="virt">hvm</type>
          </os>
          <devices>
            {{#disks}}
            {{>disk}}
            {{/disks}}
          </devices>
        </domain>
        """

    /// A blueprint directory with a template file in it, removed afterwards.
    static func withBlueprintDirectory(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (path, text) in files {
            let file = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try body(directory)
    }

    @Test("template_resource: a file relative to the blueprint replaces the whole document")
    func file() throws {
        try Self.withBlueprintDirectory(["templates/arm.xml.mustache": Self.armDomain]) { directory in
            let renderer = TemplateRenderer(blueprintDirectory: directory.path)
            let result = renderer.render(
                kind: .domain, driver: .qemu,
                parameters: parameters(["memory_size": 262_144, "custom_label": "arm & co", "disks": [["file": "/img/arm.qcow2"]]]),
                userTemplate: .file("templates/arm.xml.mustache", at: blueprintRange))
            #expect(result.diagnostics.isEmpty, "\(describe(result.diagnostics))")
            let xml = try #require(result.xml)
            try expectSchemaValid(xml, .domain)
            #expect(xml.contains(#"<type arch="aarch64" machine="virt">hvm</type>"#))
            // The same parameters as the built-in template: defaults applied, extras passed through.
            #expect(xml.contains(#"<domain type="qemu">"#))
            #expect(xml.contains(#"<memory unit="KiB">524288</memory>"#))
            #expect(xml.contains("<vcpu>1</vcpu>"))
            #expect(xml.contains("<description>arm &amp; co</description>"))
            #expect(xml.contains(#"<target dev="vda" bus="virtio"/>"#))
        }
    }

    @Test("template_content: inline text replaces the whole document")
    func inline() throws {
        let template = """
            <network>
              <name>{{name}}</name>
              <bridge name="{{dev}}"/>
              <mtu size="9000"/>
            </network>
            """
        let xml = renderXML(.network, ["name": "jumbo", "dev": "br-jumbo"], userTemplate: .inline(template, at: blueprintRange))
        try expectSchemaValid(xml, .network)
        #expect(xml.contains(#"<mtu size="9000"/>"#))
        #expect(xml.contains("<name>jumbo</name>"))
    }

    @Test("inheritance replaces the devices block and keeps the rest of the built-in domain")
    func replaceOneBlock() throws {
        let template = """
            {{<domain-qemu}}
            {{$devices}}
                {{#disks}}
                {{>disk}}
                {{/disks}}
                <interface type="user">
                  <model type="virtio"/>
                </interface>
                <serial type="pty"/>
            {{/devices}}
            {{/domain-qemu}}
            """
        let xml = renderXML(.domain, driver: .qemu, ["disks": [["file": "/img/a.qcow2"]]], userTemplate: .inline(template, at: blueprintRange))
        try expectSchemaValid(xml, .domain)
        #expect(xml.contains(#"<interface type="user">"#))
        #expect(xml.contains(#"<source file="/img/a.qcow2"/>"#))
        #expect(!xml.contains("memballoon"))
        #expect(xml.contains(#"<clock offset="utc">"#))
        #expect(xml.contains("<metadata>"))
    }

    @Test("inheritance adds devices through the empty extra_devices block, in a file")
    func extraDevices() throws {
        let template = """
            {{<domain-test}}
            {{$extra_devices}}
                <watchdog model="i6300esb" action="reset"/>
            {{/extra_devices}}
            {{/domain-test}}
            """
        try Self.withBlueprintDirectory(["watchdog.mustache": template]) { directory in
            let result = TemplateRenderer(blueprintDirectory: directory.path).render(
                kind: .domain, driver: .test, parameters: parameters(["networks": [["network": "default"]]]),
                userTemplate: .file("watchdog.mustache", at: blueprintRange))
            let xml = try #require(result.xml)
            try expectSchemaValid(xml, .domain)
            #expect(xml.contains(#"<watchdog model="i6300esb" action="reset"/>"#))
            #expect(xml.contains(#"<source network="default"/>"#))
        }
    }

    @Test("a user template sees no unknown-parameter warnings")
    func noUnknownWarnings() {
        let result = TemplateRenderer.render(
            kind: .pool, parameters: parameters(["path": "/p", "colour": "blue"]),
            userTemplate: .inline("<pool type='dir'><name>{{name}}</name><target><path>{{path}}</path></target><!-- {{colour}} --></pool>", at: blueprintRange))
        #expect(result.diagnostics.isEmpty)
        #expect(result.xml?.contains("<!-- blue -->") == true)
    }

    @Test("a missing template_resource file is a diagnostic at the reference")
    func missingFile() {
        let reference = SourceRange(file: "blueprint.yaml", start: SourceLocation(line: 31, column: 30), end: SourceLocation(line: 31, column: 45))
        let result = TemplateRenderer(blueprintDirectory: "/nonexistent-blueprint-dir").render(
            kind: .domain, parameters: parameters([:]), userTemplate: .file("vm.xml", at: reference))
        #expect(result.xml == nil)
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.code == .userTemplateUnreadable)
        #expect(diagnostic?.range == reference)
        #expect(diagnostic?.message.contains("/nonexistent-blueprint-dir/vm.xml") == true)
    }

    @Test("a Mustache syntax error points into the template file")
    func syntaxError() throws {
        try Self.withBlueprintDirectory(["bad.mustache": "<domain>\n  {{#disks}}\n  <disk/>\n</domain>\n"]) { directory in
            let result = TemplateRenderer(blueprintDirectory: directory.path).render(
                kind: .domain, parameters: parameters([:]), userTemplate: .file("bad.mustache", at: blueprintRange))
            #expect(result.xml == nil)
            let diagnostic = try #require(result.diagnostics.first { $0.code == .userTemplateSyntax })
            #expect(diagnostic.range.file.hasSuffix("/bad.mustache"))
            #expect(diagnostic.message.contains("not closed"))
        }
    }

    @Test("a template_resource that names a directory says so")
    func directory() throws {
        try Self.withBlueprintDirectory(["templates/x.mustache": Self.armDomain]) { directory in
            let result = TemplateRenderer(blueprintDirectory: directory.path).render(
                kind: .domain, parameters: parameters([:]), userTemplate: .file("templates/", at: blueprintRange))
            let diagnostic = try #require(result.diagnostics.first)
            #expect(diagnostic.code == .userTemplateUnreadable)
            #expect(diagnostic.message.hasPrefix("template_resource 'templates/' is a directory, not a template file"), "\(diagnostic.message)")
            #expect(diagnostic.notes.map(\.message) == ["name the template file in it, such as 'templates/domain.xml.mustache'"])
        }
    }

    @Test("an unfinished tag in inline Mustache is that, not Jinja2 text it is not")
    func unfinishedInlineTag() throws {
        let result = TemplateRenderer.render(kind: .domain, parameters: parameters([:]), userTemplate: .inline(
            "<domain type=\"{{domain_type}}\"><name>{{name}</name>\n</domain>\n", at: blueprintRange))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1, "\(describe(result.diagnostics))")
        #expect(diagnostic.code == .userTemplateSyntax)
        #expect(diagnostic.message == "the template is not valid Mustache: a tag is not finished")
        #expect(diagnostic.notes.map(\.message).contains("end the tag with }}"), "\(diagnostic.notes)")
    }

    /// A section left open was reported at the end of the file, with nothing to say which tag to write.
    @Test("a Mustache syntax error says what to write")
    func mustacheSyntaxStep() throws {
        for (template, step) in [
            ("<domain>{{#disks}}<disk/></domain>\n", "close every {{#name}}, {{^name}} and {{$name}} with {{/name}}"),
            ("<domain>{{#disks}}<disk/>{{/disk}}</domain>\n", "close each section with the name it opens with: {{#disks}}…{{/disks}}"),
            // The text runs out inside a comment (swift-mustache's reader error, once shown as "overflow").
            ("<domain>{{! a comment never closed\n</domain>\n", "end every tag with }} and every comment {{! … }} with }}"),
        ] {
            let result = TemplateRenderer.render(kind: .domain, parameters: parameters([:]), userTemplate: .inline(template, at: blueprintRange))
            let diagnostic = try #require(result.diagnostics.first { $0.code == .userTemplateSyntax }, "\(describe(result.diagnostics))")
            #expect(diagnostic.notes.map(\.message).contains(step), "\(template): \(diagnostic.notes)")
        }
    }

    @Test("inheriting from a template that does not exist is a diagnostic with a suggestion")
    func unknownParent() throws {
        let result = TemplateRenderer.render(
            kind: .domain, parameters: parameters([:]),
            userTemplate: .inline("{{<domain-qmeu}}{{$devices}}{{/devices}}{{/domain-qmeu}}", at: blueprintRange))
        #expect(result.xml == nil)
        let diagnostic = try #require(result.diagnostics.first { $0.code == .userTemplateUnknownPartial })
        #expect(diagnostic.range == blueprintRange)
        #expect(diagnostic.notes.map(\.message).contains("did you mean 'domain-qemu'?"))
        #expect(diagnostic.notes.map(\.message).contains("at line 1, column 1 of template_content"))
    }

    @Test("every built-in template is listed and can be read")
    func builtinNames() {
        let names = TemplateRenderer.builtinTemplateNames
        for driver in Driver.allCases { #expect(names.contains(driver.domainTemplateName)) }
        for name in ["network", "pool-dir", "volume", "disk", "interface", "metadata"] { #expect(names.contains(name)) }
        #expect(TemplateRenderer.builtinTemplate(named: "domain-qemu")?.contains("{{$devices}}") == true)
    }

    @Test("no built-in template substitutes a value unescaped")
    func builtinsEscape() {
        for name in TemplateRenderer.builtinTemplateNames {
            let text = TemplateRenderer.builtinTemplate(named: name) ?? ""
            for marker in ["{{{", "{{&", "{{%", "{{="] { #expect(!text.contains(marker), "\(name) uses \(marker)") }
        }
    }
}
