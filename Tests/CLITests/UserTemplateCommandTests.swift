import Foundation
import Testing
import TestSupport

/// A user's template (docs/templates.md) as the built binary sees it: what validate and dry-run
/// find in what it renders, and what apply does with it, on libvirt's test driver.
@Suite struct UserTemplateCommandTests {
    /// A folder holding `templates/NAME` and a blueprint whose domain renders with it.
    static func blueprint(template name: String, _ text: String) throws -> (folder: URL, blueprint: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-user-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("templates/\(name)"), atomically: true, encoding: .utf8)
        let blueprint = folder.appendingPathComponent("u.yaml")
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [http://cloudify.co/spec/cloudify/6.4.0/types.yaml, plugin:cloudify-libvirt-plugin]
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                interfaces:
                  cloudify.interfaces.lifecycle:
                    configure:
                      inputs:
                        template_resource: templates/\(name)
                        params: { memory_size: 131072 }
            """.write(to: blueprint, atomically: true, encoding: .utf8)
        return (folder, blueprint.path)
    }

    /// The tester's template: `<devices>` never closed. libvirt found it only at configure, on
    /// the rendered document's lines (three more than the template's, for bluevirt's metadata).
    @Test func aTemplateThatRendersBrokenXMLIsAnErrorAtItsLineBeforeApplyStarts() throws {
        let (folder, blueprint) = try Self.blueprint(template: "badxml.mustache", """
            <domain type="{{domain_type}}">
              <name>{{name}}</name>
              <memory>{{memory_size}}</memory>
             <os><type>hvm</type></os>
            <devices>
            </domain>

            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in [["validate", blueprint], ["dry-run", blueprint], ["dry-run", "--validate", blueprint]] {
            let result = try BluevirtProcess.run(command)
            #expect(result.status == 1, "\(command): \(result.standardError)")
            let text = result.standardError
            #expect(text.contains("templates/badxml.mustache:6:1: error: the template renders a document that is not well-formed XML: "
                + "the end tag </domain> does not match <devices>, opened at line 5, which is still open [BV0624]"), "\(command): \(text)")
            #expect(text.contains("line 6, column 1 of the rendered document, made by line 6 of the template"), "\(command): \(text)")
            #expect(text.contains("> 6 | </domain>"), "\(command): \(text)")
            #expect(!text.contains("BV0802"), "\(command): \(text)")
        }
        let state = folder.appendingPathComponent("state").path
        let applied = try BluevirtProcess.run(["apply", blueprint, "-d", "u", "--simulate", "--state-dir", state])
        #expect(applied.status == 1)
        #expect(applied.standardError.contains("[BV0624]"), "\(applied.standardError)")
        #expect(!applied.standardError.contains("run the same command again"), "\(applied.standardError)")
    }

    /// A broken line two lines of the template could have made: the error is at the
    /// blueprint's template_resource, with the rendered text.
    @Test func aBrokenLineNoSingleTemplateLineMakesIsReportedAtTheTemplateResource() throws {
        let (folder, blueprint) = try Self.blueprint(template: "x.mustache", """
            <domain type="{{domain_type}}"><name>{{name}}</name><memory>{{memory_size}}</memory>
            <os><type>hvm</type></os>
            <description a="1" a="2"/>
            <description a="1" a="2"/>
            </domain>
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try BluevirtProcess.run(["validate", blueprint])
        #expect(result.status == 1)
        #expect(result.standardError.contains("u.yaml:10:32: error: the template renders a document that is not well-formed XML: "
            + "the attribute 'a' is given twice in <description> [BV0624]"), "\(result.standardError)")
        #expect(result.standardError.contains("which no single line of the template makes"), "\(result.standardError)")
    }

    /// An element a block opens and the built-in template's end tag closes: the error is at the
    /// block's line, the element the end tag does not close.
    @Test func anElementABlockLeavesOpenIsReportedAtTheBlocksLine() throws {
        let (folder, blueprint) = try Self.blueprint(template: "x.mustache", """
            {{<domain-test}}
            {{$extra_devices}}
                <watchdog model="i6300esb">
            {{/extra_devices}}
            {{/domain-test}}
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try BluevirtProcess.run(["dry-run", blueprint])
        #expect(result.status == 1)
        #expect(result.standardError.contains("templates/x.mustache:3:1: error: the template renders a document that is not well-formed XML: "
            + "the end tag </devices> does not match <watchdog>"), "\(result.standardError)")
        #expect(result.standardError.contains("is made by line 3 of the template"), "\(result.standardError)")
    }

    /// The tester's template with a comment before the root: the element went into the comment,
    /// and status and plan reported the domain as changed outside bluevirt for ever.
    @Test func aDomainFromATemplateWithACommentBeforeItsRootIsTheDeploymentsOwn() throws {
        let (folder, blueprint) = try Self.blueprint(template: "x.mustache", """
            <?xml version="1.0"?>
            <!-- <domain> comment -->
            <domain type="{{domain_type}}"><name>{{name}}</name><memory>{{memory_size}}</memory><os><type>hvm</type></os></domain>

            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state").path
        let validated = try BluevirtProcess.run(["dry-run", "--validate", blueprint])
        #expect(validated.status == 0, "\(validated.standardError)")
        let applied = try BluevirtProcess.run(["apply", blueprint, "-d", "u", "--simulate", "--state-dir", state])
        #expect(applied.status == 0, "\(applied.standardError)")
        let status = try BluevirtProcess.run(["status", "-d", "u", "--state-dir", state])
        #expect(status.standardOutput.contains("vm-1  started") && !status.standardOutput.contains("DRIFT"), "\(status.standardOutput)")
        let plan = try BluevirtProcess.run(["plan", blueprint, "-d", "u", "--simulate", "--state-dir", state])
        #expect(plan.standardOutput.contains("No changes"), "\(plan.standardOutput)")
    }

    /// The tester's misspelt block: Mustache drops it, and nothing said so.
    @Test func aBlockTheInheritedTemplateDoesNotHaveIsWarnedAbout() throws {
        let (folder, blueprint) = try Self.blueprint(
            template: "x.mustache", "{{<domain-qemu}}{{$extra_devicez}}<bogus/>{{/extra_devicez}}{{/domain-qemu}}\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in [["validate", blueprint], ["dry-run", blueprint]] {
            let result = try BluevirtProcess.run(command)
            #expect(result.status == 0, "\(command): \(result.standardError)")
            #expect(result.standardError.contains("templates/x.mustache:1:17: warning: the template replaces the block 'extra_devicez', "
                + "which 'domain-qemu' does not have: the block is dropped [BV0885]"), "\(command): \(result.standardError)")
            #expect(result.standardError.contains("did you mean 'extra_devices'?"), "\(command): \(result.standardError)")
            #expect(result.standardError.contains("note: rename it, in its opening and closing tag, to one of the blocks of 'domain-qemu': "),
                    "\(command): \(result.standardError)")
        }
        // The blocks it does have, also those of the partials it includes, are no warning.
        try "{{<domain-qemu}}{{$extra_devices}}<watchdog model='i6300esb'/>{{/extra_devices}}{{$metadata}}{{/metadata}}{{/domain-qemu}}\n"
            .write(to: folder.appendingPathComponent("templates/x.mustache"), atomically: true, encoding: .utf8)
        let fine = try BluevirtProcess.run(["validate", blueprint])
        #expect(fine.status == 0 && !fine.standardError.contains("warning"), "\(fine.standardError)")
    }

    /// The tester's misspelt variable rendered `<name></name>`, caught only by `--validate`,
    /// at the node. Names bluevirt gives (a parameter of the user's own, an entry's key) are
    /// no warning.
    @Test func aVariableThatIsNoParameterIsWarnedAbout() throws {
        let (folder, blueprint) = try Self.blueprint(template: "x.mustache", """
            <domain type="{{domain_type}}"><name>{{nmae}}</name><memory>{{memory_size}}</memory>
            <os><type>hvm</type></os><description>{{#metadata}}{{node}}{{/metadata}}</description>
            <devices>{{#disks}}<disk type="file"><source file="{{file}}"/><target dev="{{dev}}"/></disk>{{/disks}}</devices>
            </domain>

            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in [["validate", blueprint], ["dry-run", blueprint]] {
            let result = try BluevirtProcess.run(command)
            #expect(result.status == 0, "\(command): \(result.standardError)")
            #expect(result.standardError.contains(
                "templates/x.mustache:1:38: warning: the template reads 'nmae', which is no parameter bluevirt gives it [BV0884]"),
                "\(command): \(result.standardError)")
            #expect(result.standardError.contains("did you mean 'name'?"), "\(command): \(result.standardError)")
            #expect(result.standardError.contains("a name that is none renders as nothing: correct the name, or give it in params"),
                    "\(command): \(result.standardError)")
            #expect(result.standardError.components(separatedBy: "warning:").count == 2, "\(command): \(result.standardError)")
        }
    }

    /// A parameter of the user's own (`mounts`) that the template reads was a BV0206 warning like
    /// a misspelling, "the node gives its own XML template, which may read it": it does, so only
    /// the key no template reads (`lable`) is still warned of.
    @Test func aParameterTheTemplateReadsIsNoWarningOneItDoesNotReadIs() throws {
        let (folder, _) = try Self.blueprint(template: "ct.xml.j2", """
            <domain type="lxc"><name>{{ name }}</name><memory>{{ memory_size }}</memory><os><type>exe</type><init>/sbin/init</init></os>
            <devices>{% for m in mounts %}<filesystem type="mount"><source dir="{{ m.host }}"/><target dir="{{ m.guest }}"/></filesystem>{% endfor %}</devices></domain>

            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [http://cloudify.co/spec/cloudify/6.4.0/types.yaml, plugin:cloudify-libvirt-plugin]
            node_templates:
              ct:
                type: cloudify.libvirt.domain
                interfaces:
                  cloudify.interfaces.lifecycle:
                    configure:
                      inputs:
                        template_resource: templates/ct.xml.j2
                        params:
                          memory_size: 131072
                          mounts: [{ host: /srv/data, guest: /data }]
                          lable: web
            """.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        for command in ["validate", "dry-run"] {
            let result = try BluevirtProcess.run([command, "p.yaml"], in: folder)
            #expect(result.status == 0, "\(result.standardError)")
            let warnings = result.standardError.split(separator: "\n").filter { $0.contains("[BV0206]") }
            #expect(warnings.count == 1, "\(command): \(result.standardError)")
            #expect(warnings.first?.hasPrefix("p.yaml:14:15: warning: 'lable'") == true, "\(command): \(result.standardError)")
        }
    }

    /// A template's diagnostics named it by the absolute path it was read from
    /// (`/home/me/lab/templates/x.xml.j2:…`) while the blueprint's own were named as on the
    /// command line (`u.yaml:…`), and docs/diagnostics.md shows `templates/…`. Included files too.
    @Test func aTemplatesDiagnosticsNameItAsTheBlueprintIsNamed() throws {
        let (folder, blueprint) = try Self.blueprint(template: "x.xml.j2", """
            <domain type="{{ domain_type }}"><name>{{ nmae }}</name><memory>{{ memory_size }}</memory>
            <os><type>hvm</type></os><devices>{% include 'part.xml.j2' %}</devices></domain>

            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<!-- {{ vcpus }} -->\n".write(to: folder.appendingPathComponent("templates/part.xml.j2"), atomically: true, encoding: .utf8)
        let result = try BluevirtProcess.run(["validate", URL(fileURLWithPath: blueprint).lastPathComponent], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardError.split(separator: "\n").filter { $0.contains("[BV0884]") }
        #expect(lines.count == 2, "\(result.standardError)")
        #expect(lines.contains { $0.hasPrefix("templates/x.xml.j2:1:43: warning:") }, "\(result.standardError)")
        #expect(lines.contains { $0.hasPrefix("templates/part.xml.j2:1:9: warning:") }, "\(result.standardError)")
    }

    /// The same misspelling in a Jinja2 template rendered as nothing, with no warning. Names the
    /// template binds itself (`set`, `for`, `loop`), globals (`range`), `ctx`, and names it treats
    /// as optional (`is defined`, `|default`) are none.
    @Test func aJinja2VariableThatIsNoParameterIsWarnedAbout() throws {
        let (folder, blueprint) = try Self.blueprint(template: "x.xml.j2", """
            {% set mib = memory_size // 1024 %}<domain type="{{ domain_type }}"><name>{{ nmae }}</name>
            <memory unit="MiB">{{ mib }}</memory><vcpu>{{ cpus|default(1) }}</vcpu><os><type>hvm</type></os>
            <description>{{ ctx.node.id }}{% if owner is defined %}{{ owner }}{% endif %}{{ range(2)|list|length }}</description>
            <devices>{% for disk in disks %}<disk type="file"><source file="{{ disk.file }}"/><target dev="vd{{ loop.index }}"/></disk>{% endfor %}</devices>
            <!-- {{ disk }} {{ nmae }} -->
            </domain>

            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in [["validate", blueprint], ["dry-run", blueprint]] {
            let result = try BluevirtProcess.run(command)
            #expect(result.status == 0, "\(command): \(result.standardError)")
            #expect(result.standardError.contains(
                "templates/x.xml.j2:1:78: warning: the template reads 'nmae', which is no parameter bluevirt gives it [BV0884]"),
                "\(command): \(result.standardError)")
            #expect(result.standardError.contains("did you mean 'name'?"), "\(command): \(result.standardError)")
            // The loop's variable, read after the loop, is undefined there.
            #expect(result.standardError.contains(
                "templates/x.xml.j2:5:9: warning: the template reads 'disk', which is no parameter bluevirt gives it [BV0884]"),
                "\(command): \(result.standardError)")
            #expect(result.standardError.components(separatedBy: "warning:").count == 3, "\(command): \(result.standardError)")
        }
    }

    /// The plugin's own network template loops over `forwards`, which an isolated network does not
    /// give: a parameter bluevirt knows, not a misspelling, in either language. A name that is no
    /// network parameter still is.
    @Test func aKnownParameterTheNodeDoesNotGiveIsNoWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-user-template-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let templates = [
            "net.xml.j2": """
                <network><name>{{ resource_id }}</name><bridge name="{{ dev }}"/>
                {% for forward in forwards %}<forward mode="{{ forward.mode }}"/>{% endfor %}{{ kernel }}</network>

                """,
            "net.mustache": """
                <network><name>{{resource_id}}</name><bridge name="{{dev}}"/>
                {{#forwards}}<forward mode="{{mode}}"/>{{/forwards}}{{kernel}}</network>

                """,
        ]
        for (name, text) in templates {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let blueprint = folder.appendingPathComponent("\(name).yaml")
            try """
                tosca_definitions_version: cloudify_dsl_1_3
                imports: [http://cloudify.co/spec/cloudify/6.4.0/types.yaml, plugin:cloudify-libvirt-plugin]
                node_templates:
                  lan:
                    type: cloudify.libvirt.network
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        create:
                          inputs:
                            template_resource: \(name)
                            params: { dev: virbr9 }
                """.write(to: blueprint, atomically: true, encoding: .utf8)
            let result = try BluevirtProcess.run(["validate", blueprint.path])
            #expect(result.status == 0, "\(name): \(result.standardError)")
            #expect(!result.standardError.contains("'forwards'"), "\(name): \(result.standardError)")
            #expect(result.standardError.contains("the template reads 'kernel', which is no parameter bluevirt gives it [BV0884]"),
                    "\(name): \(result.standardError)")
        }
    }
}
