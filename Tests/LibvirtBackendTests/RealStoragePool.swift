import Foundation
import Testing
@testable import LibvirtBackend

/// A dir pool in a fresh temporary directory on the real libvirtd named by
/// BLUEVIRT_TEST_LIBVIRT_URI, removed with all its volumes and its directory after the test.
enum RealStoragePool {
    static let uri = ProcessInfo.processInfo.environment["BLUEVIRT_TEST_LIBVIRT_URI"]
    static let isAvailable = uri != nil
    static let requirement: Comment =
        "needs BLUEVIRT_TEST_LIBVIRT_URI: a libvirtd with the storage driver; scripts/test.sh starts one as root"

    /// Runs `body` with an active pool named bvtest-images-… and its directory; cleans up
    /// whether `body` returns or throws.
    static func with<Result>(
        _ body: (LibvirtStoragePool, URL) async throws -> Result
    ) async throws -> Result {
        let connection = try await LibvirtConnection.open(uri)
        let name = "bvtest-images-\(UUID().uuidString.prefix(8).lowercased())"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        let pool = try await connection.defineStoragePool(xml: """
            <pool type='dir'>
              <name>\(name)</name>
              <target><path>\(directory.path)</path></target>
            </pool>
            """, validate: true)
        do {
            try await pool.build()
            try await pool.start()
            let result = try await body(pool, directory)
            await remove(pool, directory: directory)
            return result
        } catch {
            await remove(pool, directory: directory)
            throw error
        }
    }

    /// Best effort at every step, so that one failure does not leave the rest behind.
    private static func remove(_ pool: LibvirtStoragePool, directory: URL) async {
        if (try? await pool.isActive()) == true {
            try? await pool.refresh()
            for volume in (try? await pool.allVolumes()) ?? [] { try? await volume.delete() }
            try? await pool.destroy()
        }
        try? await pool.undefine()
        try? FileManager.default.removeItem(at: directory)
    }

    static func volumeXML(name: String, bytes: UInt64, format: String) -> String {
        """
        <volume>
          <name>\(name)</name>
          <capacity unit='bytes'>\(bytes)</capacity>
          <target><format type='\(format)'/></target>
        </volume>
        """
    }

    /// Bytes that differ from chunk to chunk, so a chunk sent twice or out of order shows.
    static func patternedBytes(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 4099) }
    }
}

/// Collects progress calls from a libvirt thread.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [(sent: UInt64, total: UInt64)] = []

    func record(_ sent: UInt64, _ total: UInt64) {
        lock.lock()
        calls.append((sent, total))
        lock.unlock()
    }

    var recorded: [(sent: UInt64, total: UInt64)] {
        lock.lock()
        defer { lock.unlock() }
        return calls
    }
}
