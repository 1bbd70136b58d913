import Foundation
import Testing
import TestSupport

/// The connection a node ends up with (its libvirt_auth, else --connect, else
/// $LIBVIRT_DEFAULT_URI, else qemu:///system) chooses its domain's template and the checks, the
/// same in validate, dry-run and apply: the built binary on a domain that names no connection.
@Suite struct ConnectionDriverCommandTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-connection-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A blueprint of one domain `vm` with `properties`, in a new folder.
    static func blueprint(_ properties: String = "{params: {}}") throws -> String {
        let path = try folder().appendingPathComponent("c.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
              - plugin:cloudify-libvirt-plugin
            node_templates: {vm: {type: cloudify.libvirt.domain, properties: \(properties)}}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [("lxc:///", "lxc"), ("xen:///", "xen"), ("bhyve:///", "bhyve"), ("esx://host/", "vmware"), ("test:///default", "test")])
    func connectChoosesTheDomainTemplate(uri: String, domainType: String) throws {
        let result = try BluevirtProcess.run(["dry-run", try Self.blueprint(), "--connect", uri])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("domain c-vm-1 (node vm, instance vm-1, \(uri))"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains(#"<domain type="\#(domainType)">"#), "\(result.standardOutput)")
    }

    @Test func theEnvironmentsURIChoosesItTooAndDrivesValidatesChecks() throws {
        let path = try Self.blueprint("{params: {init: /sbin/init, root: /srv/box}}")
        let dryRun = try BluevirtProcess.run(["dry-run", path], environment: ["LIBVIRT_DEFAULT_URI": "lxc:///"])
        #expect(dryRun.standardOutput.contains(#"<domain type="lxc">"#), "\(dryRun.standardOutput)")
        #expect(!dryRun.standardError.contains("BV0616"), "\(dryRun.standardError)")
        let validated = try BluevirtProcess.run(["validate", path, "--connect", "lxc:///"])
        #expect(validated.status == 0)
        #expect(!validated.standardError.contains("BV0616"), "\(validated.standardError)")

        let withDisks = try Self.blueprint("{params: {disks: [{file: /vm/x.img}]}}")
        for (arguments, environment) in [(["--connect", "lxc:///"], [:]), ([], ["LIBVIRT_DEFAULT_URI": "lxc:///"])] {
            let refused = try BluevirtProcess.run(["validate", withDisks] + arguments, environment: environment)
            #expect(refused.status == 1)
            #expect(refused.standardError.contains("a lxc domain takes no 'disks' [BV0615]"), "\(refused.standardError)")
        }
    }

    /// libvirt's ESX driver defines no pools, makes only DIR/FILE.vmdk volumes and refuses a
    /// network with a UUID: on esx:// these passed validate and dry-run and failed at apply.
    @Test func aNetworkPoolOrVolumeOnESXIsRefusedAtValidateButAnAdoptedOneIsNot() throws {
        let path = try Self.folder().appendingPathComponent("e.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
              - plugin:cloudify-libvirt-plugin
            node_templates:
              lan: {type: cloudify.libvirt.network, properties: {params: {forwards: []}}}
              store: {type: cloudify.libvirt.pool, properties: {params: {path: /srv/pool}}}
              disk:
                type: cloudify.libvirt.volume
                properties: {params: {capacity: 1}}
                relationships: [{type: cloudify.relationships.contained_in, target: store}]
              datastore: {type: cloudify.libvirt.pool, properties: {use_external_resource: true, resource_id: datastore1}}
              vm: {type: cloudify.libvirt.domain, properties: {params: {}}}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try BluevirtProcess.run(["validate", path, "--connect", "esx://host/"])
        #expect(refused.status == 1)
        for (line, node, what) in [(6, "lan", "a network"), (7, "store", "a storage pool"), (8, "disk", "a volume")] {
            #expect(refused.standardError.contains(
                "e.yaml:\(line):3: error: node template '\(node)' would create \(what) on esx://host/, where bluevirt cannot create one [BV0888]"),
                    "\(refused.standardError)")
        }
        #expect(refused.standardError.contains("invalid (3 errors)"), "\(refused.standardError)")
        let elsewhere = try BluevirtProcess.run(["dry-run", path, "--connect", "qemu:///system"])
        #expect(elsewhere.status == 0, "\(elsewhere.standardError)")
    }

    @Test func anUnknownDriverFromConnectIsAWarningAtTheNode() throws {
        let result = try BluevirtProcess.run(["dry-run", try Self.blueprint(), "--connect", "foo:///"])
        #expect(result.status == 0)
        #expect(result.standardError.contains(
            "c.yaml:5:18: warning: the connection URI 'foo:///' that node template 'vm' takes from --connect or $LIBVIRT_DEFAULT_URI names no libvirt driver bluevirt knows [BV0805]"),
                "\(result.standardError)")
        #expect(result.standardError.contains("note: write a URI of a known scheme: qemu, lxc, xen, libxl, esx, vpx, gsx, bhyve, test (e.g. qemu:///system); "
            + "if this URI is right, set params.domain_type, which then chooses the domain template"), "\(result.standardError)")
    }

    @Test func aDomainTypeOfAnotherDriverThanTheDefaultConnectionsIsRefused() throws {
        let path = try Self.blueprint("{params: {domain_type: lxc}}")
        let refused = try BluevirtProcess.run(["validate", path])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("unknown domain_type for the qemu driver 'lxc' in 'domain_type' [BV0604]"), "\(refused.standardError)")
        let connected = try BluevirtProcess.run(["dry-run", path, "--connect", "lxc:///"])
        #expect(connected.status == 0, "\(connected.standardError)")
        #expect(connected.standardOutput.contains(#"<domain type="lxc">"#))
    }

    /// A node's own connection stays, but qemu:///system, the default, which --connect
    /// replaces wherever it is written (the examples' libvirt_uri input defaults to it).
    @Test func aNodesOwnConnectionIsKeptButTheDefaultIsReplaced() throws {
        let session = try BluevirtProcess.run(["dry-run", try Self.blueprint("{libvirt_auth: 'qemu:///session', params: {}}"), "--connect", "lxc:///"])
        #expect(session.standardOutput.contains("domain c-vm-1 (node vm, instance vm-1, qemu:///session)"), "\(session.standardOutput)")
        #expect(session.standardOutput.contains(#"<domain type="qemu">"#))
        let system = try BluevirtProcess.run(["dry-run", try Self.blueprint("{libvirt_auth: 'qemu:///system', params: {}}"), "--connect", "lxc:///"])
        #expect(system.standardOutput.contains("domain c-vm-1 (node vm, instance vm-1, lxc:///)"), "\(system.standardOutput)")
        #expect(system.standardOutput.contains(#"<domain type="lxc">"#))
    }

    @Test func applyDefinesTheDomainConnectChose() throws {
        let path = try Self.blueprint()
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("state")
        let applied = try BluevirtProcess.run(["apply", path, "--simulate", "--connect", "lxc:///", "--state-dir", state.path])
        #expect(applied.status == 0, "\(applied.standardError)")
        let worlds = state.appendingPathComponent("simulated/c")
        let files = try FileManager.default.contentsOfDirectory(atPath: worlds.path).filter { $0.hasSuffix(".xml") }
        #expect(files.count == 1)
        let world = try String(contentsOf: worlds.appendingPathComponent(try #require(files.first)), encoding: .utf8)
        #expect(world.contains("<domain type='lxc'>"), "\(world)")
    }
}
