import Foundation
import Testing
@testable import LibvirtBackend

/// Files on a connection's host, found through libvirt's storage API (a real libvirtd: the test
/// driver's pools hold no files).
@Suite(.enabled(if: RealStoragePool.isAvailable, RealStoragePool.requirement))
struct HostFilesTests {
    @Test func aFileIsFoundInItsFolderAndAMissingOneOrFolderIsNot() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-hostfiles-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "kernel".write(to: folder.appendingPathComponent("vmlinuz"), atomically: true, encoding: .utf8)
        let connection = try await LibvirtConnection.open(RealStoragePool.uri)
        #expect(try await connection.fileExists(atPath: folder.appendingPathComponent("vmlinuz").path) == true)
        #expect(try await connection.fileExists(atPath: folder.appendingPathComponent("initrd.gz").path) == false)
        #expect(try await connection.fileExists(atPath: folder.appendingPathComponent("missing/vmlinuz").path) == false)
        // The transient pool used for looking is gone again.
        #expect(try await connection.allStoragePools().allSatisfy { !$0.name.hasPrefix("bluevirt-path-check-") })
    }
}
