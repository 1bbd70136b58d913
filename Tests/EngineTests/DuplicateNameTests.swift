import Engine
import Testing

/// Two objects of one kind with one name on one connection are a diagnostic on the second
/// name, with a note at the first.
@Suite struct DuplicateNameTests {
    @Test func twoNodesGivingOneName() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              a:
                type: cloudify.libvirt.network
                properties:
                  params: { name: lan }
              b:
                type: cloudify.libvirt.network
                properties:
                  params: { name: lan }
            """))
        let run = try #require(dryRun(path))
        let found = run.diagnostics.filter { $0.code == .duplicateObjectName }
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range.start.line == 13)
        #expect(diagnostic.range.start.column == (try position(of: "lan }", in: path)).column)
        #expect(diagnostic.message.contains("'lan'"))
        #expect(diagnostic.notes.first?.range?.start.line == 9)
    }

    @Test func scaledNodeWithOneFixedName() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                instances: { deploy: 3 }
                properties:
                  params: { name: web }
            """))
        let run = try #require(dryRun(path))
        let found = run.diagnostics.filter { $0.code == .duplicateObjectName }
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.message.contains("'web'") })
    }

    @Test func sameNameOnAnotherConnectionOrKindIsFine() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              a:
                type: cloudify.libvirt.network
                properties:
                  params: { name: lan }
              b:
                type: cloudify.libvirt.network
                properties:
                  libvirt_auth: lxc:///
                  params: { name: lan }
              c:
                type: cloudify.libvirt.domain
                properties:
                  params: { name: lan }
              v1:
                type: cloudify.libvirt.volume
                properties:
                  params: { name: disk.qcow2, pool: one, capacity: 1 }
              v2:
                type: cloudify.libvirt.volume
                properties:
                  params: { name: disk.qcow2, pool: two, capacity: 1 }
            """))
        let run = try #require(dryRun(path))
        #expect(run.diagnostics.filter { $0.code == .duplicateObjectName }.isEmpty, "\(describe(run.diagnostics))")
        #expect(errors(run.diagnostics).isEmpty, "\(describe(run.diagnostics))")
    }
}
