import Diagnostics
import Engine
import Testing

/// A volume or seed image made in a pool the deployment does not make, where it makes pools of
/// its own: validate and dry-run warn where the pool's name is written as text (BV0851, BV0852),
/// rather than apply stopping at the volume's `create` ("pool 'x' not found on …").
@Suite struct VolumePoolNameTests {
    /// A pool `images` (unless `withPool` is false), a volume and a seed image made in `pool`
    /// as written (text or a function).
    static func blueprint(pool: String, withPool: Bool = true) -> String {
        let dependsOnPool = withPool ? """
                relationships:
                  - { type: cloudify.relationships.depends_on, target: images }
            """ : ""
        return pluginBlueprint("""
            node_templates:
            \(withPool ? """
              images:
                type: cloudify.libvirt.pool
                properties:
                  params: { path: /srv/pools/images }
            """ : "")
              disk:
                type: cloudify.libvirt.volume
                properties:
                  params:
                    pool: \(pool)
                    capacity: 1024
            \(dependsOnPool)
              seed:
                type: cloudify.libvirt.ISO9660
                properties:
                  params:
                    pool: \(pool)
                    files: { meta-data: "instance-id: seed\\n" }
            \(dependsOnPool)
            """)
    }

    func diagnostics(pool: String, withPool: Bool = true, deployment: String) throws -> [Diagnostic] {
        try validatedDiagnostics(of: Self.blueprint(pool: pool, withPool: withPool), deployment: deployment)
    }

    @Test func aWrittenPoolThatIsNoneOfTheDeploymentsPoolsIsAWarningAtTheName() throws {
        let found = try diagnostics(pool: "tvnx-images-1", deployment: "tvnq")
        #expect(found.map(\.code.id) == ["BV0851", "BV0851"], "\(describe(found))")
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(found.first?.message == "node template 'disk' makes its volume in the pool 'tvnx-images-1', which is none of this deployment's pools on 'qemu:///system': 'tvnq-images-1' (node 'images')",
                "\(describe(found))")
        #expect(found.first?.notes.map(\.message) == [
            "apply fails when it makes the volume unless the host already has a pool 'tvnx-images-1'; to use the deployment's pool, write { get_attribute: [images, resource_id] }, with a cloudify.relationships.depends_on relationship to 'images'",
        ])
        #expect(found.map { [$0.range.start.line, $0.range.start.column] } == [[14, 15], [22, 15]], "at the names: \(describe(found))")
        #expect(found.last?.message.contains("node template 'seed' makes its volume in the pool 'tvnx-images-1'") == true, "\(describe(found))")
    }

    @Test func aWrittenGeneratedPoolNameHoldsForOneDeploymentNameOnly() throws {
        let found = try diagnostics(pool: "tvnx-images-1", deployment: "tvnx")
        #expect(found.map(\.code.id) == ["BV0852", "BV0852"], "\(describe(found))")
        #expect(found.first?.message == "node template 'disk' makes its volume in the pool 'tvnx-images-1' by the name bluevirt generates for node 'images' in deployment 'tvnx'; under another deployment name (-d, or the blueprint's file renamed) that pool is named differently",
                "\(describe(found))")
        #expect(found.first?.notes.map(\.message) == [
            "write { get_attribute: [images, resource_id] }, which follows the deployment's name, with a cloudify.relationships.depends_on relationship to 'images', or give the pool a name of its own (params.name)",
        ])
        #expect(found.map { [$0.range.start.line, $0.range.start.column] } == [[14, 15], [22, 15]], "\(describe(found))")
    }

    @Test func poolsByAFunctionLibvirtsDefaultAndHostPoolsAloneAreNotWarnedAbout() throws {
        #expect(try diagnostics(pool: "{ get_attribute: [images, resource_id] }", deployment: "tvnq").isEmpty)
        #expect(try diagnostics(pool: "default", deployment: "tvnq").isEmpty)
        // A deployment without pools of its own can only mean the host's.
        #expect(try diagnostics(pool: "host-images", withPool: false, deployment: "tvnq").isEmpty)
    }
}
