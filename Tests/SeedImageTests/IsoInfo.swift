import Foundation
import Testing
@testable import SeedImage

/// Reads an image back with isoinfo, a reader that shares no code with SeedImage.
struct IsoInfo {
    static let isAvailable = ExternalTool.isAvailable("isoinfo")
    static let unavailableReason: Comment = "needs isoinfo from Debian's genisoimage package; scripts/setup.sh installs it"

    enum Names: String {
        case rockRidge = "-R"
        case joliet = "-J"
        case primary = ""
    }

    private let directory: TemporaryDirectory
    let path: String

    init(_ image: ISO9660Image) throws {
        directory = try TemporaryDirectory()
        path = directory.url.appendingPathComponent("image.iso").path
        try Data(image.bytes()).write(to: URL(fileURLWithPath: path))
    }

    /// `isoinfo -d`: the volume descriptor summary.
    func descriptor() throws -> String {
        try ExternalTool.output(["isoinfo", "-d", "-i", path]).text
    }

    /// `isoinfo -f`: every path in the image, as the chosen names show them.
    func paths(_ names: Names) throws -> [String] {
        try ExternalTool.output(["isoinfo", "-f", "-i", path] + flags(names)).text
            .split(separator: "\n").map(String.init)
    }

    /// `isoinfo -l`: the directory listing with modes.
    func listing(_ names: Names) throws -> String {
        try ExternalTool.output(["isoinfo", "-l", "-i", path] + flags(names)).text
    }

    /// `isoinfo -x`: one file's contents.
    func contents(of file: String, _ names: Names) throws -> [UInt8] {
        try ExternalTool.output(["isoinfo", "-i", path] + flags(names) + ["-x", file]).standardOutput
    }

    private func flags(_ names: Names) -> [String] {
        names == .primary ? [] : [names.rawValue]
    }
}
