import Foundation
import Testing
@testable import SeedImage

@Suite("cloud-init NoCloud seed")
struct CloudInitSeedTests {
    static let sshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9hZEPm1RkM7ZCzM0KLm6u5Tw2Q9d9kLxQ3UQ6eYh2T bluevirt"

    static let seed = CloudInitSeed(
        userData: .cloudConfig(.map([
            .init(key: "hostname", value: .string("web-1")),
            .init(key: "ssh_authorized_keys", value: .list([.string(sshKey)])),
        ])),
        metaData: CloudInitSeed.metaData(instanceID: "bvtest-iso-web-1", localHostname: "web-1"),
        networkConfig: .map([
            .init(key: "version", value: .integer(2)),
            .init(key: "ethernets", value: .map([
                .init(key: "eth0", value: .map([.init(key: "dhcp4", value: .bool(true))])),
            ])),
        ]))

    private func text(_ files: [ISO9660Image.File], _ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.contents, as: UTF8.self) }
    }

    @Test func filesHoldCloudConfigMetaDataAndNetworkConfig() {
        let files = Self.seed.files()
        #expect(files.map(\.path) == ["user-data", "meta-data", "network-config"])
        #expect(text(files, "user-data") == "#cloud-config\nhostname: web-1\nssh_authorized_keys:\n  - \(Self.sshKey)\n")
        #expect(text(files, "meta-data") == "instance-id: bvtest-iso-web-1\nlocal-hostname: web-1\n")
        #expect(text(files, "network-config") == "version: 2\nethernets:\n  eth0:\n    dhcp4: true\n")
    }

    @Test func textUserDataPassesThroughAndNetworkConfigIsOptional() {
        let script = "#!/bin/sh\necho 'no trailing newline'"
        let files = CloudInitSeed(userData: .text(script), metaData: .map([])).files()
        #expect(files.map(\.path) == ["user-data", "meta-data"])
        #expect(text(files, "user-data") == script)
        #expect(text(files, "meta-data") == "{}\n")
    }

    @Test func absentUserDataIsAnEmptyCloudConfigMapping() {
        let files = CloudInitSeed(userData: nil, metaData: CloudInitSeed.metaData(instanceID: "i-1")).files()
        #expect(text(files, "user-data") == "#cloud-config\n{}\n")
        #expect(text(files, "meta-data") == "instance-id: i-1\n")
    }

    @Test(.enabled(if: IsoInfo.isAvailable, IsoInfo.unavailableReason))
    func imageIsLabelledCidataAndHoldsTheFiles() throws {
        let image = try Self.seed.image()
        #expect(image.volumeLabel == "cidata")
        let reader = try IsoInfo(image)
        #expect(try reader.descriptor().contains("Volume id: cidata\n"))
        for names in [IsoInfo.Names.rockRidge, .joliet] {
            #expect(try reader.paths(names).sorted() == ["/meta-data", "/network-config", "/user-data"])
            for file in Self.seed.files() {
                #expect(try reader.contents(of: "/" + file.path, names) == file.contents, "\(file.path) \(names)")
            }
        }
    }

    /// cloud-init finds its seed by the label blkid reports.
    @Test(.enabled(if: ExternalTool.isAvailable("blkid"), "needs blkid (util-linux), which cloud-init uses to find the seed by label"))
    func blkidSeesAnISO9660FileSystemLabelledCidata() throws {
        let probe = try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("seed.iso").path
            try Data(try Self.seed.image().bytes()).write(to: URL(fileURLWithPath: path))
            return try ExternalTool.output(["blkid", "-p", "-o", "export", path]).text
        }
        #expect(probe.contains("\nLABEL=cidata\n"))
        #expect(probe.contains("\nTYPE=iso9660\n"))
    }

    /// A seed of a few kilobytes once was 28 sectors: busybox's `findfs LABEL=cidata` (the tiny
    /// test guest's way to find it) missed its label. The image now ends with 150 zero sectors
    /// counted in its volume size, as genisoimage pads.
    @Test func theImageEndsWithPaddingCountedInTheVolumeSize() throws {
        let seed = CloudInitSeed(userData: .text("#cloud-config\n"), metaData: CloudInitSeed.metaData(instanceID: "vm-1"))
        let bytes = try seed.image().bytes()
        let padding = 150 * 2048
        #expect(bytes.count > padding + 19 * 2048)
        #expect(bytes.suffix(padding).allSatisfy { $0 == 0 })
        // The primary volume descriptor's volume space size (both-endian at offset 80).
        let descriptor = 16 * 2048
        let blocks = (0..<4).reduce(0) { $0 | Int(bytes[descriptor + 80 + $1]) << (8 * $1) }
        #expect(blocks * 2048 == bytes.count)
    }
}
