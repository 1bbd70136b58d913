import Foundation
import LibvirtBackend

/// `--simulate`: every connection of a deployment goes to libvirt's test driver, one world per
/// original URI, kept as a `<node>` document in the state directory
/// (`simulated/<deployment>/<uri>.xml`) so that separate commands see the same world.
public struct SimulatedWorlds: Sendable {
    public let directory: URL

    public init(stateDirectory: URL, deployment: String) {
        directory = stateDirectory.appendingPathComponent("simulated").appendingPathComponent(Self.fileSafe(deployment))
    }

    /// The test driver URI that stands for `uri`, e.g. `test:///…/simulated/demo/qemu___system.xml`.
    public func testURI(for uri: String) -> String {
        "test://" + directory.appendingPathComponent(Self.fileSafe(uri) + ".xml").path
    }

    /// Writes an empty world for each of `testURIs` that has no file yet (not test:///default's
    /// objects: a simulated host starts with nothing).
    public func prepare(_ testURIs: some Sequence<String>) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for uri in testURIs {
            guard let path = Self.worldPath(of: uri), !FileManager.default.fileExists(atPath: path) else { continue }
            try Data("<node>\n</node>\n".utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }

    /// Saves the world of every file-backed test connection among `uris` back to its file.
    public static func save(_ uris: some Sequence<String>, connections: LibvirtConnectionPool) async throws {
        for uri in Set(uris) {
            guard let path = worldPath(of: uri) else { continue }
            let document = try await connections.connection(for: uri).testWorldDocument()
            try Data(document.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }

    /// The file of a `test:///ABSOLUTE/PATH.xml` URI; nil for any other URI.
    public static func worldPath(of uri: String) -> String? {
        guard uri.hasPrefix("test:///"), uri.hasSuffix(".xml") else { return nil }
        return String(uri.dropFirst("test://".count))
    }

    private static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
    }
}
