import Foundation
import Rendering
import Testing
import YAMLSource

/// `{% include %}` in Jinja2 user templates: files of the blueprint's folder, found from the
/// main template's folder, checked before rendering, refused outside the folder.
@Suite("Jinja2 includes")
struct JinjaIncludeTests {
    static let domain = """
        <domain type="{{ domain_type }}">
          <name>{{ name }}</name>
          <memory unit="KiB">{{ memory_size }}</memory>
          <os><type>hvm</type></os>
          <devices>
            {%- for disk in disks %}
            {% include 'parts/disk.xml.j2' %}
            {%- endfor %}
          </devices>
        </domain>
        """

    private func render(_ directory: URL, _ file: String, _ values: [String: RenderValue] = ["name": "web-1"]) -> RenderResult {
        TemplateRenderer(blueprintDirectory: directory.path).render(
            kind: .domain, driver: .qemu, parameters: parameters(values), userTemplate: .file(file, at: blueprintRange))
    }

    @Test("an include is found from the main template's folder, nested includes too, with the loop's names")
    func nested() throws {
        try UserTemplateTests.withBlueprintDirectory([
            "templates/vm.xml.j2": Self.domain,
            "templates/parts/disk.xml.j2": "<disk type=\"file\">{% include 'parts/target.xml.j2' %}<source file=\"{{ disk.file }}\"/></disk>",
            "templates/parts/target.xml.j2": "<target dev=\"{{ disk.dev }}\" bus=\"{{ disk.bus }}\"/>",
        ]) { directory in
            let result = render(directory, "templates/vm.xml.j2", ["name": "web-1", "disks": [["file": "/img/a & b.qcow2"]]])
            let xml = try #require(result.xml, "\(describe(result.diagnostics))")
            #expect(xml.contains(#"<disk type="file"><target dev="vda" bus="virtio"/><source file="/img/a &amp; b.qcow2"/></disk>"#), "\(xml)")
        }
    }

    @Test("a missing include is BV0611 at its tag, naming the file looked for")
    func missing() throws {
        try UserTemplateTests.withBlueprintDirectory(["templates/vm.xml.j2": Self.domain]) { directory in
            let result = render(directory, "templates/vm.xml.j2")
            #expect(result.xml == nil)
            let diagnostic = try #require(result.diagnostics.first)
            #expect(diagnostic.code == .userTemplateUnreadable)
            #expect(diagnostic.range.file.hasSuffix("templates/vm.xml.j2"))
            #expect(diagnostic.range.start == SourceLocation(line: 7, column: 5))
            #expect(diagnostic.message.contains("'parts/disk.xml.j2'") && diagnostic.message.contains("templates/parts/disk.xml.j2)"), "\(diagnostic.message)")
            // validate's check finds it without any disk to loop over.
            #expect(result.diagnostics.count == 1, "\(describe(result.diagnostics))")
        }
    }

    @Test("an include that leads out of the blueprint's folder is BV0620, even where it may be missing")
    func outside() throws {
        try UserTemplateTests.withBlueprintDirectory([
            "vm.xml.j2": "<domain>\n{% include '../../etc/passwd' ignore missing %}</domain>",
        ]) { directory in
            let diagnostic = try #require(render(directory, "vm.xml.j2").diagnostics.first)
            #expect(diagnostic.code == .userTemplateOutsideBlueprint)
            #expect(diagnostic.range.start == SourceLocation(line: 2, column: 1))
            #expect(diagnostic.message.contains("climbs out of the blueprint's folder"), "\(diagnostic.message)")
        }
    }

    @Test("an error inside an included file points at that file's line and column")
    func errorInIncludedFile() throws {
        try UserTemplateTests.withBlueprintDirectory([
            "vm.xml.j2": "<domain>{% include 'part.j2' %}</domain>",
            "part.j2": "<name/>\n  {{ name|frobnicate }}",
            "render.xml.j2": "<domain>{% include 'fails.j2' %}</domain>",
            "fails.j2": "\n\n   {{ settings.cpu }}",
        ]) { directory in
            let syntax = try #require(render(directory, "vm.xml.j2").diagnostics.first)
            #expect(syntax.code == .userTemplateJinjaSyntax)
            #expect(syntax.range.file.hasSuffix("/part.j2"))
            #expect(syntax.range.start == SourceLocation(line: 2, column: 11))
            let failure = try #require(render(directory, "render.xml.j2").diagnostics.first)
            #expect(failure.code == .userTemplateJinjaRender)
            #expect(failure.range.file.hasSuffix("/fails.j2"))
            #expect(failure.range.start == SourceLocation(line: 3, column: 15))
        }
    }

    @Test("the main template and an included one are named alike: from the folder the blueprint was named from")
    func includedFileNamedAsTheMainOne() throws {
        try UserTemplateTests.withBlueprintDirectory([
            "t/vm.xml.j2": "<domain>{{ nmae }}{% include 'part.j2' %}</domain>",
            "t/part.j2": "<name/>\n  {{ naem }}{{ settings.cpu }}",
        ]) { directory in
            // As for `bluevirt validate web/blueprint.yaml`: the included file was named by its full path.
            let folder = BlueprintFolder(path: directory.path, shown: "web")
            let result = TemplateRenderer(folder: folder).render(
                kind: .domain, driver: .qemu, parameters: parameters(["name": "web-1"]), userTemplate: .file("t/vm.xml.j2", at: blueprintRange))
            #expect(result.diagnostics.map(\.range.file) == ["web/t/part.j2"], "\(describe(result.diagnostics))")
            #expect(result.unknownNames.map(\.range.file) == ["web/t/vm.xml.j2", "web/t/part.j2", "web/t/part.j2"])
            let current = TemplateRenderer(folder: BlueprintFolder(path: directory.path, shown: "")).render(
                kind: .domain, driver: .qemu, parameters: parameters(["name": "web-1"]), userTemplate: .file("t/vm.xml.j2", at: blueprintRange))
            #expect(current.unknownNames.map(\.range.file) == ["t/vm.xml.j2", "t/part.j2", "t/part.j2"])
        }
    }

    @Test("an include with a computed name is followed where the render found its template, else said to be unchecked")
    func computedInclude() throws {
        try UserTemplateTests.withBlueprintDirectory([
            "vm.xml.j2": "<domain>{% include kind ~ '.j2' %}\n{% if graphics %}{% include 'gfx-' ~ kind ~ '.j2' %}{% endif %}</domain>",
            "part.j2": "<name>{{ nmae }}</name>",
        ]) { directory in
            let result = render(directory, "vm.xml.j2", ["name": "web-1", "kind": "part"])
            #expect(result.diagnostics.isEmpty, "\(describe(result.diagnostics))")
            #expect(result.unknownNames.map(\.kind) == [.variable, .computedInclude])
            #expect(result.unknownNames.first.map { "\($0.name)@\($0.range.file.split(separator: "/").last ?? ""):\($0.range.start.line)" } == "nmae@part.j2:1")
            #expect(result.unknownNames.last?.range.start.line == 2)
        }
    }

    @Test("a template that includes itself stops at the depth limit (BV0621)")
    func selfInclude() throws {
        try UserTemplateTests.withBlueprintDirectory(["vm.xml.j2": "<domain>{% include 'vm.xml.j2' %}</domain>"]) { directory in
            let diagnostic = try #require(render(directory, "vm.xml.j2").diagnostics.first)
            #expect(diagnostic.code == .userTemplateJinjaLimit)
            #expect(diagnostic.message.hasPrefix("includes would nest more than 16 deep"), "\(diagnostic.message)")
        }
    }

    @Test("template_content includes from the blueprint's folder")
    func inline() throws {
        try UserTemplateTests.withBlueprintDirectory(["os.xml": "<os><type>hvm</type></os>"]) { directory in
            let result = TemplateRenderer(blueprintDirectory: directory.path).render(
                kind: .domain, driver: .qemu, parameters: parameters(["name": "web-1"]),
                userTemplate: .inline("<domain type='qemu'><name>{{ name }}</name><memory>1</memory>{% include 'os.xml' %}</domain>", at: blueprintRange))
            #expect(result.xml?.contains("<memory>1</memory><os><type>hvm</type></os>") == true, "\(describe(result.diagnostics))")
        }
    }

    @Test("a name an included file reads that it does not get is BV0884 at that file's line, with the tag's names known")
    func unknownNameInIncludedFile() throws {
        try UserTemplateTests.withBlueprintDirectory([
            "templates/vm.xml.j2": """
                <domain type="{{ domain_type }}"><name>{{ name }}</name><memory>{{ memory_size }}</memory>
                {% set label = name ~ '-vm' %}{% for disk in disks %}{% include 'parts/disk.xml.j2' %}{% endfor %}
                {% include 'parts/meta.xml.j2' without context %}</domain>
                """,
            "templates/parts/disk.xml.j2": "<disk>{{ disk.file }}{{ label }}\n  {{ nmae }}</disk>",
            "templates/parts/meta.xml.j2": "<description>{{ range(1)|list }}{{ name }}</description>",
        ]) { directory in
            let result = render(directory, "templates/vm.xml.j2", ["name": "web-1", "disks": [["file": "/img/a.qcow2"]]])
            #expect(result.xml != nil, "\(describe(result.diagnostics))")
            let found = result.unknownNames.map { "\($0.kind) \($0.name) \(URL(fileURLWithPath: $0.range.file).lastPathComponent):\($0.range.start.line):\($0.range.start.column) \($0.suggestion ?? "-")" }
            #expect(found == ["variable nmae disk.xml.j2:2:6 name", "variableWithoutContext name meta.xml.j2:1:36 -"], "\(found)")
        }
    }
}
