import Engine
import Testing

/// A node's install that reads another node's attribute with no relationship ordering that node
/// first is a warning at the call (BV0815); one through a chain of relationships is ordered.
@Suite struct UnorderedAttributeTests {
    @Test func anAttributeOfAnUnorderedNodeIsAWarningAtTheCall() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              images:
                type: cloudify.libvirt.pool
                properties:
                  params: { path: /var/lib/libvirt/images/demo }
              login:
                type: bluevirt.nodes.SSHKey
                properties: { user: debian }
              base:
                type: cloudify.libvirt.volume
                properties:
                  params: { pool: { get_attribute: [ images, resource_id ] }, capacity: 1 }
                relationships:
                  - { type: cloudify.relationships.depends_on, target: images }
              disk:
                type: cloudify.libvirt.volume
                properties:
                  # Ordered through base, which depends on images.
                  params: { pool: { get_attribute: [ images, resource_id ] }, backing_volume: { get_attribute: [ base, resource_id ] } }
                relationships:
                  - { type: cloudify.relationships.depends_on, target: base }
              app:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: { implementation: scripts/a.sh, inputs: { key: { get_attribute: [ login, public_key ] } } }
                    # Read when the node goes: not part of install.
                    delete: { implementation: scripts/a.sh, inputs: { key: { get_attribute: [ login, public_key ] } } }
            """), files: ["scripts/a.sh": "true\n"])
        let run = try #require(dryRun(path))
        let found = run.diagnostics.filter { $0.code == .unorderedAttribute }
        #expect(found.count == 1, "\(describe(run.diagnostics))")
        let warning = try #require(found.first)
        #expect(warning.severity == .warning)
        #expect(warning.message == "'app' reads get_attribute: [login, public_key] in its create operation, but no relationship orders 'login' before 'app': install may run them together, before 'login' is made")
        #expect(warning.range.start.line == (try position(of: "{ get_attribute: [ login", in: path)).line)
        #expect(warning.notes.first?.message == "add `- { type: cloudify.relationships.depends_on, target: login }` to the relationships of 'app'")
    }
}
