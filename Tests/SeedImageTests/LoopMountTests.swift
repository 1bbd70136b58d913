import Foundation
import Testing
@testable import SeedImage

/// Linux's own iso9660 driver as the reader: it uses Rock Ridge only when the root's ER entry
/// is there, so this also proves the names cloud-init sees.
@Suite("Seed images mounted by Linux", .enabled(if: LoopMount.isPossible, LoopMount.unavailableReason))
struct LoopMountTests {
    @Test func mountedSeedShowsRealNamesContentsAndModes() throws {
        let seed = CloudInitSeed(
            userData: .cloudConfig(.map([.init(key: "hostname", value: .string("bvtest-iso-guest"))])),
            metaData: CloudInitSeed.metaData(instanceID: "bvtest-iso-1", localHostname: "bvtest-iso-guest"),
            networkConfig: .map([.init(key: "version", value: .integer(2))]))
        let image = try seed.image()
        try withTemporaryDirectory { directory in
            let imagePath = directory.appendingPathComponent("seed.iso").path
            let mountPoint = directory.appendingPathComponent("mnt")
            try Data(image.bytes()).write(to: URL(fileURLWithPath: imagePath))
            try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)

            _ = try ExternalTool.output(["mount", "-t", "iso9660", "-o", "loop,ro", imagePath, mountPoint.path])
            defer { _ = try? ExternalTool.run(["umount", mountPoint.path]) }

            let names = try FileManager.default.contentsOfDirectory(atPath: mountPoint.path).sorted()
            #expect(names == ["meta-data", "network-config", "user-data"])
            for file in seed.files() {
                let path = mountPoint.appendingPathComponent(file.path).path
                #expect(FileManager.default.contents(atPath: path).map(Array.init) == file.contents, "\(file.path)")
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o444, "\(file.path)")
            }
            let label = try ExternalTool.output(["blkid", "-p", "-o", "value", "-s", "LABEL", imagePath]).text
            #expect(label == "cidata\n")
        }
    }
}

enum LoopMount {
    /// Root, and a kernel that lists iso9660 (a container cannot load the module itself).
    static let isPossible: Bool = getuid() == 0
        && ((try? String(contentsOfFile: "/proc/filesystems", encoding: .utf8))?.contains("iso9660") ?? false)
    static let unavailableReason: Comment = "needs root and a kernel with the iso9660 file system loaded (loop-mounts the image read-only)"
}
