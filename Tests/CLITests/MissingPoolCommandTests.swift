import Foundation
import Testing
import TestSupport

/// The cloud-image blueprint with its base image's pool written as the name another deployment
/// gave it: validate and dry-run warn at the name, with what to write instead, rather than
/// apply stopping at the volume's `create`.
@Suite struct MissingPoolCommandTests {
    @Test func aPoolNameFromAnotherDeploymentIsWarnedAboutAtTheName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-pool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: BluevirtProcess.repositoryRoot.appendingPathComponent("blueprints/vms-from-cloud-image.yaml"), encoding: .utf8)
        let byFunction = "pool: { get_attribute: [ images, resource_id ] }"
        let first = try #require(original.range(of: byFunction))
        let hardcoded = original.replacingCharacters(in: first, with: "pool: tvnx-images-1")
        let line = hardcoded[..<first.lowerBound].filter { $0 == "\n" }.count + 1
        let column = hardcoded[..<first.lowerBound].reversed().prefix { $0 != "\n" }.count + "pool: ".count + 1
        let blueprint = folder.appendingPathComponent("tvnx.yaml").path
        try hardcoded.write(toFile: blueprint, atomically: true, encoding: .utf8)

        let validated = try BluevirtProcess.run(["validate", blueprint])
        #expect(validated.status == 0, "\(validated.standardError)")
        #expect(validated.standardError.contains("tvnx.yaml:\(line):\(column): warning: node template 'base' makes its volume in the pool 'tvnx-images-1' by the name bluevirt generates for node 'images' in deployment 'tvnx'"),
                "\(validated.standardError)")
        #expect(validated.standardError.contains("[BV0852]"), "\(validated.standardError)")

        let dryRun = try BluevirtProcess.run(["dry-run", blueprint, "-d", "tvnq"])
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        #expect(dryRun.standardError.contains("tvnx.yaml:\(line):\(column): warning: node template 'base' makes its volume in the pool 'tvnx-images-1', which is none of this deployment's pools on "),
                "\(dryRun.standardError)")
        #expect(dryRun.standardError.contains("[BV0851]"), "\(dryRun.standardError)")
        #expect(dryRun.standardError.contains("note: apply fails when it makes the volume unless the host already has a pool 'tvnx-images-1'; to use the deployment's pool, write { get_attribute: [images, resource_id] }, with a cloudify.relationships.depends_on relationship to 'images'"),
                "\(dryRun.standardError)")
        // The other volumes and the seed name the pool by its node: nothing to say about them.
        #expect(dryRun.standardError.components(separatedBy: "[BV0851]").count == 2, "\(dryRun.standardError)")
    }
}
