import Foundation
import Testing
import TestSupport

/// A CloudInitSeed's meta_data and network_config pasted as text (a cloud-init file after `|`)
/// are read as the YAML mappings they hold; any other value of the three properties is refused
/// at validate, where it is written.
@Suite struct CloudInitSeedTextTests {
    static func blueprint(_ properties: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("s.yaml").path
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
              - plugin:cloudify-libvirt-plugin
            node_templates:
              seed:
                type: bluevirt.nodes.CloudInitSeed
                properties:
                  params: {pool: default}
            \(properties)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func pastedMetaDataAndNetworkConfigAreTheirMappings() throws {
        let path = try Self.blueprint("""
                  meta_data: |
                    instance-id: abc
                  network_config: |
                    version: 2
                    ethernets:
                      eth0: { dhcp4: true }
            """)
        let result = try BluevirtProcess.run(["dry-run", path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("""
              --- meta-data
              instance-id: abc
              local-hostname: s-seed-1
            """), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("""
              --- network-config
              version: 2
              ethernets:
                eth0:
                  dhcp4: true
            """), "\(result.standardOutput)")
    }

    @Test func otherValuesAreRefusedWhereTheyAreWritten() throws {
        let path = try Self.blueprint("""
                  user_data: [1, 2]
                  meta_data: |
                    - instance-id: abc
                  network_config: |
                    version: 2
                      bad: [
            """)
        let result = try BluevirtProcess.run(["validate", path])
        #expect(result.status == 1)
        let output = result.standardError
        #expect(output.contains("s.yaml:10:18: error: user_data of node template 'seed' is a list, but cloud-init's user-data is a cloud-config mapping or text [BV0622]"), "\(output)")
        #expect(output.contains("s.yaml:11:18: error: meta_data of node template 'seed' is text whose YAML is a list, not a mapping [BV0622]"), "\(output)")
        #expect(output.contains("s.yaml:13:23: error: network_config of node template 'seed' is text that is not YAML: line 2 of it:"), "\(output)")
        #expect(output.contains("note: write its keys under meta_data as a mapping"))
    }

    @Test func aNumberWhereAMappingBelongsIsRefused() throws {
        let path = try Self.blueprint("      network_config: 5\n")
        let result = try BluevirtProcess.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("s.yaml:10:23: error: network_config of node template 'seed' is an integer, but it is a mapping [BV0622]"),
                "\(result.standardError)")
    }
}
