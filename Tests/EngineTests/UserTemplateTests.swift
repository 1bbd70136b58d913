import Engine
import Foundation
import Testing

/// A user template, given as the plugin gives it (template_resource or template_content as an
/// input of the create operation), replaces a whole document or one block of a built-in one.
@Suite struct UserTemplateTests {
    static let wholeDocument = """
        <domain type="{{domain_type}}">
          <name>{{name}}</name>
          <uuid>{{instance_uuid}}</uuid>
          <memory unit="KiB">{{memory_maxsize}}</memory>
          <currentMemory unit="KiB">{{memory_size}}</currentMemory>
          <vcpu>{{vcpu}}</vcpu>
          <os>
            <type arch="x86_64" machine="pc">hvm</type>
          </os>
          <devices>
            <serial type="pty"/>
            <!-- {{name}} -->
          </devices>
        </domain>
        """

    static func blueprint(_ templateInput: String) -> String {
        pluginBlueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    vcpu: 3
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        params: { memory_size: 300000 }
            \(templateInput)
            """)
    }

    func renderedDomain(_ path: String) throws -> String {
        let run = try #require(dryRun(path))
        #expect(errors(run.diagnostics).isEmpty, "\(describe(run.diagnostics))")
        let xml = try #require(run.documents.objects.first?.xml)
        #expect(try schemaProblems(of: xml, kind: .domain) == nil)
        return xml
    }

    @Test func templateResourceFileRelativeToTheBlueprint() throws {
        let path = try temporaryBlueprint(
            Self.blueprint("            template_resource: templates/vm.xml.mustache"),
            files: ["templates/vm.xml.mustache": Self.wholeDocument])
        let xml = try renderedDomain(path)
        #expect(xml.contains(#"<type arch="x86_64" machine="pc">hvm</type>"#))
        #expect(xml.contains("<vcpu>3</vcpu>"))
        #expect(xml.contains("<!-- demo-vm-1 -->"))
        #expect(xml.contains(#"<currentMemory unit="KiB">300000</currentMemory>"#))
        #expect(!xml.contains("memballoon"))
    }

    /// A NIC `type` that is no model of the built-in template (`direct`) is the user template's
    /// to render or ignore, as the plugin renders it; with the built-in template it is an error.
    @Test func aUserTemplateTakesAnyNICType() throws {
        func blueprint(_ templateInput: String) -> String {
            pluginBlueprint("""
                node_templates:
                  vm:
                    type: cloudify.libvirt.domain
                    properties:
                      params:
                        networks: [{ network: default, type: direct }]
                    interfaces:
                      cloudify.interfaces.lifecycle:
                        create:
                          inputs:
                \(templateInput)
                """)
        }
        let user = try temporaryBlueprint(blueprint("            template_resource: templates/vm.xml"),
                                          files: ["templates/vm.xml": "<domain type='qemu'><name>{{ name }}</name><!-- {% for n in networks %}{{ n.type }}{% endfor %} --></domain>"])
        let run = try #require(dryRun(user))
        #expect(errors(run.diagnostics).isEmpty, "\(describe(run.diagnostics))")
        #expect(run.documents.objects.first?.xml?.contains("<!-- direct -->") == true)
        let builtin = try temporaryBlueprint(blueprint("            params: { vcpu: 1 }"))
        let refused = try #require(dryRun(builtin))
        #expect(errors(refused.diagnostics).map(\.code.id) == ["BV0604"])
    }

    @Test func templateContentInline() throws {
        let indented = Self.wholeDocument.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "              " + $0 }.joined(separator: "\n")
        let path = try temporaryBlueprint(Self.blueprint("            template_content: |\n" + indented))
        let xml = try renderedDomain(path)
        #expect(xml.contains("<name>demo-vm-1</name>"))
        #expect(xml.contains("<!-- demo-vm-1 -->"))
        #expect(xml.contains(#"<currentMemory unit="KiB">300000</currentMemory>"#))
        #expect(!xml.contains("memballoon"))
    }

    @Test func oneBlockOfTheBuiltinTemplate() throws {
        let path = try temporaryBlueprint(Self.blueprint("""
                        template_content: |
                          {{<domain-qemu}}
                          {{$extra_devices}}
                              <watchdog model="i6300esb" action="reset"/>
                          {{/extra_devices}}
                          {{/domain-qemu}}
            """))
        let xml = try renderedDomain(path)
        #expect(xml.contains(#"<watchdog model="i6300esb" action="reset"/>"#))
        // Everything else is the built-in template's.
        #expect(xml.contains(#"<memballoon model="virtio"/>"#))
        #expect(xml.contains(#"<vcpu placement="static">3</vcpu>"#))
    }

    @Test func bothTemplateKindsAtOnceIsADiagnostic() throws {
        let path = try temporaryBlueprint(Self.blueprint("""
                        template_resource: vm.xml.mustache
                        template_content: <domain/>
            """))
        let run = try #require(dryRun(path))
        let found = run.diagnostics.filter { $0.code == .conflictingTemplates }
        #expect(found.count == 1)
        #expect(found.first?.range.start.line == 17)
    }
}
