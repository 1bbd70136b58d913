import Engine
import Testing

/// How a node instance's params are gathered (node property, then create and configure
/// inputs, key by key), where their diagnostics point, and which driver renders a domain.
@Suite struct ParamsAndDriverTests {
    @Test func operationInputsWinKeyByKey() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: { vcpu: 1, memory_size: 262144 }
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        params: { vcpu: 2 }
                    configure:
                      inputs:
                        params: { vcpu: 4 }
            """))
        let run = try #require(dryRun(path))
        let xml = try #require(run.documents.objects.first?.xml)
        #expect(xml.contains(#"<vcpu placement="static">4</vcpu>"#))
        #expect(xml.contains(#"<currentMemory unit="KiB">262144</currentMemory>"#))
    }

    @Test func diagnosticPointsAtTheValueInTheOperationInput() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        params:
                          networks:
                            - network: default
                              mac: '52:54:00:zz:00:01'
            """))
        let run = try #require(dryRun(path))
        let diagnostic = try #require(run.diagnostics.first { $0.code.id == "BV0603" }, "\(describe(run.diagnostics))")
        let value = try position(of: "'52:54:00:zz", in: path)
        #expect(diagnostic.range.start.line == value.line)
        #expect(diagnostic.range.start.column == value.column)
        #expect(run.documents.objects.first?.xml == nil)
    }

    /// A node that names no connection is created on qemu:///system, whose driver runs no lxc
    /// domain; given that connection (here as --connect would), the lxc template renders it.
    @Test func theDefaultConnectionsDriverMustAgreeWithDomainType() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              box:
                type: cloudify.libvirt.domain
                properties:
                  params: { domain_type: lxc, root: /srv/box }
            """))
        let run = try #require(dryRun(path))
        #expect(run.diagnostics.contains { $0.code.id == "BV0604" && $0.range.start.line == 9 }, "\(describe(run.diagnostics))")
        let connected = try #require(dryRun(path, connect: "lxc:///"))
        #expect(errors(connected.diagnostics).isEmpty, "\(describe(connected.diagnostics))")
        let xml = try #require(connected.documents.objects.first?.xml)
        #expect(xml.hasPrefix(#"<domain type="lxc">"#))
        #expect(try schemaProblems(of: xml, kind: .domain) == nil)
    }

    @Test func anExplicitURIMustAgreeWithDomainType() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              box:
                type: cloudify.libvirt.domain
                properties:
                  libvirt_auth: lxc:///
                  params: { domain_type: kvm }
            """))
        let run = try #require(dryRun(path))
        #expect(run.diagnostics.contains { $0.code.id == "BV0604" && $0.range.start.line == 10 }, "\(describe(run.diagnostics))")
    }

    @Test func unknownURISchemeIsAWarningAndDomainTypeDecides() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  libvirt_auth: vbox:///session
                  params: { domain_type: test }
            """))
        let run = try #require(dryRun(path))
        let warning = try #require(run.diagnostics.first { $0.code == .unknownConnectionDriver })
        #expect(warning.severity == .warning)
        #expect(warning.range.start.line == 9)
        #expect(run.documents.objects.first?.xml?.hasPrefix(#"<domain type="test">"#) == true)
        #expect(run.documents.objects.first?.connection == "vbox:///session")
    }

    @Test func externalResourceHasNoDocument() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              lan:
                type: cloudify.libvirt.network
                properties:
                  use_external_resource: true
                  resource_id: default
            """))
        let run = try #require(dryRun(path))
        let object = try #require(run.documents.objects.first)
        #expect(object.isExternal)
        #expect(object.name == "default")
        #expect(object.xml == nil)
    }

    @Test func resourceIdPropertyNamesTheObject() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              lan:
                type: cloudify.libvirt.network
                properties:
                  resource_id: office
            """))
        let run = try #require(dryRun(path))
        #expect(run.documents.objects.first?.name == "office")
        #expect(run.documents.objects.first?.xml?.contains("<name>office</name>") == true)
    }

    @Test func paramsThatAreNotAMappingAreADiagnostic() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            inputs:
              machine:
                default: [ 1, 2 ]
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        params: { get_input: machine }
            """))
        let run = try #require(dryRun(path))
        #expect(run.diagnostics.contains { $0.code == .paramsNotMapping && $0.range.start.line == 15 }, "\(describe(run.diagnostics))")
    }
}
