import Foundation
import Testing
@testable import SeedImage

@Suite("ISO 9660 images read back with isoinfo", .enabled(if: IsoInfo.isAvailable, IsoInfo.unavailableReason))
struct ISO9660ImageTests {
    static let sshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9hZEPm1RkM7ZCzM0KLm6u5Tw2Q9d9kLxQ3UQ6eYh2T bluevirt@host\n"

    static let configDrive: [ISO9660Image.File] = [
        .init(path: "openstack/latest/user_data", contents: Array("#!/bin/sh\necho hello\n".utf8)),
        .init(path: "openstack/latest/meta_data.json", contents: Array(#"{"uuid": "bvtest-iso-1"}"#.utf8)),
        .init(path: "openstack/content/0000", contents: Array(sshKey.utf8)),
        .init(path: "ec2/2009-04-04/meta-data.json", contents: Array("{}".utf8)),
    ]

    @Test func volumeIdentifierIsTheLabelAsWrittenWithJolietAndRockRidge() throws {
        let reader = try IsoInfo(try ISO9660Image(volumeLabel: "cidata", files: [.init(path: "meta-data", contents: [])]))
        let descriptor = try reader.descriptor()
        #expect(descriptor.contains("Volume id: cidata\n"))
        #expect(descriptor.contains("Joliet with UCS level 3 found"))
        #expect(descriptor.contains("Rock Ridge signatures version 1 found"))
        #expect(descriptor.contains("Logical block size is: 2048"))
    }

    @Test(arguments: [IsoInfo.Names.rockRidge, .joliet])
    func realNamesAndContentsSurvive(names: IsoInfo.Names) throws {
        let files = Self.configDrive + [
            .init(path: "user-data", contents: Array(("#cloud-config\nssh_authorized_keys:\n- " + Self.sshKey).utf8)),
            .init(path: "network-config", contents: Array("version: 2\n".utf8)),
        ]
        let reader = try IsoInfo(try ISO9660Image(volumeLabel: "config-2", files: files))
        #expect(try reader.paths(names).sorted() == [
            "/ec2", "/ec2/2009-04-04", "/ec2/2009-04-04/meta-data.json",
            "/network-config",
            "/openstack", "/openstack/content", "/openstack/content/0000", "/openstack/latest",
            "/openstack/latest/meta_data.json", "/openstack/latest/user_data",
            "/user-data",
        ])
        for file in files {
            #expect(try reader.contents(of: "/" + file.path, names) == file.contents, "\(file.path)")
        }
    }

    @Test func primaryNamesAreLevelOneIdentifiers() throws {
        let files: [ISO9660Image.File] = [
            .init(path: "user-data", contents: [1]),
            .init(path: "user_data", contents: [2]),
            .init(path: "openstack/latest/meta_data.json", contents: [3]),
        ]
        let reader = try IsoInfo(try ISO9660Image(volumeLabel: "x", files: files))
        #expect(try reader.paths(.primary).sorted() == [
            "/OPENSTAC", "/OPENSTAC/LATEST", "/OPENSTAC/LATEST/META_DAT.JSO;1", "/USER_DA1.;1", "/USER_DAT.;1",
        ])
        // Names that clash in 8.3 form still reach their own contents through Rock Ridge.
        #expect(try reader.contents(of: "/user-data", .rockRidge) == [1])
        #expect(try reader.contents(of: "/user_data", .rockRidge) == [2])
        #expect(try reader.contents(of: "/OPENSTAC/LATEST/META_DAT.JSO;1", .primary) == [3])
    }

    @Test func rockRidgeModesAreReadOnly() throws {
        let reader = try IsoInfo(try ISO9660Image(volumeLabel: "cidata", files: [.init(path: "a/meta-data", contents: [7])]))
        let listing = try reader.listing(.rockRidge)
        let meta = try #require(listing.split(separator: "\n").first { $0.hasSuffix(" meta-data ") })
        #expect(meta.hasPrefix("-r--r--r--"))
        let directory = try #require(listing.split(separator: "\n").first { $0.hasSuffix(" a ") })
        #expect(directory.hasPrefix("dr-xr-xr-x"))
    }

    @Test func emptyAndMultiSectorFilesAndManyEntriesReadBack() throws {
        let big = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        // Enough entries that the root directory's records span more than one sector.
        let many = (0..<60).map { ISO9660Image.File(path: "file-with-a-long-name-number-\($0)", contents: Array("\($0)".utf8)) }
        let files = [ISO9660Image.File(path: "empty", contents: []), .init(path: "big.bin", contents: big)] + many
        let image = try ISO9660Image(volumeLabel: "cidata", files: files)
        let reader = try IsoInfo(image)
        #expect(try reader.paths(.rockRidge).count == files.count)
        for file in files {
            #expect(try reader.contents(of: "/" + file.path, .rockRidge) == file.contents, "\(file.path)")
            #expect(try reader.contents(of: "/" + file.path, .joliet) == file.contents, "\(file.path)")
        }
        #expect(image.size % 2048 == 0)
    }

    /// The longest names allowed (64 characters, 165 UTF-8 bytes) still fit one directory record.
    @Test func longestNamesFit() throws {
        let files: [ISO9660Image.File] = [
            .init(path: String(repeating: "€", count: 55), contents: [1]),
            .init(path: String(repeating: "d", count: 64) + "/" + String(repeating: "f", count: 60) + ".txt", contents: [2]),
        ]
        let reader = try IsoInfo(try ISO9660Image(volumeLabel: "cidata", files: files))
        for file in files {
            #expect(try reader.contents(of: "/" + file.path, .rockRidge) == file.contents)
        }
        #expect(try reader.contents(of: "/" + files[1].path, .joliet) == files[1].contents)
        // isoinfo cannot print Joliet names as UTF-8; in ISO 8859-15, '€' is the byte 0xA4.
        let jolietNames = try ExternalTool.output(["isoinfo", "-f", "-J", "-j", "iso8859-15", "-i", reader.path]).standardOutput
        #expect(jolietNames.split(separator: UInt8(ascii: "\n")).contains { Array($0) == [UInt8(ascii: "/")] + Array(repeating: 0xA4, count: 55) })
        #expect(throws: ISO9660Error.self) {
            try ISO9660Image(volumeLabel: "cidata", files: [.init(path: String(repeating: "€", count: 56), contents: [])])
        }
    }

    @Test func sameFilesGiveSameBytesWhateverTheirOrder() throws {
        let first = try ISO9660Image(volumeLabel: "config-2", files: Self.configDrive)
        let second = try ISO9660Image(volumeLabel: "config-2", files: Self.configDrive.reversed())
        #expect(first.bytes() == second.bytes())
        let later = try ISO9660Image(volumeLabel: "config-2", files: Self.configDrive,
                                     recordedAt: .init(year: 2026, month: 11, day: 25, hour: 16))
        #expect(later.bytes() != first.bytes())
        #expect(try IsoInfo(later).listing(.rockRidge).contains("Nov 25 2026"))
    }
}

@Suite("ISO 9660 image errors")
struct ISO9660ImageErrorTests {
    private func error(label: String = "cidata", _ paths: [String]) -> ISO9660Error? {
        do {
            _ = try ISO9660Image(volumeLabel: label, files: paths.map { .init(path: $0, contents: []) })
            return nil
        } catch {
            return error
        }
    }

    @Test func labels() {
        #expect(error(label: "", ["a"]) == .emptyVolumeLabel)
        #expect(error(label: String(repeating: "x", count: 33), ["a"]) == .volumeLabelTooLong(label: String(repeating: "x", count: 33), limit: 32))
        #expect(error(label: String(repeating: "x", count: 32), ["a"]) == nil)
        #expect(error(label: "cïdata", ["a"]) == .invalidVolumeLabel(label: "cïdata", reason: "holds a character other than printable ASCII"))
        #expect(error(label: "cidata ", ["a"]) == .invalidVolumeLabel(label: "cidata ", reason: "starts or ends with a space"))
    }

    @Test func duplicatesAndFilesThatAreDirectories() {
        #expect(error(["meta-data", "user-data", "meta-data"]) == .duplicatePath(path: "meta-data"))
        #expect(error(["openstack", "openstack/latest/user_data"]) == .fileAndDirectory(path: "openstack"))
        #expect(error(["openstack/latest/user_data", "openstack/latest"]) == .fileAndDirectory(path: "openstack/latest"))
    }

    @Test(arguments: ["", "/user-data", "a//b", "a/", "./a", "a/../b", "a:b", "what?", "tab\tname",
                      String(repeating: "n", count: 65), "1/2/3/4/5/6/7/8/9"])
    func badPaths(path: String) throws {
        let failure = try #require(error([path]))
        guard case .invalidPath(let reported, let reason) = failure else {
            Issue.record("expected invalidPath, got \(failure)")
            return
        }
        #expect(reported == path)
        #expect(!reason.isEmpty)
    }

    @Test func messagesSayWhatToDo() {
        #expect(ISO9660Error.duplicatePath(path: "meta-data").description
            == "the image file path 'meta-data' is given twice; keep one of them")
        #expect(error(["/user-data"])?.description
            == "the image file path '/user-data' starts with '/'; write it relative to the image root, e.g. 'user-data'")
    }

    @Test func timestampOutOfRange() {
        #expect(throws: ISO9660Error.invalidTimestamp(reason: "has month 13; use 1 to 12")) {
            try ISO9660Image(volumeLabel: "cidata", files: [], recordedAt: .init(year: 2026, month: 13, day: 1))
        }
    }
}
