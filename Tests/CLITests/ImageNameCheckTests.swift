import Foundation
import Testing
import TestSupport

/// An ISO image's file name or volume label that ISO 9660 cannot hold passed validate and
/// dry-run, and apply failed at the image's create step, after the pool and volumes before it
/// were made. validate refuses it where it is written (BV0623), in the node's params or, as
/// here, its create operation's.
@Suite struct ImageNameCheckTests {
    static func blueprint(_ params: String) throws -> String {
        try CloudInitSeedTextTests.blueprint("""
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        params:
            \(params)
            """)
    }

    @Test func aFileNameOrLabelTheImageCannotHoldIsRefusedWhereItIsWritten() throws {
        let path = try Self.blueprint("""
                          vol_ident: a label much longer than the thirty-two bytes
                          files:
                            ../meta-data: 'instance-id: one'
                            a/b/c/d/e/f/g/h/user-data: '#cloud-config'
                            ok/user-data: '#cloud-config'
            """)
        let result = try BluevirtProcess.run(["validate", path])
        #expect(result.status == 1, "\(result.standardError)")
        let errors = result.standardError.split(separator: "\n").filter { $0.contains("[BV0623]") }
        #expect(errors.count == 3, "\(result.standardError)")
        #expect(errors.contains { $0.hasSuffix("s.yaml:15:26: error: the ISO 9660 volume label 'a label much longer than the thirty-two bytes' is 45 bytes long; shorten it to at most 32 bytes (ISO image of node template 'seed') [BV0623]") },
                "\(result.standardError)")
        #expect(errors.contains { $0.hasSuffix("s.yaml:17:17: error: the image file path '../meta-data' contains '..'; write the path without '.' and '..' (ISO image of node template 'seed') [BV0623]") },
                "\(result.standardError)")
        #expect(errors.contains { $0.contains("s.yaml:18:17: error: the image file path 'a/b/c/d/e/f/g/h/user-data' is 9 levels deep") }, "\(result.standardError)")
    }

    @Test func namesTheImageCanHoldPass() throws {
        let path = try Self.blueprint("""
                          vol_ident: config-2
                          files:
                            openstack/latest/meta_data.json: '{}'
            """)
        let result = try BluevirtProcess.run(["validate", path])
        #expect(result.status == 0, "\(result.standardError)")
    }
}
