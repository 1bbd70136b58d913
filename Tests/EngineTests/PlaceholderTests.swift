import Engine
import Foundation
import Rendering
import Testing
import YAMLSource

/// Values known only at run time render as a visible placeholder naming their source; the
/// resource ids the plan knows are substituted.
@Suite struct PlaceholderTests {
    static let range = SourceRange(file: "t.yaml", start: SourceLocation(line: 3, column: 5), end: SourceLocation(line: 3, column: 9))
    static let identity = InstanceIdentity(deployment: "demo", node: "web", instance: "web-1")

    @Test func pendingValueRendersAsPlaceholderWithoutFormatChecks() throws {
        let parameters = TemplateParameters([
            "cmdline": .pending("get_attribute: [db, ip]"),
            "kernel": "/boot/vmlinuz",
            "disks": [["file": .pending("get_attribute: [disk, path]")]],
            "networks": [["network": .pending("get_attribute: [lan, name]"), "mac": .pending("get_attribute: [nic, mac]")]],
        ], at: Self.range, identity: Self.identity)
        let result = TemplateRenderer.render(kind: .domain, driver: .qemu, parameters: parameters)
        #expect(result.diagnostics.isEmpty, "\(describe(result.diagnostics))")
        let xml = try #require(result.xml)
        #expect(xml.contains("<cmdline>${get_attribute: [db, ip]}</cmdline>"))
        #expect(xml.contains(#"<source file="${get_attribute: [disk, path]}"/>"#))
        #expect(xml.contains(#"<source network="${get_attribute: [lan, name]}"/>"#))
    }

    @Test func placeholderTextIsEscapedLikeAnyValue() throws {
        let parameters = TemplateParameters(["kernel": "/boot/vmlinuz", "cmdline": .pending("get_attribute: [a, \"<b>\"]")],
                                            at: Self.range, identity: Self.identity)
        let xml = try #require(TemplateRenderer.render(kind: .domain, driver: .qemu, parameters: parameters).xml)
        #expect(xml.contains("${get_attribute: [a, &quot;&lt;b&gt;&quot;]}"))
    }

    @Test func getAttributeOfAnAddressStaysPendingAndResourceIdIsSubstituted() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              lan:
                type: cloudify.libvirt.network
                properties:
                  params: { name: office }
              vm:
                type: cloudify.libvirt.domain
                instances: { deploy: 2 }
                properties:
                  params:
                    kernel: /boot/vmlinuz
                    cmdline: { get_attribute: [ SELF, ip ] }
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        params:
                          networks:
                            - network: { get_attribute: [ lan, resource_id ] }
                relationships:
                  - type: cloudify.libvirt.relationships.connected_to
                    target: lan
            """))
        let run = try #require(dryRun(path))
        #expect(errors(run.diagnostics).isEmpty, "\(describe(run.diagnostics))")
        let domains = run.documents.objects.filter { $0.kind == .domain }
        #expect(domains.count == 2)
        for domain in domains {
            let xml = try #require(domain.xml)
            #expect(xml.contains("<cmdline>${get_attribute: [SELF, ip]}</cmdline>"))
            #expect(xml.contains(#"<source network="office"/>"#))
        }
    }

    @Test func resourceIdOfAScaledTargetIsTheRelatedInstancesName() throws {
        // Two networks, each domain instance related to both (all_to_all): ambiguous, so pending;
        // the pool has one instance, so its name is known.
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              lan:
                type: cloudify.libvirt.network
                instances: { deploy: 2 }
              store:
                type: cloudify.libvirt.pool
                properties:
                  params: { path: /srv/store }
              disk:
                type: cloudify.libvirt.volume
                properties:
                  params:
                    capacity: 10
                    pool: { get_attribute: [ store, resource_id ] }
                relationships:
                  - type: cloudify.relationships.depends_on
                    target: store
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    networks:
                      - network: { get_attribute: [ lan, resource_id ] }
                relationships:
                  - type: cloudify.libvirt.relationships.connected_to
                    target: lan
            """))
        let run = try #require(dryRun(path))
        let disk = try #require(run.documents.objects.first { $0.kind == .volume })
        #expect(disk.pool == "demo-store-1")
        let vm = try #require(run.documents.objects.first { $0.kind == .domain }?.xml)
        #expect(vm.contains(#"<source network="${get_attribute: [lan, resource_id]}"/>"#))
    }

    @Test func nameBuiltFromAnotherObjectsResourceIdIsKnown() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              store:
                type: cloudify.libvirt.pool
                properties:
                  params: { name: images, path: /srv/images }
              disk:
                type: cloudify.libvirt.volume
                properties:
                  params:
                    name: { concat: [ { get_attribute: [ store, resource_id ] }, -root.qcow2 ] }
                    pool: images
                    capacity: 10
            """))
        let run = try #require(dryRun(path))
        let disk = try #require(run.documents.objects.first { $0.kind == .volume })
        #expect(disk.name == "images-root.qcow2")
        #expect(disk.fileName == "volume-images-root.qcow2.xml")
        #expect(disk.xml?.contains("<name>images-root.qcow2</name>") == true)
    }
}
