import Engine
import Testing

/// A MAC address two interfaces give, and a bridge two networks name: the second is a
/// diagnostic at its value with a note at the first. validate and dry-run said valid.
@Suite struct SharedDevicesTests {
    @Test func oneMACOnTwoDomainsOfOneNetworkIsAnError() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              lan:
                type: cloudify.libvirt.network
              web:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    networks: [ { network: { get_attribute: [ lan, resource_id ] }, mac: '52:54:00:00:15:02' } ]
              db:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    networks: [ { network: { get_attribute: [ lan, resource_id ] }, mac: '52:54:00:00:15:02' } ]
            """))
        let run = try #require(dryRun(path))
        let found = run.diagnostics.filter { $0.code == .sharedMACAddress }
        #expect(found.count == 1, "\(describe(run.diagnostics))")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "interface networks[0] of domain 'demo-db-1' (instance 'db-1') has MAC address 52:54:00:00:15:02, like interface networks[0] of domain 'demo-web-1' (instance 'web-1') on the same network 'demo-lan-1'")
        #expect(diagnostic.range.start.line == 17)
        #expect(diagnostic.range.start.column == (try position(of: "'52:54", in: path)).column)
        #expect(diagnostic.notes.first?.range?.start.line == 12)
    }

    @Test func aScaledNodeWithOneMACIsAnErrorOnEachLaterInstance() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                instances: { deploy: 3 }
                properties:
                  params: { networks: [ { network: default, mac: '52:54:00:AA:00:01' } ] }
            """))
        let run = try #require(dryRun(path))
        let found = run.diagnostics.filter { $0.code == .sharedMACAddress }
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.severity == .error && $0.message.contains("52:54:00:aa:00:01") })
        #expect(found.first?.notes.last?.message == "every instance of node template 'vm' gets this MAC: leave 'mac' out for libvirt to give each its own")
    }

    /// libvirt starts both; they meet only if the networks are joined outside libvirt.
    @Test func oneMACOnTwoNetworksOrAnUnknownOneIsAWarning() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            inputs:
              segment: { type: string, default: '' }
            node_templates:
              web:
                type: cloudify.libvirt.domain
                properties:
                  params: { networks: [ { network: one, mac: '52:54:00:00:00:01' } ] }
              db:
                type: cloudify.libvirt.domain
                properties:
                  params: { networks: [ { network: two, mac: '52:54:00:00:00:01' } ] }
              cache:
                type: cloudify.libvirt.domain
                properties:
                  params: { networks: [ { network: { get_attribute: [ SELF, lan ] }, mac: '52:54:00:00:00:01' } ] }
            """))
        let run = try #require(dryRun(path))
        let found = run.diagnostics.filter { $0.code == .sharedMACAddress }
        #expect(found.count == 2, "\(describe(run.diagnostics))")
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(errors(run.diagnostics).isEmpty, "\(describe(run.diagnostics))")
    }

    @Test func aMACKnownOnlyAtRunTimeIsSkipped() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              web:
                type: cloudify.libvirt.domain
                instances: { deploy: 2 }
                properties:
                  params: { networks: [ { network: default, mac: { get_attribute: [ SELF, mac ] } } ] }
            """))
        let run = try #require(dryRun(path))
        #expect(run.diagnostics.filter { $0.code == .sharedMACAddress }.isEmpty, "\(describe(run.diagnostics))")
    }

    /// libvirt refuses to start the second: "bridge name 'br0' already in use".
    @Test func twoNetworksOnOneBridgeOfAConnectionAreAnError() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              lan:
                type: cloudify.libvirt.network
                properties:
                  params: { dev: br0 }
              dmz:
                type: cloudify.libvirt.network
                properties:
                  params: { dev: br0 }
              elsewhere:
                type: cloudify.libvirt.network
                properties:
                  libvirt_auth: qemu+ssh://other/system
                  params: { dev: br0 }
            """))
        let run = try #require(dryRun(path))
        let found = run.diagnostics.filter { $0.code == .sharedBridge }
        #expect(found.count == 1, "\(describe(run.diagnostics))")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "network 'demo-dmz-1' of instance 'dmz-1' uses bridge 'br0', like network 'demo-lan-1' of instance 'lan-1' on 'qemu:///system'")
        #expect(diagnostic.range.start.line == 13)
        #expect(diagnostic.notes.first?.range?.start.line == 9)
    }
}
