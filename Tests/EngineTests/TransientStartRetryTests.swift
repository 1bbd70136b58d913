@testable import Engine
import Foundation
import LibvirtBackend
import Testing

/// A guest start that hits libvirt's cgroup race (seen in CI: two guests started at once on a
/// cgroup v1 host, one failed writing cpuset.memory_migrate) is tried again; other failures are not.
@Suite struct TransientStartRetryTests {
    static let cgroupRace = LibvirtError(code: .systemError, domain: .none, message: """
        Unable to write to '/sys/fs/cgroup/cpuset/machine/qemu-2-e2e-a-db-1.libvirt-qemu/cpuset.memory_migrate': \
        No such file or directory
        """, operation: "virDomainCreate")

    /// A defined, stopped domain on the test driver, on a connection of its own.
    static func stoppedDomain() async throws -> LibvirtDomain {
        let connection = try await LibvirtConnection.open("test:///default")
        let name = "retry-\(UUID().uuidString.prefix(8))"
        return try await connection.defineDomain(xml: """
            <domain type='test'><name>\(name)</name><memory>65536</memory><os><type>hvm</type></os></domain>
            """)
    }

    @Test func aCgroupRaceIsRetriedAndTheDomainStarts() async throws {
        let domain = try await Self.stoppedDomain()
        let attempts = Counter()
        try await TransientStartRetry.run(domain) {
            if attempts.next() == 1 { throw Self.cgroupRace }
            try await domain.start()
        }
        #expect(attempts.value == 2)
        #expect(try await domain.isActive())
    }

    @Test func aRaceThatPersistsIsReportedAfterTheLastAttempt() async throws {
        let domain = try await Self.stoppedDomain()
        let attempts = Counter()
        await #expect(throws: LibvirtError.self) {
            try await TransientStartRetry.run(domain) {
                _ = attempts.next()
                throw Self.cgroupRace
            }
        }
        #expect(attempts.value == TransientStartRetry.attempts)
    }

    @Test func otherFailuresAreNotRetried() async throws {
        let domain = try await Self.stoppedDomain()
        let attempts = Counter()
        let missingKernel = LibvirtError(code: .operationFailed, domain: .qemu,
                                         message: "Cannot access storage file '/nowhere/vmlinuz'", operation: "virDomainCreate")
        await #expect(throws: LibvirtError.self) {
            try await TransientStartRetry.run(domain) {
                _ = attempts.next()
                throw missingKernel
            }
        }
        #expect(attempts.value == 1)
        #expect(!TransientStartRetry.isTransient(missingKernel))
    }
}

/// Counts calls from the retried closure.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func next() -> Int { lock.withLock { count += 1; return count } }
}
